import frappe
from frappe import _

no_cache = 1


def get_context(context):
	"""Sign-up for citizens and enterprises; a signed-in user goes to their requests."""
	if frappe.session.user != "Guest":
		frappe.local.flags.redirect_location = "/my-requests"
		raise frappe.Redirect
	context.title = _("Create a Portal Account")
