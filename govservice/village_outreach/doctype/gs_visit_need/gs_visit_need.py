"""A need found on a visit (its case once created)."""

import frappe

from govservice.security.rows import ParentScopedRow
from govservice.village_outreach.rows import RowOfItsRecord


class GSVisitNeed(RowOfItsRecord, ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		case_centre: DF.Link | None
		department_visit: DF.Check
		description: DF.SmallText
		gs_case: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		service_item: DF.Link | None
	# end: auto-generated types


def on_doctype_update() -> None:
	"""A case's save finds the rows that show it (govservice.village_outreach.cases.follow_case)."""
	frappe.db.add_index("GS Visit Need", ["gs_case"])
