from govservice.security.rows import ParentScopedRow


class GSCalendarAdjustment(ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		adjustment_date: DF.Date
		is_working_day: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reason: DF.Data
	# end: auto-generated types
	pass
