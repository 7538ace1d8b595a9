from govservice.security.rows import ParentScopedRow


class GSProjectMaterial(ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		file: DF.Attach | None
		for_approvals: DF.SmallText | None
		material_name: DF.Data
		material_status: DF.Literal["Missing", "Received", "Expired"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		received_on: DF.Date | None
		uploaded_by: DF.Link | None
		valid_until: DF.Date | None
		version: DF.Int
	# end: auto-generated types
	pass
