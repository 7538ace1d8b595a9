"""三亮三评 result of one agent or centre in a round: written by the round's actions
(govservice.supervision.evaluations), never by a save; read by the agent, their supervisors and the
supervisory department."""

import frappe
from frappe import _
from frappe.model.document import Document


class GSEvaluationResult(Document):
	def validate(self) -> None:
		frappe.throw(
			_("Evaluation results are computed by the app; a leader reviews with Leader's Review."),
			frappe.PermissionError,
		)

	def on_trash(self) -> None:
		frappe.throw(_("Evaluation results are never deleted."), frappe.PermissionError)


def on_doctype_update() -> None:
	from govservice.security.scope import SCOPE_COLUMNS

	for field in SCOPE_COLUMNS:
		frappe.db.add_index("GS Evaluation Result", [field, "round"])
	frappe.db.add_index("GS Evaluation Result", ["round", "agent"])
	frappe.db.add_index("GS Evaluation Result", ["agent_user", "round"])
