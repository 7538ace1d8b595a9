"""联席会议: the supervisory department plans the month's joint meeting, drafts its agenda from the month
(govservice.supervision.meetings), records attendance, the minutes and the decisions; the owner department of
a decision reports it done (a button), and nobody marks a decision done by a plain save."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from govservice.domain.performance_rules import month_of
from govservice.security.writes import save_as_action
from govservice.supervision.permissions import is_supervisory

DONE_FIELDS = ("decision_status", "done_on", "done_by", "done_note")


class MeetingError(frappe.ValidationError):
	pass


class GSJointMeeting(Document):
	def validate(self) -> None:
		if self.review_month:
			self.review_month = month_of(getdate(self.review_month))
			self.title = _("{0} Joint Meeting").format(f"{self.review_month:%Y-%m}")
		self.keep_done_fields()

	def keep_done_fields(self) -> None:
		"""A decision's progress is its owner department's report (`mark_decision_done`): a save keeps it as
		stored, and a new decision starts open."""
		if self.flags.reporting_done:
			return
		before = self.get_doc_before_save()
		stored = {row.name: row for row in (before.decisions if before else [])}
		for row in self.decisions:
			old = stored.get(row.name)
			for field in DONE_FIELDS:
				row.set(field, old.get(field) if old else None)
			if not old:
				row.decision_status = "Open"

	def check_stored(self) -> None:
		if self.is_new() or not self.name or not frappe.db.exists(self.doctype, self.name):
			raise frappe.PermissionError(_("Save the meeting first."))

	@frappe.whitelist()
	def draft_agenda(self) -> int:
		"""Replace the drafted agenda items with the month's (items of section Other, which people typed, stay)."""
		from govservice.supervision.meetings import agenda_rows

		self.check_stored()
		self.check_permission("write")
		kept = [row.as_dict() for row in self.agenda if row.section == "Other"]
		self.set("agenda", [])
		for row in agenda_rows(getdate(self.review_month), getdate(today())):
			self.append("agenda", row)
		for row in kept:
			self.append("agenda", {k: row.get(k) for k in ("section", "subject", "note")})
		save_as_action(self)  # write permission checked above; the links are the app's
		return len(self.agenda)

	@frappe.whitelist()
	def mark_decision_done(self, row: str, note: str) -> None:
		"""The owner department (its contact or leader in charge) reports a decision done, with what was done."""
		from govservice.supervision.meetings import owners_of

		self.check_stored()
		decision = next((d for d in self.decisions if d.name == row), None)
		if not decision:
			frappe.throw(_("This meeting has no such decision."), MeetingError)
		user = frappe.session.user
		if not (is_supervisory() or user in owners_of(decision.owner_department)):
			raise frappe.PermissionError(_("Only the owner department reports its decision done."))
		if decision.decision_status == "Done":
			frappe.throw(_("This decision is already reported done."), MeetingError)
		note = (note or "").strip()
		if not note:
			frappe.throw(_("Say what was done."), MeetingError)
		decision.decision_status, decision.done_on = "Done", getdate(today())
		decision.done_by, decision.done_note = user, note[:1000]
		save_as_action(
			self, reporting_done=True
		)  # checked above: the owner department reads the meeting only
		self.add_comment("Info", _("Decision reported done: {0}").format(decision.decision[:80]))
