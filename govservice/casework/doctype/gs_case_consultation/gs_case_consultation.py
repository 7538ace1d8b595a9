from govservice.security.rows import ParentScopedRow


class GSCaseConsultation(ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		conclusion: DF.SmallText
		meeting_date: DF.Date
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		participants: DF.SmallText | None
	# end: auto-generated types
	pass
