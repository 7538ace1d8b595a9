import frappe
from frappe.model.document import Document


class GSWindowSession(Document):
	pass


def on_doctype_update() -> None:
	frappe.db.add_index("GS Window Session", ["officer", "session_date"])
	frappe.db.add_index("GS Window Session", ["service_centre", "session_date"])
