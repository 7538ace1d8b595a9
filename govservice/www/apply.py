import frappe
from frappe import _

from govservice.citizen_portal.utils import is_portal_user

no_cache = 1


def get_context(context):
	"""The request form for one item: 代办 / 网上办, or 上门办 with `door=1`. Portal users only."""
	code = frappe.form_dict.get("item") or ""
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=" + frappe.utils.quote(
			f"/apply?item={code}"
		)
		raise frappe.Redirect
	if not is_portal_user():
		raise frappe.PermissionError(_("Log in with a citizen or enterprise account."))
	if not frappe.db.get_value("GS Service Item", {"name": code, "is_published": 1}):
		raise frappe.DoesNotExistError(_("Service item {0} is not in the catalogue.").format(code))
	context.item = frappe.get_doc("GS Service Item", code)
	context.door = bool(frappe.form_dict.get("door")) and bool(context.item.offers_door_to_door)
	context.profile = frappe.get_doc("GS Portal Profile", frappe.session.user)
	context.centres = frappe.get_all(
		"GS Service Centre", fields=["name", "official_name", "level"], order_by="lft asc"
	)
	context.special_groups = ("Elderly", "Lonely Elderly", "Person with Disability", "Orphan")
	context.title = _("Apply: {0}").format(context.item.item_name)
