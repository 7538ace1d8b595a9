import frappe
from frappe.model.document import Document


class GSCaseReminder(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		deadline_date: DF.Date | None
		gs_case: DF.Link | None
		kind: DF.Literal["Due Tomorrow", "Due Today", "Overdue"]
		recipients: DF.SmallText | None
		sent_on: DF.Datetime | None
	# end: auto-generated types
	pass


def on_doctype_update() -> None:
	frappe.db.add_unique(
		"GS Case Reminder", ["gs_case", "kind", "deadline_date"], constraint_name="unique_case_reminder"
	)
