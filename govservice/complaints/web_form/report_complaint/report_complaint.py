import json

import frappe
from frappe import _

INTRODUCTION = (
	"Tell us what you could not get done: which item, which window, what happened. The \"couldn't get it "
	'done" window answers simple matters within 3 working days and others within 5.'
)
SUCCESS = "Your report has been registered. The window will contact you and answer within the time limit."


def get_context(context):
	"""Portal reporters: the form is for signed-in citizens and enterprises (the controller checks the rest).

	Frappe prints a web form's title with "New" before it and its introduction untranslated; both are set
	here in the reader's language, and the item list offers the published catalogue by name."""
	context.no_cache = 1
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/portal-login?redirect-to=/report-complaint/new"
		raise frappe.Redirect(302)  # depends on who asks: never a permanent (cached) redirect
	if context.get("is_new"):
		context.title = _("Report a Problem")
	context.introduction_text = _(INTRODUCTION)
	context.success_message = _(SUCCESS)
	items = frappe.get_all(
		"GS Service Item",
		filters={"is_published": 1},
		fields=["name as value", "item_name as label"],
		order_by="item_code asc",
		ignore_permissions=True,  # the published catalogue is public (公示公开)
	)
	# the reporter's own requests by what they were for, not by a bare number
	cases = [
		{"value": row.name, "label": f"{row.item_name}（{row.name}）"}
		for row in frappe.get_all(
			"GS Case",
			filters={"portal_user": frappe.session.user},
			fields=["name", "item_name"],
			order_by="creation desc",
			limit=50,
			ignore_permissions=True,  # the signed-in citizen's own requests (portal_user is the session user)
		)
	]
	profile = frappe.db.get_value(
		"GS Portal Profile", {"user": frappe.session.user}, ["full_name", "phone"], as_dict=True
	)
	for field in context.web_form_doc.get("web_form_fields", []):
		if field.get("fieldname") == "service_item":
			field["options"] = json.dumps(items, ensure_ascii=False)
		elif field.get("fieldname") == "gs_case":
			field["options"] = json.dumps(cases, ensure_ascii=False)
		elif profile and field.get("fieldname") == "reporter_name":
			field["default"] = profile.full_name  # the account knows who reports: not asked again
		elif profile and field.get("fieldname") == "reporter_phone":
			field["default"] = profile.phone
