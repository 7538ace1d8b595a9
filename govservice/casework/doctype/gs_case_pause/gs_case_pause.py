from govservice.security.rows import ParentScopedRow


class GSCasePause(ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from_date: DF.Date
		notice: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		paused_working_days: DF.Int
		to_date: DF.Date | None
	# end: auto-generated types
	pass
