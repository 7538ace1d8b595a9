from frappe.model.document import Document


class GSMeetingAgendaItem(Document):
	"""A row of a joint meeting (GS Joint Meeting)."""
