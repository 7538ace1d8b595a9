import frappe


def get_context(context):
	"""Portal reporters: the form is for signed-in citizens and enterprises (the controller checks the rest)."""
	context.no_cache = 1
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/report-complaint/new"
		raise frappe.Redirect
