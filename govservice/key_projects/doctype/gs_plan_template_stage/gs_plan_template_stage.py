from govservice.security.rows import ParentScopedRow


class GSPlanTemplateStage(ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		lead_department: DF.Link | None
		limit_days: DF.Int
		overlap_after_days: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		stage_name: DF.Data
	# end: auto-generated types
	pass
