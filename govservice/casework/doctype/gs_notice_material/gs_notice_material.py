from frappe.model.document import Document


class GSNoticeMaterial(Document):
	pass
