from frappe.model.document import Document


class GSItemProcessStep(Document):
	pass
