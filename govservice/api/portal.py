"""Portal endpoints for citizens and enterprises (role GS Portal User, no desk access).

Portal users have read-only DocType permissions on their own records; everything they submit goes
through these functions, which insert with ignore_permissions and leave every rule to the controllers
(GS Case, GS Rating, GS Portal Profile), the same rules a Web Form submission meets.
"""

import frappe
from frappe import _
from frappe.model.workflow import get_transitions
from frappe.rate_limiter import rate_limit
from frappe.utils import cint, today, validate_email_address

from govservice.casework.stages import OPEN_STAGES
from govservice.citizen_portal.utils import (
	PORTAL_ROLE,
	agent_on_duty,
	handling_centre,
	is_portal_user,
)
from govservice.domain.identity import is_valid_phone
from govservice.domain.upload_rules import UploadRefused, check_upload


class PortalError(frappe.ValidationError):
	pass


def signups_per_hour() -> int:
	"""Sign-ups allowed per IP address and hour (GS Settings)."""
	return cint(frappe.db.get_single_value("GS Settings", "portal_signups_per_hour")) or 30


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=signups_per_hour, seconds=60 * 60)
def sign_up(
	email: str,
	full_name: str,
	password: str,
	phone: str,
	account_type: str = "Individual",
	enterprise_name: str | None = None,
	credit_code: str | None = None,
) -> dict:
	"""Create a portal account (a website user with role GS Portal User and its GS Portal Profile) and log
	in. Anyone may call it, as often per hour and IP address as GS Settings allows."""
	if not frappe.db.get_single_value("GS Settings", "allow_portal_signup"):
		frappe.throw(_("Sign-up is disabled."), frappe.PermissionError)
	email = (email or "").strip().lower()
	validate_email_address(email, throw=True)
	if frappe.db.exists("User", email):
		# the same words for every address, so sign-up does not tell who has an account
		frappe.throw(
			_("This account cannot be created. If you already have one, log in or reset your password."),
			PortalError,
		)
	if not is_valid_phone(phone):
		frappe.throw(_("{0} is not a valid phone number.").format(phone), PortalError)
	if account_type not in ("Individual", "Enterprise"):
		frappe.throw(_("Choose an individual or an enterprise account."), PortalError)
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": full_name,
			"user_type": "Website User",
			"send_welcome_email": 0,
			"language": frappe.local.lang,
			"new_password": password,
			"roles": [{"role": PORTAL_ROLE}],
		}
	)
	user.insert(ignore_permissions=True)  # self sign-up: a guest creates their own website user
	frappe.get_doc(
		{
			"doctype": "GS Portal Profile",
			"user": email,
			"account_type": account_type,
			"full_name": full_name,
			"phone": phone,
			"enterprise_name": enterprise_name,
			"credit_code": credit_code,
		}
	).insert(ignore_permissions=True)  # the profile belongs to the account created just above
	if getattr(frappe.local, "login_manager", None):
		frappe.local.login_manager.login_as(email)
	return {"user": email, "home": "/my-requests"}


@frappe.whitelist(methods=["POST"])
def submit_request(
	service_item: str,
	phone: str,
	service_centre: str | None = None,
	applicant_name: str | None = None,
	id_number: str | None = None,
	address: str | None = None,
	request_note: str | None = None,
	is_special_group: int = 0,
	special_group: str | None = None,
	is_door_to_door: int = 0,
	preferred_visit_time: str | None = None,
) -> str:
	"""Submit a proxy-handling (or door-to-door) request for a published item; files sent as
	`material-<n>` attach to the n-th material of the item. Returns the new case's name."""
	profile = portal_profile()
	item = frappe.db.get_value(
		"GS Service Item",
		service_item,
		["is_published", "offers_proxy", "offers_online", "offers_door_to_door"],
		as_dict=True,
	)
	if (
		not item
		or not item.is_published
		or not (item.offers_proxy or item.offers_online or item.offers_door_to_door)
	):
		frappe.throw(_("{0} cannot be requested online.").format(service_item), PortalError)
	centre = handling_centre(service_item, service_centre)
	agent = agent_on_duty(centre)
	if not agent:
		frappe.throw(
			_("{0} has no agent on duty; choose another centre or call its hotline.").format(centre),
			PortalError,
		)
	enterprise = profile.account_type == "Enterprise"
	case = frappe.get_doc(
		{
			"doctype": "GS Case",
			"applicant_type": profile.account_type,
			"applicant_name": profile.enterprise_name
			if enterprise
			else (applicant_name or profile.full_name),
			"id_number": None if enterprise else (id_number or profile.id_number),
			"credit_code": profile.credit_code if enterprise else None,
			"phone": phone,
			"address": address,
			"request_note": request_note,
			"is_special_group": cint(is_special_group),
			"special_group": special_group if cint(is_special_group) else None,
			"is_door_to_door": cint(is_door_to_door),
			"preferred_visit_time": preferred_visit_time if cint(is_door_to_door) else None,
			"service_item": service_item,
			"service_centre": centre,
			"agent": agent,
		}
	)
	# portal users cannot create cases directly; GS Case checks the portal rules
	case.insert(ignore_permissions=True)
	case = frappe.get_doc("GS Case", case.name)  # as stored, so the next save compares like with like
	files = frappe.request.files if getattr(frappe, "request", None) else {}
	attached = False
	for index, row in enumerate(case.materials):
		storage = files.get(f"material-{index}")
		if storage and storage.filename:
			attach_material(case, row, storage.filename, storage.stream.read())
			attached = True
	if attached:
		case.save(ignore_permissions=True)  # only material rows changed; GS Case checks that
	return case.name


@frappe.whitelist(methods=["POST"])
def upload_material(case: str, material: str) -> dict:
	"""Upload one missing material (form file field `file`) to the applicant's own open request. When it
	completes what the one-time notice asked for, the request leaves Awaiting Materials and the clock runs
	again, through the GS Case workflow's Materials Supplied action."""
	doc = frappe.get_doc("GS Case", case)
	doc.check_permission("read")
	if not is_portal_user() or doc.portal_user != frappe.session.user:
		frappe.throw(_("Only the applicant uploads materials here."), frappe.PermissionError)
	if doc.stage not in OPEN_STAGES:
		frappe.throw(_("This request is closed; materials can no longer be added."), PortalError)
	row = next((m for m in doc.materials if m.material_name == material), None)
	if not row:
		frappe.throw(_("{0} is not a material of this request.").format(material), PortalError)
	storage = frappe.request.files.get("file") if getattr(frappe, "request", None) else None
	if not storage or not storage.filename:
		frappe.throw(_("Choose a file to upload."), PortalError)
	attach_material(doc, row, storage.filename, storage.stream.read())
	supply_materials(doc)
	return {"status": doc.status, "file_url": row.portal_file}


def attach_material(case, row, filename: str, content: bytes) -> None:
	"""Store an upload as a private file of the case and mark the material received."""
	max_mb = cint(frappe.db.get_single_value("GS Settings", "max_upload_mb")) or 10
	try:
		stored_name = check_upload(filename, content, max_mb * 1024 * 1024)
	except UploadRefused as refused:
		frappe.throw(
			{
				"empty": _("{0} is empty."),
				"too_large": _("{0} is larger than {1} MB."),
				"type": _("{0}: only PDF, JPG, PNG and OFD files are accepted."),
				"content": _("{0} is not really the kind of file its name says."),
			}[refused.reason].format(filename, max_mb),
			PortalError,
			title=_("Upload Refused"),
		)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": stored_name,
			"attached_to_doctype": "GS Case",
			"attached_to_name": case.name,
			"is_private": 1,
			"content": content,
		}
	)
	file.flags.govservice_checked = True  # check_upload above applied the upload rules
	file.insert(ignore_permissions=True)  # a private file of the applicant's own case, checked above
	row.portal_file = file.file_url
	row.is_received = 1
	row.received_date = today()


def supply_materials(case) -> None:
	"""Save the applicant's materials; take the workflow's Materials Supplied action when the one-time
	notice is answered in full."""
	action = None
	if case.stage == "Awaiting Materials":
		pause = next((row for row in case.pauses if not row.to_date), None)
		listed = (
			frappe.get_all("GS Notice Material", filters={"parent": pause.notice}, pluck="material_name")
			if pause
			else []
		)
		received = {row.material_name for row in case.materials if row.is_received}
		if set(listed) <= received:
			action = next((t for t in get_transitions(case) if t.action == "Materials Supplied"), None)
	if action:
		case.status = action.next_state
	case.save(ignore_permissions=True)  # the applicant may only supply materials; GS Case checks that
	if action:
		case.add_comment("Workflow", _(action.next_state))


@frappe.whitelist(methods=["POST"])
def rate_request(case: str, rating: str, comment: str | None = None) -> dict:
	"""好差评: the applicant rates their completed request once. Returns the rating and any rectification."""
	frappe.get_doc("GS Case", case).check_permission("read")
	doc = frappe.get_doc({"doctype": "GS Rating", "gs_case": case, "rating": rating, "comment": comment})
	doc.insert(ignore_permissions=True)  # portal users cannot create ratings directly; GS Rating checks them
	return {"rating": doc.name, "rectification": doc.rectification}


def portal_profile():
	"""The session user's portal profile; staff and guests have none."""
	if not is_portal_user():
		frappe.throw(_("Log in with a citizen or enterprise account."), frappe.PermissionError)
	name = frappe.db.get_value("GS Portal Profile", {"user": frappe.session.user})
	if not name:
		frappe.throw(_("Complete your account details first."), PortalError)
	return frappe.get_doc("GS Portal Profile", name)
