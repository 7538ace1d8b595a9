from frappe.model.document import Document


class GSCaseTask(Document):
	pass
