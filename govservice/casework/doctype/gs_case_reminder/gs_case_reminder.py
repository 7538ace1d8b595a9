import frappe
from frappe.model.document import Document


class GSCaseReminder(Document):
	pass


def on_doctype_update() -> None:
	frappe.db.add_unique(
		"GS Case Reminder", ["gs_case", "kind", "deadline_date"], constraint_name="unique_case_reminder"
	)
