import frappe
from frappe import _

no_cache = 1


def get_context(context):
	"""The signed-in applicant's requests (their own only: GS Case's permission hooks filter the list)."""
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/my-requests"
		raise frappe.Redirect
	context.title = _("My Requests")
	context.requests = frappe.get_list(
		"GS Case",
		fields=["name", "item_name", "status", "deadline_date", "received_on", "is_door_to_door"],
		order_by="received_on desc",
		limit_page_length=100,
	)
