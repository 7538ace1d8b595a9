"""监察预警: one alert per red clock, issued by the day's supervision run (govservice.supervision.alerts) and
handled by the supervisory department: it records the handling (情况说明 / 纠错 / 问责) and closes the alert.
Nothing else changes an alert, and none is ever deleted."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from govservice.security.scope import set_scope_centres
from govservice.security.writes import save_as_action
from govservice.supervision.permissions import require_supervisory

HANDLINGS = ("Explanation", "Correction", "Accountability")


class AlertError(frappe.ValidationError):
	pass


class GSSupervisionAlert(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		clock: DF.Literal["Case Deadline", "Complaint Deadline", "Project Approval", "Rectification"]
		closed_by: DF.Link | None
		closed_on: DF.Datetime | None
		county_centre: DF.Link | None
		department: DF.Link | None
		due_date: DF.Date | None
		handled_by: DF.Link | None
		handled_on: DF.Datetime | None
		handling: DF.Literal["", "Explanation", "Correction", "Accountability"]
		handling_note: DF.SmallText | None
		issued_on: DF.Datetime | None
		level: DF.Literal["Yellow Warning", "Red Card"]
		naming_series: DF.Literal["GS-ALERT-.YYYY.-.#####"]
		overdue_days: DF.Int
		post: DF.Literal["Agent", "Department Contact", "Responsible Person"]
		raised_on: DF.Datetime | None
		responsible_name: DF.Data | None
		responsible_phone: DF.Data | None
		responsible_user: DF.Link | None
		service_centre: DF.Link | None
		source_doctype: DF.Link | None
		source_name: DF.DynamicLink | None
		source_row: DF.Data | None
		status: DF.Literal["Open", "Closed"]
		subject: DF.Data | None
		township_centre: DF.Link | None
	# end: auto-generated types

	def validate(self) -> None:
		set_scope_centres(self)

	def check_supervisory(self) -> None:
		# alerts are the supervision run's: an action never inserts one
		if self.is_new() or not self.name or not frappe.db.exists(self.doctype, self.name):
			raise frappe.PermissionError(_("Only the supervisory department handles supervision alerts."))
		require_supervisory(_("Only the supervisory department handles supervision alerts."))

	@frappe.whitelist()
	def record_handling(self, handling: str, note: str) -> None:
		"""The supervisory department's handling of the alert: an explanation taken, a correction ordered or
		accountability pursued, with its note."""
		self.check_supervisory()
		if self.status == "Closed":
			frappe.throw(_("This alert is closed."), AlertError, title=_("Supervision Alert"))
		if handling not in HANDLINGS:
			frappe.throw(_("Choose how the alert was handled."), AlertError, title=_("Supervision Alert"))
		note = (note or "").strip()
		if not note:
			frappe.throw(_("Write what was found and done."), AlertError, title=_("Supervision Alert"))
		self.handling, self.handling_note = handling, note[:2000]
		self.handled_by, self.handled_on = frappe.session.user, now_datetime()
		save_as_action(self)  # checked above; the fields are the action's own
		self.add_comment("Info", _("Handling recorded: {0}").format(_(handling)))

	@frappe.whitelist()
	def close_alert(self) -> None:
		"""Close a handled alert; it stays in the register."""
		self.check_supervisory()
		if self.status == "Closed":
			frappe.throw(_("This alert is closed."), AlertError, title=_("Supervision Alert"))
		if not self.handling:
			frappe.throw(
				_("Record how the alert was handled before closing it."),
				AlertError,
				title=_("Supervision Alert"),
			)
		self.status = "Closed"
		self.closed_by, self.closed_on = frappe.session.user, now_datetime()
		save_as_action(self)
		self.add_comment("Info", _("Alert closed"))


def on_doctype_update() -> None:
	"""The scope's column first (a supervisor's centres), then the list's sort; the responsible person's own;
	the day's run finding a clock's alerts."""
	from govservice.security.scope import SCOPE_COLUMNS

	for field in SCOPE_COLUMNS:
		frappe.db.add_index("GS Supervision Alert", [field, "creation"])
	frappe.db.add_index("GS Supervision Alert", ["responsible_user", "creation"])
	frappe.db.add_index("GS Supervision Alert", ["source_doctype", "source_name"])
	frappe.db.add_index("GS Supervision Alert", ["status", "level"])
	frappe.db.add_index("GS Supervision Alert", ["issued_on"])
