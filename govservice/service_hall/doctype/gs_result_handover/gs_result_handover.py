import frappe
from frappe.model.document import Document


class GSResultHandover(Document):
	pass


def on_doctype_update() -> None:
	frappe.db.add_index("GS Result Handover", ["service_centre", "status"])
	# 全县域通办台账: a centre's results handed over for others, and its own handed over elsewhere
	frappe.db.add_index("GS Result Handover", ["service_centre", "is_cross_centre", "ready_on"])
	frappe.db.add_index("GS Result Handover", ["handling_centre", "is_cross_centre", "ready_on"])
