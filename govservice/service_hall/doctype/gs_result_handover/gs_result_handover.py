import frappe
from frappe.model.document import Document


class GSResultHandover(Document):
	pass


def on_doctype_update() -> None:
	frappe.db.add_index("GS Result Handover", ["service_centre", "status"])
