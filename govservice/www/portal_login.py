import frappe
from frappe import _

from govservice.citizen_portal.sms import portal_name
from govservice.domain.redirects import safe_redirect

no_cache = 1


def get_context(context):
	"""Citizens and enterprises log in with their mobile number and a password or a code sent by SMS, or
	reset a forgotten password by SMS. A signed-in user goes on."""
	context.redirect_to = safe_redirect(frappe.form_dict.get("redirect-to"))
	if frappe.session.user != "Guest":
		frappe.local.flags.redirect_location = context.redirect_to
		raise frappe.Redirect(302)  # depends on who asks: never a permanent (cached) redirect
	context.portal_name = portal_name()
	context.title = _("Log In")
	context.signup_open = bool(frappe.db.get_single_value("GS Settings", "allow_portal_signup"))
