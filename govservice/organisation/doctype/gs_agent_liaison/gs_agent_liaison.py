from frappe.model.document import Document


class GSAgentLiaison(Document):
	pass
