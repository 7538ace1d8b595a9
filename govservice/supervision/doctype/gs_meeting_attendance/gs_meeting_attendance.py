from frappe.model.document import Document


class GSMeetingAttendance(Document):
	"""A row of a joint meeting (GS Joint Meeting)."""
