from govservice.security.rows import ParentScopedRow


class GSAgentLiaison(ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		subject_name: DF.Data
		subject_type: DF.Literal["Key Project", "Enterprise"]
	# end: auto-generated types
	pass
