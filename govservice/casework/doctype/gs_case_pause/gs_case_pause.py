from frappe.model.document import Document


class GSCasePause(Document):
	pass
