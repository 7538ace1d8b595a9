from frappe.model.document import Document


class GSOneTimeNotice(Document):
	pass
