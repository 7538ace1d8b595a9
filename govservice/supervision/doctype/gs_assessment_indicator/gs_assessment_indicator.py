"""考核指标: an indicator of the quarterly township assessment, its source and weight, kept by the
administrators (govservice.supervision.assessments)."""

import frappe
from frappe import _
from frappe.model.document import Document


class GSAssessmentIndicator(Document):
	def validate(self) -> None:
		if not 0 <= (self.weight or 0) <= 100:
			frappe.throw(_("A weight is between 0 and 100 points."))
