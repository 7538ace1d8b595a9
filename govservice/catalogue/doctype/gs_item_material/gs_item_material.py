from govservice.security.rows import ParentScopedRow


class GSItemMaterial(ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		allows_deferred: DF.Check
		blank_form: DF.Attach | None
		copies: DF.Int
		is_required: DF.Check
		material_form: DF.Literal["Original", "Photocopy", "Original and Photocopy", "Electronic Copy"]
		material_name: DF.Data
		notes: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		sample: DF.Attach | None
	# end: auto-generated types
	pass
