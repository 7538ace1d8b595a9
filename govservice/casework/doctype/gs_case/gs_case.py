import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import today

from govservice.casework.doctype.gs_case.actions import CaseActions
from govservice.casework.doctype.gs_case.portal import ENTERPRISE_HANDLER, CasePortalRules
from govservice.casework.doctype.gs_case.transitions import STAGE_ACTIONS, CaseTransitions
from govservice.casework.errors import (  # noqa: F401 (re-exported for callers and tests)
	AgentChangeError,
	CaseError,
	ClosedCaseError,
	DoorToDoorError,
	MissingMaterialsError,
	OneTimeNoticeError,
	PortalChangeError,
	WrongLevelError,
)
from govservice.casework.ledger import log_action
from govservice.casework.stages import CLOSED_STAGES
from govservice.casework.workflow_actions import install as install_workflow_actions
from govservice.citizen_portal.utils import is_portal_user
from govservice.domain.identity import mask_resident_id
from govservice.organisation.utils import responsible_supervisor
from govservice.security.registry import is_admin
from govservice.utils import check_phone, checked_credit_code, checked_resident_id, shown

# a case is saved only after this module is imported: its workflow bookkeeping is decided here
install_workflow_actions()

# Who may file for which target of an item (办事指南: 服务对象)
TARGET_APPLICANTS = {
	"Individual": ("Individual",),
	"Legal Person": ("Enterprise",),
	"Individual and Legal Person": ("Individual", "Enterprise"),
}


# what a completed case's plain save may still change: how its result is handed over
COMPLETED_CHANGES = ("delivery_method", "ems_tracking_number", "result_ready_on", "result", "archived_on")


def table_rows(doc, df) -> list:
	"""A table's rows as compared for a completed case: their data, not their bookkeeping."""
	skip = {
		"name",
		"modified",
		"creation",
		"owner",
		"modified_by",
		"idx",
		"parent",
		"parenttype",
		"parentfield",
	}
	return [
		{k: v for k, v in row.as_dict(no_default_fields=True).items() if k not in skip}
		for row in doc.get(df.fieldname) or []
	]


class GSCase(CasePortalRules, CaseTransitions, CaseActions, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from govservice.casework.doctype.gs_case_consultation.gs_case_consultation import GSCaseConsultation
		from govservice.casework.doctype.gs_case_material.gs_case_material import GSCaseMaterial
		from govservice.casework.doctype.gs_case_pause.gs_case_pause import GSCasePause
		from govservice.casework.doctype.gs_case_task.gs_case_task import GSCaseTask

		accepted_on: DF.Datetime | None
		accepted_with_deferral: DF.Check
		address: DF.SmallText | None
		agent: DF.Link
		agent_change_reason: DF.SmallText | None
		agent_name: DF.Data | None
		agent_user: DF.Link | None
		agreement_signed_date: DF.Date | None
		applicant_name: DF.Data
		applicant_type: DF.Literal["Individual", "Enterprise"]
		archived_on: DF.Datetime | None
		backup_agent_user: DF.Link | None
		completed_on: DF.Datetime | None
		consultations: DF.Table[GSCaseConsultation]
		county_centre: DF.Link | None
		credit_code: DF.Data | None
		deadline_date: DF.Date | None
		delivery_method: DF.Literal["", "Window Pickup", "EMS", "Electronic Certificate"]
		ems_tracking_number: DF.Data | None
		fee_amount: DF.Currency
		filed_by_other: DF.Check
		filer_id_number: DF.Data | None
		filer_id_number_masked: DF.Data | None
		filer_name: DF.Data | None
		filer_relationship: DF.Literal[
			"",
			"Son or Daughter",
			"Father or Mother",
			"Spouse",
			"Other Relative",
			"Neighbour",
			"Village Cadre",
			"Enterprise Handler",
			"Other",
		]
		id_number: DF.Data | None
		id_number_masked: DF.Data | None
		intake_channel: DF.Literal[
			"Window", "Phone or Hotline", "Village Collection", "Door-to-Door Visit", "Online Portal"
		]
		is_door_to_door: DF.Check
		is_escalated: DF.Check
		is_paused: DF.Check
		is_special_group: DF.Check
		is_transfer_late: DF.Check
		item_name: DF.Data | None
		level: DF.Literal["County", "Township", "Village"]
		materials: DF.Table[GSCaseMaterial]
		materials_returned: DF.Check
		naming_series: DF.Literal["GS-CASE-.YYYY.-.#####"]
		not_accepted_reason: DF.SmallText | None
		paused_working_days: DF.Int
		pauses: DF.Table[GSCasePause]
		phone: DF.Data
		portal_user: DF.Link | None
		preferred_visit_time: DF.Data | None
		promised_limit_days: DF.Int
		received_on: DF.Datetime
		request_note: DF.SmallText | None
		result: DF.SmallText | None
		result_ready_on: DF.Datetime | None
		service_centre: DF.Link
		service_item: DF.Link
		special_group: DF.Literal["", "Elderly", "Lonely Elderly", "Person with Disability", "Orphan"]
		stage: DF.Literal[
			"Registered",
			"Awaiting Materials",
			"Accepted",
			"In Progress",
			"Completed",
			"Archived",
			"Not Accepted",
			"Terminated",
		]
		status: DF.Link | None
		supervisor_user: DF.Link | None
		supplementary_notice_reason: DF.SmallText | None
		tasks: DF.Table[GSCaseTask]
		terminated_by: DF.Literal["", "Applicant", "Cannot Be Completed"]
		termination_reason: DF.SmallText | None
		township_centre: DF.Link | None
		transfer_reason: DF.SmallText | None
		transferred_from: DF.Link | None
		transferred_on: DF.Datetime | None
		urgency: DF.Literal["Normal", "Urgent", "Green Channel"]
	# end: auto-generated types
	"""A proxy-handling case (代办件) from registration to archive; its states follow the GS Case workflow,
	and its rules follow what each state means (its stage, casework/stages.py)."""

	def validate(self) -> None:
		if is_portal_user():
			self.validate_portal_changes()
		self.validate_not_closed()
		self.validate_completed_record()
		self.validate_applicant()
		self.validate_door_to_door()
		self.set_item_defaults()
		self.validate_agent()
		self.set_recipients()
		self.set_stage()
		self.transition = self.detect_transition()
		if self.transition:
			self.apply_transition(*self.transition)
		self.validate_tasks()

	def on_update(self) -> None:
		previous = self.get_doc_before_save()
		if not previous:
			note = _("Received through {0}").format(_(self.intake_channel))
			if self.flags.uploaded_materials:
				note += " · " + _("Uploaded: {0}").format("、".join(self.flags.uploaded_materials))
			log_action(self, "Registered", note)
		elif self.transition:
			old, new = self.transition
			action = "Materials Supplied" if old == "Awaiting Materials" else STAGE_ACTIONS.get(new)
			if action:
				log_action(self, action, self.transition_note(action))
		elif previous.status != self.status:
			# a state an administrator added, with the same meaning as the last one
			log_action(self, "Other Note", _("State: {0}").format(_(self.status)))
		if previous and previous.agent != self.agent:
			log_action(self, "Agent Changed", self.agent_change_reason)

	# --- validation -------------------------------------------------------------------------------------

	def validate_not_closed(self) -> None:
		"""A closed case (archived, not accepted, terminated) is a record: nothing on it changes, except by
		an administrator or the system."""
		previous = self.get_doc_before_save()
		if (
			previous
			and previous.stage in CLOSED_STAGES
			and not self.flags.ignore_permissions
			and not is_admin()
		):
			frappe.throw(
				_("This case is closed ({0}); it can no longer be changed.").format(_(previous.status)),
				ClosedCaseError,
				title=_("Closed Case"),
			)

	def validate_completed_record(self) -> None:
		"""A completed case is a record too: a plain save may still say how its result is handed over (the
		delivery, its EMS number, the result, when it was ready) and take the workflow on to the archive;
		its applicant, item, materials and everything else stay as completed."""
		previous = self.get_doc_before_save()
		if not previous or previous.stage != "Completed" or self.flags.ignore_permissions or is_admin():
			return
		from govservice.security.writes import NO_DATA_TYPES, differs, workflow_fields_of

		allowed = {*COMPLETED_CHANGES, *workflow_fields_of(self.doctype)}
		changed = [
			df
			for df in self.meta.fields
			if df.fieldtype not in NO_DATA_TYPES
			and df.fieldname not in allowed
			and (
				(df.fieldtype == "Table" and table_rows(self, df) != table_rows(previous, df))
				or (
					df.fieldtype != "Table"
					and differs(df, self.get(df.fieldname), previous.get(df.fieldname))
				)
			)
		]
		if changed:
			frappe.throw(
				_(
					"This case is completed: only how its result is handed over can still change ({0})."
				).format("、".join(_(df.label) for df in changed)),
				ClosedCaseError,
				title=_("Completed Case"),
			)

	def validate_applicant(self) -> None:
		self.phone = check_phone(self.phone, CaseError, _("Phone"))
		target = frappe.get_cached_value("GS Service Item", self.service_item, "target")
		if target in TARGET_APPLICANTS and self.applicant_type not in TARGET_APPLICANTS[target]:
			frappe.throw(
				_("{0} is for {1} only.").format(
					frappe.get_cached_value("GS Service Item", self.service_item, "item_name"), _(target)
				),
				CaseError,
				title=_("Applicant Type"),
			)
		if self.applicant_type == "Individual":
			self.id_number = checked_resident_id(self.id_number, CaseError)
			self.id_number_masked = mask_resident_id(self.id_number)
		else:
			self.credit_code = checked_credit_code(self.credit_code, CaseError)
			self.id_number = self.id_number_masked = None
		self.validate_pickup_centre()
		self.validate_filer()
		if self.is_special_group and self.urgency == "Normal":
			self.urgency = "Green Channel"  # 特殊群体绿色通道

	def validate_pickup_centre(self) -> None:
		"""全县域通办 within the county: the results window is a centre of the handling centre's county."""
		before = None if self.is_new() else self.get_doc_before_save()
		if before and self.result_ready_on and (before.pickup_centre or "") != (self.pickup_centre or ""):
			frappe.throw(
				_("The result is at its results window already; it is collected there."),
				CaseError,
				title=_("Results Window At"),
			)
		if not self.pickup_centre:
			return
		from govservice.security.scope import ancestors

		county = ancestors(self.service_centre)[1]
		if ancestors(self.pickup_centre)[1] != county:
			frappe.throw(
				_("The result is collected at a centre of the county that handles the case."),
				CaseError,
				title=_("Results Window At"),
			)

	def validate_filer(self) -> None:
		"""Filed by someone else (a relative, a neighbour, an enterprise's handler): who, with their ID and
		their relationship to the applicant, so the agreement names both."""
		if not self.filed_by_other:
			self.filer_name = self.filer_id_number = self.filer_id_number_masked = None
			self.filer_relationship = None
			return
		if not (self.filer_name or "").strip() or not self.filer_relationship:
			frappe.throw(
				_("Give the name of the person who filed for the applicant and how they are related."),
				CaseError,
				title=_("Filed on the Applicant's Behalf"),
			)
		if self.filer_id_number or self.filer_relationship != ENTERPRISE_HANDLER:
			self.filer_id_number = checked_resident_id(self.filer_id_number, CaseError)
		self.filer_id_number_masked = mask_resident_id(self.filer_id_number) if self.filer_id_number else None

	def validate_door_to_door(self) -> None:
		"""上门办 is for special groups (seed 000: 高龄老人、孤寡老人、残疾人、孤儿), at their address."""
		if not self.is_door_to_door:
			return
		if not (self.is_special_group and self.special_group):
			frappe.throw(
				_("Door-to-door service is for special groups: choose the group the applicant belongs to."),
				DoorToDoorError,
				title=_("Door-to-Door Service"),
			)
		if not (self.address or "").strip() or not (self.preferred_visit_time or "").strip():
			frappe.throw(
				_("Give the address to visit and a preferred time for door-to-door service."),
				DoorToDoorError,
				title=_("Door-to-Door Service"),
			)
		if not frappe.get_cached_value("GS Service Item", self.service_item, "offers_door_to_door"):
			frappe.throw(
				_("{0} is not on the door-to-door list.").format(shown(self.service_item)),
				DoorToDoorError,
				title=_("Door-to-Door Service"),
			)

	def set_item_defaults(self) -> None:
		item = frappe.get_cached_doc("GS Service Item", self.service_item)
		self.fee_amount = item.fee_amount if item.is_charged else 0
		if self.is_new() and not self.materials:
			for material in item.materials:
				self.append(
					"materials",
					{
						"material_name": material.material_name,
						"is_required": material.is_required,
						"allows_deferred": material.allows_deferred,
					},
				)
		previous = self.get_doc_before_save()
		stored = {row.name: row for row in previous.materials} if previous else {}
		for row in self.materials:
			before = stored.get(row.name)
			if before and before.is_received and not row.is_received:
				row.is_verified = 0  # taken back (found missing after all): no longer checked either
			if row.is_verified:
				row.is_received = 1  # checked against the original: it is here
			if row.is_received and not row.received_date:
				row.received_date = today()

	def validate_agent(self) -> None:
		agent = frappe.db.get_value("GS Agent", self.agent, ["service_centre", "is_active"], as_dict=True)
		previous = self.get_doc_before_save()
		if self.is_new():
			if not agent or not agent.is_active or agent.service_centre != self.service_centre:
				frappe.throw(
					_("The first-contact agent must be an active agent of {0}.").format(self.service_centre),
					AgentChangeError,
					title=_("First-Contact Agent"),
				)
			return
		if previous and previous.agent != self.agent:
			# 首办负责: the first-contact agent stays responsible; a change needs a reason and a supervisor.
			if not (self.agent_change_reason or "").strip() or "GS Supervisor" not in frappe.get_roles():
				frappe.throw(
					_(
						"Only a supervisor can change the first-contact agent, and the reason must be recorded."
					),
					AgentChangeError,
					title=_("First-Contact Agent"),
				)
			if not agent or not agent.is_active or agent.service_centre != self.service_centre:
				frappe.throw(
					_("The first-contact agent must be an active agent of {0}.").format(self.service_centre),
					AgentChangeError,
					title=_("First-Contact Agent"),
				)

	def set_recipients(self) -> None:
		"""Users a Notification or an Assignment Rule can address: the agent, the agent's B post and the
		supervisor responsible for the centre (or the nearest one above)."""
		agent = frappe.db.get_value("GS Agent", self.agent, ["user", "backup_agent"], as_dict=True) or {}
		self.agent_user = agent.get("user")
		self.backup_agent_user = (
			frappe.db.get_value("GS Agent", agent.get("backup_agent"), "user")
			if agent.get("backup_agent")
			else None
		)
		self.supervisor_user = responsible_supervisor(self.service_centre)

	def validate_tasks(self) -> None:
		if not self.tasks:
			return
		leads = [row for row in self.tasks if row.is_lead]
		if not leads:
			self.tasks[0].is_lead = 1  # the first department leads (首办牵头)
		elif len(leads) > 1:
			frappe.throw(
				_("Only one department can lead a joint case."), CaseError, title=_("Joint Handling")
			)
		for row in self.tasks:
			if not row.task_deadline_date and self.deadline_date:
				row.task_deadline_date = self.deadline_date
			if row.task_status == "Finished" and not row.completed_date:
				row.completed_date = today()

	def on_trash(self) -> None:
		frappe.throw(
			_("Cases are never deleted. Terminate or archive the case instead."),
			frappe.PermissionError,
			title=_("Not Allowed"),
		)


def on_doctype_update() -> None:
	"""Indexes for what each role asks of a province's million cases: an agent's lists, counts and filters
	all start with the column of their centre's level (`township_centre = …`, govservice.security.scope);
	the desk sorts by creation (the list's default) or modification; the reminder job and the overdue cards
	go by stage and deadline; My Work's cards by the agent's user."""
	from govservice.security.scope import SCOPE_COLUMNS

	frappe.db.add_index("GS Case", ["status", "deadline_date"])
	frappe.db.add_index("GS Case", ["stage", "deadline_date"])
	frappe.db.add_index("GS Case", ["creation"])
	# the month's performance figures (govservice.supervision.performance)
	frappe.db.add_index("GS Case", ["received_on"])
	frappe.db.add_index("GS Case", ["completed_on"])
	frappe.db.add_index("GS Case", ["service_centre", "modified"])
	for field in SCOPE_COLUMNS:  # a village's, a township's, a county's cases: newest first, or in a state
		frappe.db.add_index("GS Case", [field, "creation"])
		frappe.db.add_index("GS Case", [field, "status", "creation"])
	frappe.db.add_index("GS Case", ["agent_user", "stage", "deadline_date"])
	# the cases an agent follows outside their centre (sent up), in their list's order
	frappe.db.add_index("GS Case", ["agent_user", "creation"])
	frappe.db.add_index("GS Case", ["backup_agent_user", "creation"])
	frappe.db.add_index("GS Case", ["portal_user"])  # a citizen's own requests (and their notices)
	# 全县域通办台账: what a centre received and passed on to the centre that handles it
	frappe.db.add_index("GS Case", ["transferred_from", "transferred_on"])
