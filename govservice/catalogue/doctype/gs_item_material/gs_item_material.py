from frappe.model.document import Document


class GSItemMaterial(Document):
	pass
