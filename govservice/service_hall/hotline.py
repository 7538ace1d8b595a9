"""12345 work orders (工单): the county's hotline platform files a request (a proxy-handling case) or a
办不成事 complaint with its work-order number, reads its state and reply, and is called back when it closes;
the hotline seat registers calls in the desk the same way. A work order keeps the platform's number and
follows its case or complaint: open while they run, closed with the reply when they end. The callback is a
Frappe Webhook per platform (POST, JSON, signed with the webhook's secret), fired when its work order
closes. Field names follow Open311 GeoReport v2 where they fit (README: *12345 work orders*)."""

import frappe
from frappe import _
from frappe.utils import now_datetime

ORDER = "GS Work Order"
PLATFORM = "GS Hotline Platform"
CASE_CLOSED = {"Completed", "Archived", "Not Accepted", "Terminated"}
COMPLAINT_CLOSED = {"Closed"}


class WorkOrderError(frappe.ValidationError):
	pass


def order_county(doc) -> str:
	"""The county a work order goes to: its platform's; for a call the seat registers, the centre's county or
	the site's only county."""
	from govservice.security.scope import ancestors

	if doc.platform:
		county = frappe.db.get_value(PLATFORM, doc.platform, "county")
	elif doc.service_centre:
		county = ancestors(doc.service_centre)[1]
	else:
		roots = frappe.get_all(
			"GS Service Centre",
			filters={"level": "County", "parent_gs_service_centre": ("is", "not set")},
			pluck="name",
		)
		county = roots[0] if len(roots) == 1 else None
	if not county:
		frappe.throw(_("Choose the centre that handles the call."), WorkOrderError)
	if doc.service_centre and ancestors(doc.service_centre)[1] != county:
		frappe.throw(_("The centre is not one of the county's."), WorkOrderError)
	return county


def lock_number(doc) -> None:
	"""One work order per number and platform, however many are sent at once."""
	from govservice.utils import transaction_lock

	transaction_lock(f"work-order:{doc.platform or ''}:{doc.work_order_no}")
	if frappe.db.sql(
		f"""select name from `tab{ORDER}` where ifnull(platform, '') = %s and work_order_no = %s
		for update""",
		(doc.platform or "", doc.work_order_no),
	):
		frappe.throw(_("This work order has been filed already."), WorkOrderError)


def before_insert(doc) -> None:
	"""A new work order opens its case or complaint at once (the platform's and the seat's call alike)."""
	from govservice.citizen_portal.utils import catalogue_code
	from govservice.security.scope import set_scope_centres

	lock_number(doc)
	county = order_county(doc)
	doc.status = "open"
	doc.requested_at = doc.requested_at or now_datetime()
	doc.updated_at = now_datetime()
	if doc.service_item:
		doc.service_item = catalogue_code(doc.service_item)
		if not doc.service_item or not frappe.db.get_value(
			"GS Service Item", doc.service_item, "is_published"
		):
			frappe.throw(_("The service code is not a published item of the catalogue."), WorkOrderError)
	if doc.kind == "Complaint":
		open_complaint(doc, county)
	else:
		open_case(doc, county)
	set_scope_centres(doc)


def open_case(doc, county: str) -> None:
	from govservice.citizen_portal.utils import agent_on_duty, handling_centre

	if not doc.service_item:
		frappe.throw(_("A service request names the service item (service_code)."), WorkOrderError)
	if not doc.caller_id_number:
		frappe.throw(
			_("A service request needs the applicant's resident ID number; without it, file a complaint."),
			WorkOrderError,
		)
	centre = handling_centre(doc.service_item, doc.service_centre or county)
	agent = agent_on_duty(centre)
	if not agent:
		frappe.throw(_("{0} has no agent on duty.").format(centre), WorkOrderError)
	case = frappe.get_doc(
		{
			"doctype": "GS Case",
			"applicant_type": "Individual",
			"applicant_name": doc.caller_name,
			"id_number": doc.caller_id_number,
			"phone": doc.caller_phone,
			"address": doc.address_string,
			"request_note": _("12345 work order {0}: {1}").format(doc.work_order_no, doc.description),
			"service_item": doc.service_item,
			"service_centre": centre,
			"agent": agent,
			"intake_channel": "Phone or Hotline",
		}
	)
	case.insert(ignore_permissions=True)  # the work order's own case, checked by GS Case's rules
	doc.service_centre = centre
	doc.gs_case = case.name
	doc.expected_date = case.deadline_date


def open_complaint(doc, county: str) -> None:
	complaint = frappe.get_doc(
		{
			"doctype": "GS Complaint",
			"reporter_type": "Person",
			"reporter_name": doc.caller_name,
			"reporter_phone": doc.caller_phone,
			"channel": "Phone",
			"description": _("12345 work order {0}: {1}").format(doc.work_order_no, doc.description),
			"service_item": doc.service_item,
			"registered_on": now_datetime(),
		}
	)
	complaint.insert(ignore_permissions=True)  # registered at the 办不成事 window, as a call would be
	doc.gs_complaint = complaint.name
	doc.service_centre = doc.service_centre or county


def follow_case(doc, method: str | None = None) -> None:
	"""GS Case on_update: its work order follows (closed with the outcome when the case ends)."""
	name = frappe.db.get_value(ORDER, {"gs_case": doc.name, "status": "open"})
	if name:
		closed = doc.stage in CASE_CLOSED
		notes = {
			"Completed": doc.result or _("Completed"),
			"Archived": doc.result or _("Completed"),
			"Not Accepted": doc.not_accepted_reason,
			"Terminated": doc.termination_reason,
		}.get(doc.stage) or _(doc.stage)
		update_order(name, closed, notes, doc.deadline_date)


def follow_complaint(doc, method: str | None = None) -> None:
	"""GS Complaint on_update: its work order follows (the reply; closed when the complaint closes)."""
	name = frappe.db.get_value(ORDER, {"gs_complaint": doc.name, "status": "open"})
	if name:
		update_order(name, doc.status in COMPLAINT_CLOSED, doc.reply or _(doc.status), doc.deadline_date)


def update_order(name: str, closed: bool, notes: str | None, expected) -> None:
	order = frappe.get_doc(ORDER, name)
	order.status = "closed" if closed else "open"
	order.status_notes = notes
	order.expected_date = expected
	order.updated_at = now_datetime()
	if closed:
		order.closed_at = order.updated_at
	order.flags.ignore_permissions = True  # followed by the system from its case or complaint
	order.save()  # a Webhook of its platform fires on the closing save


def ensure_webhook(platform) -> None:
	"""GS Hotline Platform on_update: its callback as a Frappe Webhook on its closed work orders (signed
	with the webhook's secret, made at random once); none without a callback URL."""
	from frappe.utils.password import get_decrypted_password

	url = (platform.callback_url or "").strip()
	name = platform.webhook if platform.webhook and frappe.db.exists("Webhook", platform.webhook) else None
	if not url:
		if name:
			frappe.db.set_value("Webhook", name, "enabled", 0)
		return
	webhook = frappe.get_doc("Webhook", name) if name else frappe.new_doc("Webhook")
	if not name:
		webhook.name = _("12345 callback: {0}").format(platform.name)
	webhook.update(
		{
			"webhook_doctype": ORDER,
			"webhook_docevent": "on_update",
			"condition": f"doc.platform == {platform.name!r} and doc.status == 'closed'",
			"request_url": url,
			"request_method": "POST",
			"request_structure": "JSON",
			"webhook_json": CALLBACK_JSON,
			"enabled": 1 if platform.enabled else 0,
			"enable_security": 1,
		}
	)
	if not name or not get_decrypted_password("Webhook", name, "webhook_secret", raise_exception=False):
		webhook.webhook_secret = frappe.generate_hash(length=32)
	webhook.flags.ignore_permissions = True  # the administrator saved the platform
	webhook.save()
	if platform.webhook != webhook.name:
		frappe.db.set_value(PLATFORM, platform.name, "webhook", webhook.name, update_modified=False)


# Open311's service request, as the callback's body (JSON; values escaped for JSON by tojson)
CALLBACK_JSON = """{
	"service_request_id": {{ doc.name | tojson }},
	"work_order_no": {{ doc.work_order_no | tojson }},
	"status": {{ doc.status | tojson }},
	"status_notes": {{ (doc.status_notes or "") | tojson }},
	"service_code": {{ (doc.service_item or "") | tojson }},
	"requested_datetime": {{ (doc.requested_at | string) | tojson }},
	"updated_datetime": {{ (doc.updated_at | string) | tojson }},
	"expected_datetime": {{ ((doc.expected_date or "") | string) | tojson }}
}"""
