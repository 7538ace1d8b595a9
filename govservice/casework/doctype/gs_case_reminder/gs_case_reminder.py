import frappe
from frappe.model.document import Document


class GSCaseReminder(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		county_centre: DF.Link | None
		deadline_date: DF.Date | None
		gs_case: DF.Link | None
		kind: DF.Literal["Due Tomorrow", "Due Today", "Overdue"]
		recipients: DF.SmallText | None
		sent_on: DF.Datetime | None
		service_centre: DF.Link | None
		township_centre: DF.Link | None
	# end: auto-generated types
	pass


def on_doctype_update() -> None:
	"""One reminder per case, kind and deadline; the scope's field first for the supervisors' lists."""
	from govservice.security.scope import SCOPE_COLUMNS

	for field in SCOPE_COLUMNS:
		frappe.db.add_index("GS Case Reminder", [field, "sent_on"])
	frappe.db.add_unique(
		"GS Case Reminder", ["gs_case", "kind", "deadline_date"], constraint_name="unique_case_reminder"
	)
