"""综合考核: the quarterly assessment of the townships (govservice.supervision.assessments). The supervisory
department opens it, records the scores of department staff stationed in townships, computes the ranking
and publishes it; a published assessment does not change."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate

from govservice.domain.evaluation_rules import quarter_period, score_refusal


class GSTownshipAssessment(Document):
	def validate(self) -> None:
		before = self.get_doc_before_save()
		if before and before.status == "Published" and not self.flags.assessment_action:
			frappe.throw(_("A published assessment does not change."), frappe.PermissionError)
		if self.is_new():
			try:
				self.period_start, self.period_end = quarter_period(cint(self.year), cint(self.quarter))
			except ValueError:
				frappe.throw(_("Choose a year from 2000 to 2100 and a quarter from 1 to 4."))
			if getdate(self.period_start) > getdate():
				frappe.throw(_("A quarter is assessed once it has begun."))
			self.status = "Draft"
		for row in self.stationed_staff:
			for field in ("township_score", "department_score"):
				if row.get(field) not in (None, "") and score_refusal(row.get(field)):
					frappe.throw(_("Row {0}: a score is a whole number from 0 to 100.").format(row.idx))
			if frappe.db.get_value("GS Service Centre", row.township, "level") != "Township":
				frappe.throw(_("Row {0}: choose a township.").format(row.idx))
		from govservice.supervision.assessments import fill_stationed_totals

		fill_stationed_totals(self)

	def on_trash(self) -> None:
		frappe.throw(_("An assessment is never deleted."), frappe.PermissionError)
