import frappe
from frappe import _

no_cache = 1


def get_context(context):
	"""The signed-in applicant's messages, requests and reported problems (their own only: the permission
	hooks of GS Case and GS Complaint filter the lists, Notification Log is per user)."""
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/portal-login?redirect-to=/my-requests"
		raise frappe.Redirect(302)  # depends on who asks: never a permanent (cached) redirect
	context.title = _("My Requests")
	context.requests = frappe.get_list(
		"GS Case",
		fields=["name", "item_name", "status", "deadline_date", "received_on", "is_door_to_door"],
		order_by="received_on desc",
		limit_page_length=100,
	)
	# an enterprise's key projects (重点项目全程代办): those whose portal account it is
	context.projects = frappe.get_list(
		"GS Key Project",
		fields=["name", "project_name", "status", "planned_finish"],
		order_by="creation desc",
		limit_page_length=50,
	)
	context.problems = frappe.get_list(
		"GS Complaint",
		fields=["name", "description", "status", "registered_on", "deadline_date"],
		filters={"portal_user": frappe.session.user},
		order_by="registered_on desc",
		limit_page_length=50,
	)
	context.messages = frappe.get_all(
		"Notification Log",
		filters={"for_user": frappe.session.user},
		fields=["name", "subject", "document_type", "document_name", "creation", "read"],
		order_by="creation desc",
		limit_page_length=10,
	)
	for message in context.messages:
		message.link = message_link(message)
	unread = [m.name for m in context.messages if not m.read]
	if unread:  # seen on this page: marked read, as the desk's bell does when opened
		frappe.db.set_value("Notification Log", {"name": ("in", unread)}, "read", 1, update_modified=False)
		frappe.db.commit()  # a GET request is not committed by Frappe


def message_link(message) -> str | None:
	"""Where a notification points on the portal: the request it is about (cases, notices, rectifications)."""
	if message.document_type == "GS Case":
		return f"/my-requests/{message.document_name}"
	if message.document_type == "GS Key Project":
		return f"/my-projects/{message.document_name}"
	if message.document_type in ("GS One-Time Notice", "GS Rectification") and message.document_name:
		case = frappe.db.get_value(message.document_type, message.document_name, "gs_case")
		return f"/my-requests/{case}" if case else None
	return None
