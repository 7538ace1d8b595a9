from frappe.model.document import Document


class GSDutyRosterEntry(Document):
	pass
