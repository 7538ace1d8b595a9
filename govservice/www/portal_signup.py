import frappe
from frappe import _

from govservice.domain.redirects import safe_redirect

no_cache = 1


def get_context(context):
	"""Sign-up for citizens and enterprises with a mobile number; a signed-in user goes on."""
	context.redirect_to = safe_redirect(frappe.form_dict.get("redirect-to"))
	if frappe.session.user != "Guest":
		frappe.local.flags.redirect_location = context.redirect_to
		raise frappe.Redirect(302)  # depends on who asks: never a permanent (cached) redirect
	context.title = _("Create a Portal Account")
