from govservice.security.rows import ParentScopedRow


class GSProjectApprovalPause(ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		approval_row: DF.Data | None
		item_name: DF.Data | None
		missing_materials: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		paused_by: DF.Link | None
		paused_on: DF.Date | None
		resumed_on: DF.Date | None
	# end: auto-generated types
	pass
