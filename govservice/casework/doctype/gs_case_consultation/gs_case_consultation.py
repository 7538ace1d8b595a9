from frappe.model.document import Document


class GSCaseConsultation(Document):
	pass
