"""One request on a village's collection sheet (its case or reply once dispatched)."""

import frappe

from govservice.security.rows import ParentScopedRow
from govservice.village_outreach.rows import RowOfItsRecord


class GSCollectionRequest(RowOfItsRecord, ParentScopedRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		accepted_on: DF.Date | None
		address: DF.SmallText | None
		case_centre: DF.Link | None
		case_state: DF.Data | None
		gs_case: DF.Link | None
		id_number: DF.Data | None
		is_government_matter: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		phone: DF.Data
		referral: DF.Data | None
		reply: DF.SmallText | None
		request: DF.SmallText
		requester_name: DF.Data
		respond_by: DF.Date | None
		service_item: DF.Link | None
		special_group_member: DF.Link | None
		urgency: DF.Literal["Urgent Need", "Important Need", "Can Wait", "Minor Need"]
	# end: auto-generated types


def on_doctype_update() -> None:
	"""A case's save finds the rows that show it (govservice.village_outreach.cases.follow_case)."""
	frappe.db.add_index("GS Collection Request", ["gs_case"])
