from frappe.model.document import Document


class GSPerformanceRow(Document):
	"""One agent's, service item's or department's figures in a centre's month (GS Performance Report)."""
