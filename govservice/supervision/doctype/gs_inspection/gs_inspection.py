"""督查检查: the supervisory department inspects a centre against a checklist template, records each item's
result (with a photo) and its findings; completing the inspection scores it and gives each finding a
deadline in working days; the person responsible reports the rectification done, with what was done and
the evidence attached to the inspection. An overdue finding is a red clock of 电子监察
(govservice.supervision.alerts). A completed inspection changes only through these actions."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, today

from govservice.domain.inspection_rules import deadline_days_refusal, inspection_score, unrecorded
from govservice.security.writes import save_as_action
from govservice.supervision.permissions import is_supervisory


class InspectionError(frappe.ValidationError):
	pass


class GSInspection(Document):
	def validate(self) -> None:
		before = self.get_doc_before_save()
		if before and before.status == "Completed" and not self.flags.inspection_action:
			frappe.throw(
				_("A completed inspection is not changed; its findings are closed by their owners."),
				InspectionError,
			)
		for row in self.findings:
			if row.finding_status != "Closed":  # the account of the agent named, whoever typed what
				row.owner_user = frappe.db.get_value(
					"GS Agent", {"name": row.owner_agent, "is_active": 1}, "user"
				)
			if deadline_days_refusal(row.deadline_days):
				frappe.throw(
					_("Row {0}: give between 1 and {1} working days to rectify.").format(row.idx, 60),
					InspectionError,
				)
			if not row.owner_user or not can_answer_for(self, row.owner_user):
				frappe.throw(
					_("Row {0}: {1} is not staff of the centre inspected.").format(row.idx, row.owner_agent),
					InspectionError,
				)
		self.score = inspection_score([(row.result, row.points) for row in self.results]) or 0

	def check_stored_and_writable(self) -> None:
		if self.is_new() or not self.name or not frappe.db.exists(self.doctype, self.name):
			raise frappe.PermissionError(_("Save the inspection first."))
		self.check_permission("write")

	@frappe.whitelist()
	def load_checklist(self) -> int:
		"""The template's items as the checklist to fill in (a draft's results are replaced)."""
		self.check_stored_and_writable()
		if self.status != "Draft":
			frappe.throw(
				_("A completed inspection is not changed; its findings are closed by their owners."),
				InspectionError,
			)
		template = frappe.get_doc("GS Inspection Template", self.template)
		self.set("results", [])
		for item in template.items:
			self.append("results", {"item": item.item, "standard": item.standard, "points": item.points})
		save_as_action(
			self, inspection_action=True
		)  # write permission checked above; the items are the template's
		return len(self.results)

	@frappe.whitelist()
	def complete(self) -> float:
		"""Score the inspection, date each finding's rectification and tell those responsible."""
		from govservice.organisation.calendar import get_work_calendar

		self.check_stored_and_writable()
		if self.status != "Draft":
			frappe.throw(_("This inspection is completed."), InspectionError)
		if not self.results:
			frappe.throw(_("Load the checklist and record each item first."), InspectionError)
		missing = unrecorded([(row.result, row.points) for row in self.results])
		if missing:
			frappe.throw(
				_("Record a result for items {0}.").format("、".join(str(i) for i in missing)),
				InspectionError,
			)
		calendar = get_work_calendar()
		start = getdate(today())
		for row in self.findings:
			row.deadline_date = calendar.add_working_days(start, int(row.deadline_days))
			row.finding_status = "Open"
		self.status = "Completed"
		save_as_action(self, inspection_action=True)
		tell_owners(self)
		return self.score

	@frappe.whitelist()
	def close_finding(self, row: str, note: str, evidence: str | None = None) -> None:
		"""The person responsible reports a finding rectified: what was done and, where attached to this
		inspection, the evidence."""
		if self.is_new() or not frappe.db.exists(self.doctype, self.name):
			raise frappe.PermissionError(_("Save the inspection first."))
		finding = next((f for f in self.findings if f.name == row), None)
		if not finding:
			frappe.throw(_("This inspection has no such finding."), InspectionError)
		user = frappe.session.user
		if not (is_supervisory() or user == finding.owner_user):
			raise frappe.PermissionError(_("Only the person responsible closes this finding."))
		if self.status != "Completed" or finding.finding_status != "Open":
			frappe.throw(_("This finding is not open."), InspectionError)
		note = (note or "").strip()
		if not note:
			frappe.throw(_("Say how the finding was rectified."), InspectionError)
		if evidence and not frappe.db.exists(
			"File", {"file_url": evidence, "attached_to_doctype": self.doctype, "attached_to_name": self.name}
		):
			frappe.throw(_("Attach the evidence to this inspection first."), InspectionError)
		finding.finding_status, finding.closing_note, finding.evidence = "Closed", note[:1000], evidence
		finding.closed_on, finding.closed_by = getdate(today()), user
		save_as_action(
			self, inspection_action=True
		)  # checked above: the person responsible reads the inspection only
		self.add_comment("Info", _("Finding rectified: {0}").format(finding.finding[:80]))


def can_answer_for(inspection, user: str) -> bool:
	"""Whether `user` is staff who may read the inspection (the centre's agents and supervisors)."""
	return bool(frappe.db.get_value("User", {"name": user, "enabled": 1, "user_type": "System User"})) and (
		frappe.has_permission("GS Inspection", "read", doc=inspection, user=user)
	)


def tell_owners(inspection) -> None:
	"""A desk notification to each finding's owner, with the deadline."""
	from govservice.casework.reminders import Alerts

	told = Alerts("GS Inspection")
	for row in inspection.findings:
		told.add(
			inspection.name,
			_("Inspection finding to rectify by {0}: {1}").format(
				row.deadline_date, frappe.utils.escape_html(row.finding[:80])
			),
			{row.owner_user},
		)
	told.send(now_datetime(), email=False, title=_("{0} inspection findings"))


def on_doctype_update() -> None:
	from govservice.security.scope import SCOPE_COLUMNS

	for field in SCOPE_COLUMNS:
		frappe.db.add_index("GS Inspection", [field, "inspection_date"])
