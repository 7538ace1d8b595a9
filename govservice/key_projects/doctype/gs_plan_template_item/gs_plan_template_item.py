from govservice.security.rows import ParentScopedRow


class GSPlanTemplateItem(ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		department: DF.Link | None
		is_parallel: DF.Check
		is_required: DF.Check
		prerequisites: DF.SmallText | None
		item_name: DF.Data
		limit_days: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		service_item: DF.Link | None
		stage_name: DF.Data
	# end: auto-generated types
	pass
