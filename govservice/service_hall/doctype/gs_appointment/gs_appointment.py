import frappe
from frappe.model.document import Document


class GSAppointment(Document):
	def before_save(self) -> None:
		# after the save's checks (govservice.security.writes clears what a person may not set on a new
		# record): the booking channel and the slot's place are the app's
		if not self.is_new():
			return
		from govservice.service_hall.appointments import reserve

		self.booked_via = "Portal Booking" if self.portal_user else "Hotline Booking"
		reserve(self)


def on_doctype_update() -> None:
	frappe.db.add_index("GS Appointment", ["mobile", "appointment_date"])
	frappe.db.add_index("GS Appointment", ["service_centre", "appointment_date", "status"])
	frappe.db.add_index("GS Appointment", ["portal_user", "appointment_date"])
