import frappe
from frappe import _

from govservice.catalogue.utils import LEVEL_FIELDS
from govservice.citizen_portal.utils import catalogue_code

no_cache = 1


def get_context(context):
	"""One item's service guide (办事指南) and the centres that handle it; open to everyone."""
	code = catalogue_code(frappe.form_dict.get("item_code"))
	if not code or not frappe.db.get_value("GS Service Item", {"name": code, "is_published": 1}):
		raise frappe.PageDoesNotExistError(_("This service item is not in the catalogue."))
	item = frappe.get_doc("GS Service Item", code)
	levels = [level for level, field in LEVEL_FIELDS.items() if item.get(field)]
	context.item = item
	context.title = item.item_name
	context.levels = levels
	context.centres = frappe.get_all(
		"GS Service Centre",
		filters={"level": ("in", levels)},
		fields=["name", "official_name", "level", "address", "hotline", "opening_hours"],
		order_by="lft asc",
	)
	context.can_apply = bool(item.offers_proxy or item.offers_online)
