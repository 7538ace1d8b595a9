from frappe.model.document import Document


class GSInspectionTemplate(Document):
	"""督查检查表: the checklist of a kind of inspection, edited by the administrators without code."""
