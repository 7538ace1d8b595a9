import frappe

from govservice.security.rows import ParentScopedRow


class GSProjectApproval(ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		approval_number: DF.Data | None
		approval_status: DF.Literal["Not Started", "In Progress", "Approved"]
		approved_on: DF.Date | None
		decision: DF.Literal["Standard", "Commitment", "Deferred Materials"]
		deferred_materials: DF.SmallText | None
		department: DF.Link | None
		due_date: DF.Date | None
		is_critical: DF.Check
		is_escalated: DF.Check
		is_parallel: DF.Check
		is_paused: DF.Check
		commitment_limit_days: DF.Int
		is_required: DF.Check
		last_urged_on: DF.Date | None
		prerequisites: DF.SmallText | None
		recorded_for_department: DF.Check
		verification_days: DF.Int
		verification_due: DF.Date | None
		verification_escalated: DF.Check
		verification_note: DF.SmallText | None
		verification_outcome: DF.Literal["", "Commitment Met", "Commitment Not Met"]
		verified_on: DF.Date | None
		item_name: DF.Data
		limit_days: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		planned_finish: DF.Date | None
		planned_start: DF.Date | None
		service_item: DF.Link | None
		slack_days: DF.Int
		stage_name: DF.Data
		started_on: DF.Date | None
	# end: auto-generated types
	pass


def on_doctype_update() -> None:
	"""The reminder job reads the rows running towards a due date."""
	frappe.db.add_index("GS Project Approval", ["approval_status", "due_date"])
