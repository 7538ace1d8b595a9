"""满意度问卷: one answer about a township or village centre, for the quarterly assessment (综合考核).
Anonymous: an answer on the portal keeps no account and no address; one entered from paper, a forum or a
field visit keeps who entered it. An answer is never changed or deleted."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime


class GSQuestionnaireResponse(Document):
	def validate(self) -> None:
		if not self.is_new():
			frappe.throw(_("A questionnaire answer is not changed."), frappe.PermissionError)
		if frappe.db.get_value("GS Service Centre", self.service_centre, "level") not in (
			"Township",
			"Village",
		):
			frappe.throw(_("Choose the township or village service centre you visited."))
		self.answered_on = now_datetime()
		if self.flags.portal_answer:  # govservice.supervision.assessments.submit_questionnaire
			self.channel, self.entered_by = "Portal", None
		else:
			if self.channel == "Portal":  # staff enter what was collected elsewhere
				self.channel = "Paper Questionnaire"
			self.entered_by = frappe.session.user

	def on_trash(self) -> None:
		frappe.throw(_("A questionnaire answer is never deleted."), frappe.PermissionError)


def on_doctype_update() -> None:
	from govservice.security.scope import SCOPE_COLUMNS

	for field in SCOPE_COLUMNS:
		frappe.db.add_index("GS Questionnaire Response", [field, "answered_on"])
