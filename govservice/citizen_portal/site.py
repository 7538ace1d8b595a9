"""The portal as a site: the county's name, title, footer and menus on every web page (Website Settings and
the `update_website_context` hook), from GS Settings, with no other product's branding."""

import frappe
from frappe import _
from frappe.utils import escape_html

from govservice.citizen_portal.sms import portal_name

FAVICON = "/assets/govservice/images/favicon.svg"


def portal_site_context(context: dict) -> dict:
	"""Every web page: the county's portal name as brand and title suffix, its footer, the citizen's menu.
	Values from GS Settings are text, escaped here because Frappe's templates print these as HTML."""
	settings = frappe.get_cached_doc("GS Settings")
	name = portal_name()
	footer = escape_html(settings.portal_footer or "").replace("\n", "<br>")
	values = {
		"brand_html": escape_html(name),
		"footer_powered": footer or escape_html(name),
		"copyright": None,
		"hide_footer_signup": 1,
		"favicon": FAVICON,
		"app_name": escape_html(name),  # Frappe's log-in page prints it as HTML
		"post_login": citizen_menu() if _is_website_user() else context.get("post_login"),
		"top_bar_items": top_bar(),
		"hide_login": 1,  # Frappe's own link goes to the staff log-in; citizens log in at /portal-login
	}
	if context.get("title") in ("Login", "Update Password"):  # Frappe sets these titles untranslated
		values["title"] = _(context["title"])
	return values


def top_bar() -> list[dict]:
	"""The portal's navigation: the catalogue, the centres and, for guests, log-in."""
	items = [
		{"label": _("Service Catalogue"), "url": "/services"},
		{"label": _("Service Centres"), "url": "/service-centres"},
	]
	if frappe.session.user == "Guest":
		items.append({"label": _("Log In"), "url": "/portal-login", "right": 1})
	elif _is_website_user():
		# in words, where a phone's menu shows them, not only behind the avatar's initial
		items += [
			{"label": _("My Requests"), "url": "/my-requests", "right": 1},
			{"label": _("My Account"), "url": "/my-account", "right": 1},
			{"label": _("Log Out"), "url": "/portal-logout", "right": 1},
		]
	return items


def citizen_menu() -> list[dict]:
	"""The logged-in menu of a citizen or enterprise: 我的申请, 反映问题, 我的账户, 退出."""
	return [
		{"label": _("My Requests"), "url": "/my-requests"},
		{"label": _("Report a Problem"), "url": "/report-complaint/new"},
		{"label": _("My Account"), "url": "/my-account"},
		{"label": _("Log Out"), "url": "/portal-logout"},
	]


def _is_website_user() -> bool:
	user = frappe.session.user
	return user not in ("Guest", "Administrator") and (
		frappe.get_cached_value("User", user, "user_type") == "Website User"
	)


def apply_portal_site() -> None:
	"""Write the portal's name into Website Settings (the login page and e-mails read it from there), turn
	off Frappe's e-mail sign-up and newsletter box, and let users log in with their mobile number."""
	name = portal_name(lang=frappe.db.get_single_value("System Settings", "language") or "zh")
	frappe.db.set_single_value(
		"Website Settings",
		{"app_name": name, "disable_signup": 1, "hide_footer_signup": 1},
	)
	frappe.db.set_single_value("System Settings", "allow_login_using_mobile_number", 1)
	frappe.clear_cache()


def hide_error_tracebacks() -> None:
	"""No server tracebacks in error answers (System Settings: allow_error_traceback); they stay in the
	Error Log for administrators."""
	frappe.db.set_single_value("System Settings", "allow_error_traceback", 0)
	frappe.clear_cache()
