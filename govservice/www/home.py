import frappe
from frappe import _

from govservice.citizen_portal.sms import portal_name
from govservice.citizen_portal.utils import is_portal_user

no_cache = 1


def get_context(context):
	"""The portal home (the site's root): search the catalogue, the three ways to apply, the centres and their
	hotlines, sign-up and log-in, and the 办不成事 channel. Open to everyone."""
	settings = frappe.get_cached_doc("GS Settings")
	context.portal_name = portal_name()
	context.title = context.portal_name
	context.hotline = settings.portal_hotline
	context.signed_in = is_portal_user()
	context.signup_open = bool(settings.allow_portal_signup)
	context.centres = frappe.get_all(
		"GS Service Centre",
		filters={"level": ("in", ("County", "Township"))},
		fields=["name", "official_name", "level", "hotline", "address", "opening_hours"],
		order_by="lft asc",
		limit_page_length=12,
		ignore_permissions=True,  # the centre directory is public (公示公开)
	)
	context.complaint_url = (
		"/report-complaint/new"
		if context.signed_in
		else "/portal-login?redirect-to=" + frappe.utils.quote("/report-complaint/new")
	)
	context.ways = (
		(
			"Online",
			_("Online Handling"),
			_("Apply on the portal and upload your materials; track every step here."),
		),
		(
			"Proxy",
			_("Proxy Handling"),
			_("An agent of your village station or township centre handles it for you, free of charge."),
		),
		(
			"Door-to-Door",
			_("Door-to-Door Service"),
			_("For the elderly, people with disabilities and other special groups: the agent comes to you."),
		),
	)
