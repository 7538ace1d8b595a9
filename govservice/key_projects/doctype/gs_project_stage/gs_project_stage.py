import frappe

from govservice.security.rows import ParentScopedRow


class GSProjectStage(ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		completed_on: DF.Date | None
		due_date: DF.Date | None
		is_escalated: DF.Check
		lead_department: DF.Link | None
		limit_days: DF.Int
		opened_on: DF.Date | None
		over_limit: DF.Check
		overlap_after_days: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		planned_finish: DF.Date | None
		planned_start: DF.Date | None
		pre_review_deferred: DF.SmallText | None
		pre_reviewed_on: DF.Date | None
		stage_name: DF.Data
		stage_status: DF.Literal["Not Started", "Open", "Completed"]
	# end: auto-generated types
	pass


def on_doctype_update() -> None:
	"""The reminder job reads the rows running towards a due date."""
	frappe.db.add_index("GS Project Stage", ["stage_status", "due_date"])
