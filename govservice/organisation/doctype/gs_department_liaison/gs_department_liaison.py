from frappe.model.document import Document


class GSDepartmentLiaison(Document):
	pass
