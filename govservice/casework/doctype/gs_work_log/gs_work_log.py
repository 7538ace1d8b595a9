from frappe.model.document import Document


class GSWorkLog(Document):
	pass


def on_doctype_update() -> None:
	import frappe

	frappe.db.add_index("GS Work Log", ["service_centre", "log_on"])
	frappe.db.add_index("GS Work Log", ["agent", "log_on"])
