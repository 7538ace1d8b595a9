from govservice.security.rows import ParentScopedRow


class GSCaseMaterial(ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		allows_deferred: DF.Check
		is_received: DF.Check
		is_required: DF.Check
		is_verified: DF.Check
		material_name: DF.Data
		notes: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		portal_file: DF.Attach | None
		received_date: DF.Date | None
	# end: auto-generated types
	pass
