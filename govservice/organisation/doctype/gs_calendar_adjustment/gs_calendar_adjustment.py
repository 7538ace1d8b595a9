from frappe.model.document import Document


class GSCalendarAdjustment(Document):
	pass
