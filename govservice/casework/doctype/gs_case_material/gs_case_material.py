from frappe.model.document import Document


class GSCaseMaterial(Document):
	pass
