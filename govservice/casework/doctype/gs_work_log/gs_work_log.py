from frappe.model.document import Document


class GSWorkLog(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action: DF.Literal[
			"Registered",
			"Accepted",
			"One-Time Notice",
			"Materials Supplied",
			"Started Handling",
			"Transferred",
			"Task Done",
			"Consultation",
			"Completed",
			"Result Ready",
			"Archived",
			"Not Accepted",
			"Terminated",
			"Agent Changed",
			"Call to Applicant",
			"Escalated",
			"Other Note",
		]
		agent: DF.Link | None
		county_centre: DF.Link | None
		description: DF.SmallText | None
		gs_case: DF.Link | None
		log_on: DF.Datetime | None
		service_centre: DF.Link | None
		township_centre: DF.Link | None
		user: DF.Link | None
	# end: auto-generated types
	pass


def on_doctype_update() -> None:
	import frappe

	from govservice.security.scope import SCOPE_COLUMNS

	for field in SCOPE_COLUMNS:  # a village's, a township's, a county's ledger for a period
		frappe.db.add_index("GS Work Log", [field, "log_on"])
	frappe.db.add_index("GS Work Log", ["agent", "log_on"])
	frappe.db.add_index("GS Work Log", ["gs_case", "log_on"])
	frappe.db.add_index("GS Work Log", ["log_on"])
