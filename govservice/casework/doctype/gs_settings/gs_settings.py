from frappe.model.document import Document


class GSSettings(Document):
	pass
