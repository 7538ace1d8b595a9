import frappe

no_cache = 1


def get_context(context):
	"""Log out and go back to the portal home (the citizen's menu links here)."""
	if frappe.session.user != "Guest":
		frappe.local.login_manager.logout()
		frappe.db.commit()  # a GET request is not committed by Frappe
	frappe.local.flags.redirect_location = "/"
	raise frappe.Redirect(302)  # depends on who asks: never a permanent (cached) redirect
