from frappe.model.document import Document


class GSMeetingDecision(Document):
	"""A row of a joint meeting (GS Joint Meeting)."""
