from frappe.model.document import Document


class GSLegalBasis(Document):
	pass
