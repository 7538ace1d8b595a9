from govservice.security.rows import ParentScopedRow


class GSProjectDeferredMaterial(ParentScopedRow):
	"""容缺: a material an approval goes ahead without, promised by a date, reminded, and holding its stage's
	completion (or the licence's issue) until it arrives."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		blocks: DF.Literal["Stage Completion", "Licence Issue"]
		department: DF.Link | None
		is_escalated: DF.Check
		item_name: DF.Data
		material_name: DF.Data
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		promised_date: DF.Date
		received_by: DF.Link | None
		received_on: DF.Date | None
	# end: auto-generated types
	pass
