from govservice.security.rows import ParentScopedRow


class GSProjectTeamMember(ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		department: DF.Link | None
		member_role: DF.Literal["Lead Unit", "Cooperating Unit", "Agent"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		person_name: DF.Data
		phone: DF.Data | None
		user: DF.Link | None
	# end: auto-generated types
	pass
