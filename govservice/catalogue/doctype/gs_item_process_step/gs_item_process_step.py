from govservice.security.rows import ParentScopedRow


class GSItemProcessStep(ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		description: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		step_name: DF.Data
		time_limit_days: DF.Int
	# end: auto-generated types
	pass
