from frappe.model.document import Document


class GSServiceWindow(Document):
	pass
