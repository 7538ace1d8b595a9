import frappe
from frappe.model.document import Document


class GSOneTimeNotice(Document):
	pass


def on_doctype_update() -> None:
	"""The scope's field first (an agent's centres, a contact's department), then the list's sort."""
	frappe.db.add_index("GS One-Time Notice", ["service_centre", "modified"])
	frappe.db.add_index("GS One-Time Notice", ["gs_case"])
