import frappe
from frappe.model.document import Document


class GSAppointmentSlot(Document):
	pass


def on_doctype_update() -> None:
	frappe.db.add_index("GS Appointment Slot", ["service_centre", "category", "slot_date"])
