import frappe
from frappe import _

from govservice.casework.doctype.gs_case.gs_case import TARGET_APPLICANTS
from govservice.casework.doctype.gs_case.portal import ENTERPRISE_HANDLER
from govservice.citizen_portal.utils import catalogue_code, is_portal_user

no_cache = 1


def get_context(context):
	"""The request form for one item: 代办 / 网上办, or 上门办 with `door=1`, for oneself or for someone else.
	Portal users only."""
	code = catalogue_code(frappe.form_dict.get("item"))
	if frappe.session.user == "Guest":
		target = f"/apply?item={code}" + ("&door=1" if frappe.form_dict.get("door") else "")
		frappe.local.flags.redirect_location = "/portal-login?redirect-to=" + frappe.utils.quote(target)
		raise frappe.Redirect(302)  # depends on who asks: never a permanent (cached) redirect
	if not is_portal_user():
		raise frappe.PermissionError(_("Log in with a citizen or enterprise account."))
	if not frappe.db.get_value("GS Service Item", {"name": code, "is_published": 1}):
		raise frappe.PageDoesNotExistError(_("This service item is not in the catalogue."))
	context.item = frappe.get_doc("GS Service Item", code)
	context.door = bool(frappe.form_dict.get("door")) and bool(context.item.offers_door_to_door)
	context.profile = frappe.get_doc("GS Portal Profile", {"user": frappe.session.user})
	allowed = TARGET_APPLICANTS.get(context.item.target)
	context.refusal = None
	if allowed and context.profile.account_type not in allowed:
		context.refusal = (
			_("{0} is for enterprises and other legal persons only; log in with an enterprise account.")
			if context.profile.account_type == "Individual"
			else _("{0} is for individuals only.")
		).format(context.item.item_name)
	context.centre_groups = centre_groups()
	context.default_centre = default_centre(context.profile)
	context.special_groups = ("Elderly", "Lonely Elderly", "Person with Disability", "Orphan")
	# whom a citizen may file for (the relationship is on the agreement): the case's options but the
	# enterprise's handler, which an enterprise account's filing sets itself
	context.relationships = [
		option
		for option in frappe.get_meta("GS Case").get_options("filer_relationship").split("\n")
		if option and option != ENTERPRISE_HANDLER
	]
	context.title = _("Apply: {0}").format(context.item.item_name)


def centre_groups() -> list[tuple[str, list]]:
	"""The centres as a villager finds theirs: the county first, then each township with its villages."""
	centres = frappe.get_all(
		"GS Service Centre",
		fields=["name", "official_name", "level", "parent_gs_service_centre"],
		order_by="lft asc",
	)
	groups = [(_("County"), [c for c in centres if c.level == "County"])]
	for township in (c for c in centres if c.level == "Township"):
		villages = [c for c in centres if c.parent_gs_service_centre == township.name]
		groups.append((township.official_name or township.name, [township, *villages]))
	return groups


def default_centre(profile) -> str | None:
	"""The centre that serves the person: the one they chose last time, else where their last request was
	registered before it was sent up; none for a first request (the form then asks them to choose)."""
	if profile.get("home_centre"):
		return profile.home_centre
	last = frappe.db.get_value(
		"GS Case",
		{"portal_user": frappe.session.user},
		["transferred_from", "service_centre"],
		order_by="creation desc",
		as_dict=True,
	)
	return (last.transferred_from or last.service_centre) if last else None
