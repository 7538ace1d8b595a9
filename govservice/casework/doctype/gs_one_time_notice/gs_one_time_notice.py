import frappe
from frappe.model.document import Document


class GSOneTimeNotice(Document):
	pass


def on_doctype_update() -> None:
	"""The scope's field first (an agent's centres, a contact's department), then the list's sort."""
	from govservice.security.scope import SCOPE_COLUMNS

	for field in SCOPE_COLUMNS:
		frappe.db.add_index("GS One-Time Notice", [field, "modified"])
	frappe.db.add_index("GS One-Time Notice", ["gs_case"])
