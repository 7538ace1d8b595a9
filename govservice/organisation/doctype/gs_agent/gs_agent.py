import frappe
from frappe import _
from frappe.model.document import Document

from govservice.organisation.utils import sync_centre_scope
from govservice.utils import shown

AGENT_ROLE = "GS Agent"


class BackupAgentError(frappe.ValidationError):
	pass


class GSAgent(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from govservice.organisation.doctype.gs_agent_liaison.gs_agent_liaison import GSAgentLiaison

		agent_name: DF.Data
		agent_role: DF.Literal["Proxy Agent", "Assistance Agent", "Liaison"]
		backup_agent: DF.Link | None
		employee: DF.Link | None
		employment: DF.Literal["Full-time", "Part-time"]
		is_active: DF.Check
		level: DF.Literal["County", "Township", "Village"]
		liaison_for: DF.Table[GSAgentLiaison]
		naming_series: DF.Literal["GS-AGT-.#####"]
		phone: DF.Data | None
		service_centre: DF.Link
		show_on_portal: DF.Check
		user: DF.Link

	# end: auto-generated types
	def validate(self) -> None:
		self.validate_user()
		self.set_employee()
		self.validate_backup_agent()

	def validate_user(self) -> None:
		"""An agent is a staff account: never a citizen's portal account or the Administrator (the agent
		record gives the account the GS Agent role and the centre's scope)."""
		if self.user in ("Administrator", "Guest") or "GS Portal User" in frappe.get_roles(self.user):
			frappe.throw(
				_("{0} is not a staff account; an agent needs a desk user.").format(shown(self.user)),
				frappe.ValidationError,
				title=_("Agent"),
			)

	def set_employee(self) -> None:
		if not self.employee and frappe.db.table_exists("Employee"):
			self.employee = frappe.db.get_value("Employee", {"user_id": self.user, "status": "Active"})

	def validate_backup_agent(self) -> None:
		if not self.backup_agent:
			return
		if self.backup_agent == self.name:
			frappe.throw(_("An agent cannot be their own backup."), BackupAgentError, title=_("Backup Agent"))
		backup = frappe.db.get_value(
			"GS Agent", self.backup_agent, ["service_centre", "is_active", "agent_name"], as_dict=True
		)
		if not backup.is_active:
			frappe.throw(
				_("The backup agent {0} is not active.").format(backup.agent_name),
				BackupAgentError,
				title=_("Backup Agent"),
			)
		if backup.service_centre != self.service_centre:
			frappe.throw(
				_("The backup agent {0} must work at the same service centre ({1}).").format(
					backup.agent_name, self.service_centre
				),
				BackupAgentError,
				title=_("Backup Agent"),
			)

	def on_update(self) -> None:
		previous = self.get_doc_before_save()
		if previous and (previous.service_centre, previous.user) != (self.service_centre, self.user):
			sync_centre_scope(previous.user, previous.service_centre)
		sync_centre_scope(self.user, self.service_centre)
		if self.is_active:
			user = frappe.get_doc("User", self.user)
			if AGENT_ROLE not in {row.role for row in user.roles}:
				user.flags.ignore_permissions = True  # the role follows from the agent record being saved
				user.add_roles(AGENT_ROLE)
