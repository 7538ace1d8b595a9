"""A deadline reminder sent for a key project's approval or stage (written by the reminder job only)."""

import frappe
from frappe.model.document import Document


class GSProjectReminder(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		county_centre: DF.Link | None
		department: DF.Link | None
		due_date: DF.Date | None
		key_project: DF.Link | None
		kind: DF.Literal["Due Tomorrow", "Due Today", "Overdue"]
		recipients: DF.SmallText | None
		sent_on: DF.Datetime | None
		service_centre: DF.Link | None
		target: DF.Literal["Approval", "Stage", "Commitment Verification", "Deferred Material"]
		target_label: DF.Data | None
		target_row: DF.Data | None
		township_centre: DF.Link | None
	# end: auto-generated types
	pass


def on_doctype_update() -> None:
	"""One reminder per approval or stage, kind and due date; the scope's field first for the lists."""
	from govservice.security.scope import SCOPE_COLUMNS

	for field in SCOPE_COLUMNS:
		frappe.db.add_index("GS Project Reminder", [field, "sent_on"])
	frappe.db.add_unique(
		"GS Project Reminder",
		["target_row", "kind", "due_date"],
		constraint_name="unique_project_reminder",
	)
