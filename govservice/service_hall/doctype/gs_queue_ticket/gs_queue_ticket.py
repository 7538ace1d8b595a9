import frappe
from frappe.model.document import Document


class GSQueueTicket(Document):
	pass


def on_doctype_update() -> None:
	frappe.db.add_index("GS Queue Ticket", ["service_centre", "ticket_date", "status"])
	frappe.db.add_index("GS Queue Ticket", ["follow_key"])
	frappe.db.add_index("GS Queue Ticket", ["called_by", "ticket_date", "status"])
