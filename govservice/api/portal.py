"""Portal endpoints for citizens and enterprises (role GS Portal User, no desk access).

Portal users have read-only DocType permissions on their own records; everything they submit goes
through these functions, which insert with ignore_permissions and leave every rule to the controllers
(GS Case, GS Rating, GS Portal Profile), the same rules a Web Form submission meets.
"""

import os

import frappe
from frappe import _
from frappe.model.workflow import get_transitions
from frappe.utils import cint, today

from govservice.casework.doctype.gs_case.gs_case import TARGET_APPLICANTS
from govservice.casework.stages import OPEN_STAGES
from govservice.citizen_portal.utils import (
	agent_on_duty,
	catalogue_code,
	handling_centre,
	is_portal_user,
)
from govservice.domain.upload_rules import UploadRefused, check_upload
from govservice.utils import shown


class PortalError(frappe.ValidationError):
	pass


@frappe.whitelist(methods=["POST"])
def submit_request(
	service_item: str,
	phone: str,
	service_centre: str | None = None,
	for_other: int = 0,
	applicant_name: str | None = None,
	id_number: str | None = None,
	relationship: str | None = None,
	address: str | None = None,
	request_note: str | None = None,
	is_special_group: int = 0,
	special_group: str | None = None,
	is_door_to_door: int = 0,
	preferred_visit_time: str | None = None,
	pickup_centre: str | None = None,
) -> str:
	"""Submit a proxy-handling (or door-to-door) request for a published item, in the account holder's
	name, or with `for_other` for someone else (their name, ID number and the `relationship`); files sent
	as `material-<n>` attach to the n-th material of the item. Returns the new case's name.

	The case is saved once, with its files: the files are checked and stored first, the case is inserted
	with them on its material rows, and the files are then attached to it."""
	profile = portal_profile()
	service_item = catalogue_code(service_item) or ""
	item = frappe.db.get_value(
		"GS Service Item",
		{"name": service_item},
		["is_published", "offers_proxy", "offers_online", "offers_door_to_door", "target", "item_name"],
		as_dict=True,
	)
	if (
		not item
		or not item.is_published
		or not (item.offers_proxy or item.offers_online or item.offers_door_to_door)
	):
		frappe.throw(_("{0} cannot be requested online.").format(shown(service_item)), PortalError)
	check_applicant_type(item, profile.account_type)
	materials = item_materials(service_item)
	uploads = checked_uploads(len(materials))
	centre = handling_centre(service_item, service_centre)
	agent = agent_on_duty(centre)
	if not agent:
		frappe.throw(
			_("{0} has no agent on duty; choose another centre or call its hotline.").format(centre),
			PortalError,
		)
	for_other = cint(for_other) and profile.account_type == "Individual"
	case = frappe.get_doc(
		{
			"doctype": "GS Case",
			"applicant_type": profile.account_type,
			# the holder's own name, ID or enterprise are set by GS Case from the account (实名)
			"applicant_name": applicant_name if for_other else profile.full_name,
			"id_number": id_number if (for_other or not profile.id_number) else profile.id_number,
			"filed_by_other": 1 if for_other else 0,
			"filer_relationship": relationship if for_other else None,
			"phone": phone,
			"address": address,
			"request_note": request_note,
			"is_special_group": cint(is_special_group),
			"special_group": special_group if cint(is_special_group) else None,
			"is_door_to_door": cint(is_door_to_door),
			"preferred_visit_time": preferred_visit_time if cint(is_door_to_door) else None,
			"service_item": service_item,
			"service_centre": centre,
			"pickup_centre": checked_pickup_centre(pickup_centre),
			"agent": agent,
		}
	)
	# The files are written before the case and the case is inserted with them: inserting a case takes its
	# number from the naming series, whose row stays locked until the request commits, so requests file
	# their cases one after the other; only the case's own rows are written while that lock is held.
	files = {index: save_file(stored_name, content) for index, (stored_name, content) in uploads.items()}
	today_ = today()
	for index, material in enumerate(materials):
		row = case.append("materials", material)
		if index in files:
			row.update({"portal_file": files[index].file_url, "is_received": 1, "received_date": today_})
	case.flags.uploaded_materials = [case.materials[index].material_name for index in files]
	# what GS Case would look up again (server-side flags: a client cannot set them)
	case.flags.portal_profile = profile
	case.flags.item_materials = [material.material_name for material in materials]
	try:
		# portal users cannot create cases directly; GS Case checks the portal rules (its materials too)
		case.insert(ignore_permissions=True)
	except Exception:
		remove_files(files.values())  # the transaction forgets the File rows, not what was written to disk
		raise
	for file in files.values():
		frappe.db.set_value(
			"File",
			file.name,
			{"attached_to_doctype": "GS Case", "attached_to_name": case.name},
			update_modified=False,
		)
	if service_centre and frappe.db.exists("GS Service Centre", service_centre):
		# the form offers the same centre first next time
		frappe.db.set_value(
			"GS Portal Profile", profile.name, "home_centre", service_centre, update_modified=False
		)
	return case.name


def checked_pickup_centre(centre) -> str | None:
	"""全县域通办: the centre the applicant collects the result at (exactly one of the county's), or none."""
	from govservice.service_hall.categories import exact_centre

	if not centre:
		return None
	if not exact_centre(centre):
		frappe.throw(_("Choose the centre where you collect the result from the list."), PortalError)
	return centre


def item_materials(service_item: str) -> list[dict]:
	"""The item's materials list (办事指南), as the rows of a new case."""
	return frappe.get_all(
		"GS Item Material",
		filters={"parent": service_item, "parenttype": "GS Service Item"},
		fields=["material_name", "is_required", "allows_deferred"],
		order_by="idx asc",
		ignore_permissions=True,  # the published catalogue is public (公示公开)
	)


def check_applicant_type(item, account_type: str) -> None:
	"""Items for legal persons only are not for individual accounts, and the reverse (办事指南: 服务对象)."""
	allowed = TARGET_APPLICANTS.get(item.target)
	if allowed and account_type not in allowed:
		frappe.throw(
			_(
				"{0} is for enterprises and other legal persons only; log in with an enterprise account."
			).format(item.item_name)
			if account_type == "Individual"
			else _("{0} is for individuals only.").format(item.item_name),
			PortalError,
			title=_("Who May Apply"),
		)


def checked_uploads(count: int) -> dict[int, tuple[str, bytes]]:
	"""The files sent with a request for the item's `count` materials (`material-<n>`), each checked by the upload rules before anything is
	saved: {material index: (stored file name, content)}."""
	files = frappe.request.files if getattr(frappe, "request", None) else {}
	uploads = {}
	for index in range(count):
		storage = files.get(f"material-{index}")
		if storage and storage.filename:
			content = storage.stream.read()
			uploads[index] = (checked_name(storage.filename, content), content)
	return uploads


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
		frappe.throw(_("{0} is not a material of this request.").format(shown(material)), PortalError)
	storage = frappe.request.files.get("file") if getattr(frappe, "request", None) else None
	if not storage or not storage.filename:
		frappe.throw(_("Choose a file to upload."), PortalError)
	attach_material(doc, row, storage.filename, storage.stream.read())
	supply_materials(doc)
	return {"status": doc.status, "file_url": row.portal_file}


@frappe.whitelist(methods=["POST"])
def upload_project_material(project: str, material: str) -> dict:
	"""资料互认: the owner enterprise uploads one missing or expired material of its key project (form file
	field `file`); it is held once and shared by every approval that uses it."""
	from govservice.key_projects.materials import upload_material

	if not frappe.db.exists("GS Key Project", project):
		raise frappe.PermissionError
	doc = frappe.get_doc("GS Key Project", project)
	doc.check_permission("read")
	if not is_portal_user() or doc.owner_user != frappe.session.user:
		frappe.throw(_("Only the owner enterprise uploads materials here."), frappe.PermissionError)
	storage = frappe.request.files.get("file") if getattr(frappe, "request", None) else None
	if not storage or not storage.filename:
		frappe.throw(_("Choose a file to upload."), PortalError)
	upload_material(doc, material, storage.filename, storage.stream.read())
	row = next(r for r in doc.materials if r.material_name == material)
	return {"material": material, "status": row.material_status, "version": row.version}


def checked_name(filename: str, content: bytes) -> str:
	"""The name an upload is stored under, or a refusal in the applicant's language (upload rules)."""
	max_mb = cint(frappe.db.get_single_value("GS Settings", "max_upload_mb")) or 10
	try:
		return check_upload(filename, content, max_mb * 1024 * 1024)
	except UploadRefused as refused:
		frappe.throw(
			{
				"empty": _("{0} is empty."),
				"too_large": _("{0} is larger than {1} MB."),
				"type": _("{0}: only PDF, JPG, PNG and OFD files are accepted."),
				"content": _("{0} is not really the kind of file its name says."),
			}[refused.reason].format(shown(filename), max_mb),
			PortalError,
			title=_("Upload Refused"),
		)


def save_file(stored_name: str, content: bytes, record=None):
	"""Store a checked upload as a private File, attached to `record` (a case, a key project) when it is
	given (a new request's files are stored before their case exists and attached to it right after it is
	inserted)."""
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": stored_name,
			"attached_to_doctype": record.doctype if record else None,
			"attached_to_name": record.name if record else None,
			"is_private": 1,
			"content": content,
		}
	)
	file.flags.govservice_checked = True  # checked_name applied the upload rules
	file.insert(ignore_permissions=True)  # a private file of the applicant's own record, checked above
	return file


def remove_files(files) -> None:
	for file in files:
		path = file.get_full_path()
		if os.path.exists(path):
			os.remove(path)


def attach_material(case, row, filename: str, content: bytes) -> None:
	"""Store an upload as a private file of the case and mark the material received (awaiting check)."""
	row.portal_file = save_file(checked_name(filename, content), content, case).file_url
	row.is_received = 1
	row.is_verified = 0
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


@frappe.whitelist(methods=["POST"])
def rate_project(project: str, rating: str, comment: str | None = None) -> dict:
	"""好差评 of a key project's agency by its owner enterprise (once, after a stage is completed)."""
	if not frappe.db.exists("GS Key Project", project):
		raise frappe.PermissionError
	frappe.get_doc("GS Key Project", project).check_permission("read")
	doc = frappe.get_doc(
		{"doctype": "GS Rating", "key_project": project, "rating": rating, "comment": comment}
	)
	doc.insert(ignore_permissions=True)  # portal users cannot create ratings directly; GS Rating checks them
	return {"rating": doc.name, "rectification": doc.rectification}


def portal_profile():
	"""The session user's portal profile; staff and guests have none."""
	if not is_portal_user():
		frappe.throw(_("Log in with a citizen or enterprise account."), frappe.PermissionError)
	profile = frappe.db.get_value(
		"GS Portal Profile",
		{"user": frappe.session.user},
		["name", "account_type", "full_name", "id_number", "enterprise_name", "credit_code"],
		as_dict=True,
	)
	if not profile:
		frappe.throw(_("Complete your account details first."), PortalError)
	return profile
