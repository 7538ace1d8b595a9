from govservice.security.rows import ParentScopedRow


class GSServiceWindow(ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		is_seasonal: DF.Check
		officer: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		season_note: DF.Data | None
		window_name: DF.Data
		window_type: DF.Literal[
			"Comprehensive Acceptance",
			"Certificate Issuance",
			"Assistance and Consultation",
			"Other Proxy Affairs",
		]
	# end: auto-generated types
	pass
