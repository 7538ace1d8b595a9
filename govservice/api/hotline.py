"""The 12345 hotline platform's API (Open311 GeoReport v2 where it fits; README: *12345 work orders*).

Authentication is Frappe's token authentication (`Authorization: token <api_key>:<api_secret>` of the
platform's API user, role *GS Hotline Platform*); an unknown key is refused by Frappe, a disabled platform
here. Each platform may call a number of times a minute (GS Hotline Platform); every value it sends is
checked like any other input (the work order's and its case's or complaint's own rules), and it reads only
its own work orders.

- `services` (GET): the catalogue's published items — service_code, service_name, description, group.
- `create_request` (POST): service_code, description, first_name / last_name (or name), phone,
  address_string, lat, long, and the hotline's own attributes: work_order_no (required), kind (request |
  complaint), id_number (a request's applicant), centre (where the caller wants it handled).
  Answers [{service_request_id, work_order_no, service_notice, expected_datetime}].
- `get_request` (GET): service_request_id or work_order_no → the Open311 service request (status open |
  closed, status_notes = the reply, agency_responsible, requested/updated/expected datetime).
"""

import frappe
from frappe import _
from frappe.utils import cint, cstr

from govservice.service_hall.hotline import ORDER, PLATFORM, WorkOrderError

MAX_TEXT = 2000


def platform() -> frappe._dict:
	"""The caller's platform (enabled), within its rate."""
	user = frappe.session.user
	if user == "Guest" or "GS Hotline Platform" not in frappe.get_roles(user):
		frappe.throw(_("Only a hotline platform's API key may call this."), frappe.PermissionError)
	found = frappe.db.get_value(
		PLATFORM, {"user": user}, ["name", "enabled", "requests_per_minute"], as_dict=True
	)
	if not found or not found.enabled:
		frappe.throw(_("This hotline platform is not enabled."), frappe.PermissionError)
	key = f"govservice:hotline-rate:{found.name}:{int(frappe.utils.now_datetime().timestamp() // 60)}"
	count = frappe.cache.incrby(key, 1)
	frappe.cache.expire(key, 120)
	if count > (cint(found.requests_per_minute) or 60):
		frappe.throw(_("Too many requests this minute."), frappe.TooManyRequestsError)
	return found


def text(value, limit: int = MAX_TEXT) -> str:
	if value is None:
		return ""
	if not isinstance(value, str | int | float):
		frappe.throw(_("Every value is a string."), WorkOrderError)
	value = cstr(value).strip()
	if len(value) > limit:
		frappe.throw(_("A value is too long."), WorkOrderError)
	return value


@frappe.whitelist(methods=["GET"])
def services() -> list[dict]:
	platform()
	return [
		{
			"service_code": row.name,
			"service_name": row.item_name,
			"description": row.item_name,
			"metadata": False,
			"type": "realtime",
			"keywords": (row.search_keywords or "").replace("\n", ","),
			"group": row.department,
		}
		for row in frappe.get_all(
			"GS Service Item",
			filters={"is_published": 1},
			fields=["name", "item_name", "search_keywords", "department"],
			order_by="name",
		)
	]


@frappe.whitelist(methods=["POST"])
def create_request(**values) -> list[dict]:
	found = platform()
	kind = text(values.get("kind") or "request", 20)
	if kind not in ("request", "complaint"):
		frappe.throw(_("kind is request or complaint."), WorkOrderError)
	name = text(values.get("name"), 60) or (
		text(values.get("last_name"), 30) + text(values.get("first_name"), 30)
	)
	location = {}
	for field in ("lat", "long"):
		raw = text(values.get(field), 20)
		if raw:
			try:
				location[field] = float(raw)
			except ValueError:
				frappe.throw(_("The location is not a latitude and longitude."), WorkOrderError)
	centre = text(values.get("centre"), 140) or None
	if centre and not frappe.db.exists("GS Service Centre", centre):
		frappe.throw(_("The centre is not one of the county's."), WorkOrderError)
	order = frappe.get_doc(
		{
			"doctype": ORDER,
			"platform": found.name,
			"work_order_no": text(values.get("work_order_no"), 40),
			"kind": "Complaint" if kind == "complaint" else "Service Request",
			"caller_name": name,
			"caller_phone": text(values.get("phone"), 20),
			"caller_id_number": text(values.get("id_number"), 20) or None,
			"address_string": text(values.get("address_string"), 200),
			"service_item": text(values.get("service_code"), 40) or None,
			"description": text(values.get("description")),
			"service_centre": centre,
			**location,
		}
	)
	order.insert(ignore_permissions=True)  # the platform's own work order, checked by its rules
	return [
		{
			"service_request_id": order.name,
			"work_order_no": order.work_order_no,
			"service_notice": _("Received: case {0}").format(order.gs_case)
			if order.gs_case
			else _("Received: complaint {0}").format(order.gs_complaint),
			"expected_datetime": str(order.expected_date) if order.expected_date else None,
		}
	]


@frappe.whitelist(methods=["GET"])
def get_request(service_request_id: str | None = None, work_order_no: str | None = None) -> list[dict]:
	found = platform()
	filters = {"platform": found.name}
	if service_request_id:
		filters["name"] = text(service_request_id, 40)
	elif work_order_no:
		filters["work_order_no"] = text(work_order_no, 40)
	else:
		frappe.throw(_("Give service_request_id or work_order_no."), WorkOrderError)
	name = frappe.db.get_value(ORDER, filters)
	if not name:
		frappe.throw(_("No work order of this platform has this number."), frappe.DoesNotExistError)
	order = frappe.get_doc(ORDER, name)
	department = None
	if order.gs_complaint:
		department = frappe.db.get_value("GS Complaint", order.gs_complaint, "department_name")
	elif order.service_item:
		department = frappe.db.get_value("GS Service Item", order.service_item, "department")
	return [
		{
			"service_request_id": order.name,
			"work_order_no": order.work_order_no,
			"status": order.status,
			"status_notes": order.status_notes or "",
			"service_code": order.service_item,
			"description": order.description,
			"agency_responsible": department,
			"service_centre": frappe.db.get_value("GS Service Centre", order.service_centre, "official_name")
			if order.service_centre
			else None,
			"requested_datetime": str(order.requested_at),
			"updated_datetime": str(order.updated_at),
			"expected_datetime": str(order.expected_date) if order.expected_date else None,
			"address": order.address_string,
			"lat": order.lat or None,
			"long": order.long or None,
		}
	]
