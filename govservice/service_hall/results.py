"""统一出件: the result of a completed case is handed over at one window — the results window of the centre
the applicant chose (全县域通办: any centre of the county), checked there first (办结核验), and issued once:
to the applicant, the person who filed for them, the case's proxy agent or an enterprise's handler, whose
identity the officer checks (an ID number must be the one recorded on the case), who signs on the screen; a
领取回执 is printed. A result sent by EMS (to the address recorded on the case) or issued electronically is
recorded as handed over at once. Every step is in the case's work log."""

import re

import frappe
from frappe import _
from frappe.utils import now_datetime
from werkzeug.wrappers import Response

from govservice.casework.ledger import log_action
from govservice.citizen_portal.utils import is_portal_user
from govservice.domain.identity import mask_resident_id
from govservice.security.scope import ancestors, user_centres
from govservice.utils import canonical_identifier

HANDOVER = "GS Result Handover"
# what an electronic licence is served as (anything else downloads as bytes)
DOWNLOAD_TYPES = {
	"pdf": "application/pdf",
	"ofd": "application/ofd",
	"png": "image/png",
	"jpg": "image/jpeg",
	"jpeg": "image/jpeg",
}
RECIPIENTS = ("Applicant", "Filer", "Proxy Agent", "Enterprise Handler")
# a signature drawn on the screen: a PNG as a data URL, nothing else (it is printed on the receipt)
SIGNATURE = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")
MAX_SIGNATURE = 400_000


class ResultError(frappe.ValidationError):
	pass


def open_handover(case, method: str | None = None) -> str | None:
	"""When the handling centre announces a completed case's result (`announce_result`): the case's record
	at the results window it goes to. EMS and electronic results are handed over at once."""
	if not case.result_ready_on or not case.delivery_method:
		return None
	window = case.get("pickup_centre") or case.service_centre
	name = frappe.db.get_value(HANDOVER, {"gs_case": case.name})
	if name:  # announced once: the results window hands it over (or it went by EMS, or electronically)
		frappe.throw(
			_("The result of this case is at the results window already; the window hands it over."),
			ResultError,
		)
	doc = frappe.new_doc(HANDOVER)
	township, county = ancestors(window)
	now = now_datetime()
	doc.update(
		{
			"gs_case": case.name,
			"item_name": case.item_name,
			"applicant_name": case.applicant_name,
			"applicant_id_masked": case.id_number_masked or case.credit_code,
			"service_centre": window,
			"township_centre": township,
			"county_centre": county,
			"handling_centre": case.service_centre,
			"is_cross_centre": 1 if window != case.service_centre else 0,
			"case_result": case.result,
			"licence_number": case.get("licence_number"),
			"delivery_method": case.delivery_method,
			"ready_on": case.result_ready_on,
			"status": "Awaiting Pickup",
		}
	)
	if case.delivery_method == "EMS":
		doc.update(
			{
				"status": "Sent by EMS",
				"ems_tracking_number": case.ems_tracking_number,
				"ems_address": case.address,
				"issued_by": frappe.session.user,
				"issued_on": now,
			}
		)
	elif case.delivery_method == "Electronic Certificate":
		doc.update({"status": "Issued Electronically", "issued_by": frappe.session.user, "issued_on": now})
	doc.flags.ignore_permissions = True  # the announcing agent's action (checked on the case)
	doc.save()
	if doc.status != "Awaiting Pickup":
		frappe.db.set_value("GS Case", case.name, "result_issued_on", now, update_modified=False)
	return doc.name


def licence_file(case, url) -> str:
	"""The electronic licence of a result issued electronically: `url`, a private file just attached to the
	case, or the one the back office returned (already on the case)."""
	url = url if isinstance(url, str) and url else case.get("electronic_licence")
	if not url or not frappe.db.exists(
		"File",
		{"file_url": url, "attached_to_doctype": "GS Case", "attached_to_name": case.name, "is_private": 1},
	):
		frappe.throw(
			_("Attach the electronic licence to the case first: the applicant downloads it on the portal."),
			ResultError,
			title=_("Result Ready"),
		)
	return url


@frappe.whitelist(methods=["GET"])
def download_licence(case: str) -> Response:
	"""网上出件: the applicant downloads the electronic licence of their own request once the result is
	issued electronically (the first download is in the case's work log); staff who read the case download
	it too. Anything else is refused alike, whether the case exists or not."""
	if not isinstance(case, str) or not frappe.db.exists("GS Case", case):
		raise frappe.PermissionError
	if not frappe.has_permission("GS Case", "read", doc=case):
		raise frappe.PermissionError
	doc = frappe.get_doc("GS Case", case)
	portal = is_portal_user()
	issued = doc.delivery_method == "Electronic Certificate" and doc.result_ready_on
	file_name = doc.electronic_licence and frappe.db.get_value(
		"File",
		{"file_url": doc.electronic_licence, "attached_to_doctype": "GS Case", "attached_to_name": doc.name},
	)
	if not file_name or (portal and not issued):
		frappe.throw(_("This request has no electronic licence to download yet."), ResultError)
	file = frappe.get_doc("File", file_name)
	if portal and not frappe.db.exists(
		"GS Work Log", {"gs_case": doc.name, "action": "Electronic Licence Downloaded"}
	):
		log_action(doc, "Electronic Licence Downloaded", _("Downloaded by the applicant on the portal"))
		frappe.local.flags.commit = True  # a GET: Frappe keeps what it wrote only when asked
	return file_response(file.get_content(), file.file_name, f"{_('Electronic Licence')}-{doc.name}")


def file_response(content: bytes, file_name: str, title: str) -> Response:
	"""A download saved under a name that says what it is, as the type its extension says (one of
	DOWNLOAD_TYPES; anything else as bytes), never shown as a page by the browser."""
	from govservice.api.printing import named_response

	extension = (file_name or "").rsplit(".", 1)[-1].lower() if "." in (file_name or "") else ""
	extension = extension if extension in DOWNLOAD_TYPES else ""
	mimetype = DOWNLOAD_TYPES.get(extension) or "application/octet-stream"
	return named_response(content, title, f".{extension}" if extension else "", mimetype, attachment=True)


def handover_for_action(name) -> "frappe.model.document.Document":
	"""The handover, locked, if the caller staffs its results window (or administers the county)."""
	if not isinstance(name, str) or not frappe.db.exists(HANDOVER, name):
		frappe.throw(_("This result is not at your window."), frappe.PermissionError)
	frappe.db.sql(f"select name from `tab{HANDOVER}` where name = %s for update", name)
	doc = frappe.get_doc(HANDOVER, name)
	user = frappe.session.user
	roles = set(frappe.get_roles(user))
	if not roles & {"GS Administrator", "System Manager"}:
		if not roles & {
			"GS Window Officer",
			"GS Agent",
			"GS Supervisor",
		} or doc.service_centre not in user_centres(user, HANDOVER):
			frappe.throw(_("This result is not at your window."), frappe.PermissionError)
	return doc


@frappe.whitelist(methods=["POST"])
def check_result(name: str) -> dict:
	"""办结核验: the results window checks the result against the case before handing it over."""
	doc = handover_for_action(name)
	if doc.status != "Awaiting Pickup":
		frappe.throw(_("This result has been handed over already."), ResultError)
	doc.update({"result_checked": 1, "checked_by": frappe.session.user, "checked_on": now_datetime()})
	doc.flags.ignore_permissions = True
	doc.save()
	case = frappe.get_doc("GS Case", doc.gs_case)
	log_action(case, "Result Checked", _("Checked at the results window"), centre=doc.service_centre)
	return {"status": doc.status, "result_checked": 1}


@frappe.whitelist(methods=["POST"])
def issue(
	name: str,
	recipient_type: str,
	recipient_name: str,
	id_number: str | None = None,
	signature: str | None = None,
	identity_checked: int | str = 0,
) -> dict:
	"""出件: hand the checked result over once, to a person the case records, whose identity was checked
	and who signed."""
	doc = handover_for_action(name)
	if doc.status != "Awaiting Pickup":
		frappe.throw(_("This result has been handed over already."), ResultError)
	if not doc.result_checked:
		frappe.throw(_("Check the result against the case first (办结核验)."), ResultError)
	if recipient_type not in RECIPIENTS:
		frappe.throw(_("Choose who collects the result."), ResultError)
	if not isinstance(recipient_name, str) or not recipient_name.strip() or len(recipient_name) > 60:
		frappe.throw(_("Enter the recipient's name."), ResultError)
	if str(identity_checked) not in ("1", "true", "True"):
		frappe.throw(_("Check the recipient's identity document first."), ResultError)
	if not isinstance(signature, str) or len(signature) > MAX_SIGNATURE or not SIGNATURE.fullmatch(signature):
		frappe.throw(_("The recipient signs on the screen."), ResultError)
	case = frappe.get_doc("GS Case", doc.gs_case)
	recipient_id = check_recipient(case, recipient_type, recipient_name.strip(), id_number)
	now = now_datetime()
	doc.update(
		{
			"status": "Issued",
			"recipient_type": recipient_type,
			"recipient_name": recipient_name.strip(),
			"recipient_id_masked": recipient_id,
			"identity_checked": 1,
			"signature": signature,
			"issued_by": frappe.session.user,
			"issued_on": now,
		}
	)
	doc.flags.ignore_permissions = True
	doc.save()
	frappe.db.set_value("GS Case", case.name, "result_issued_on", now, update_modified=False)
	log_action(
		case,
		"Result Issued",
		_("Issued at the results window to {0} ({1})").format(recipient_name.strip(), _(recipient_type)),
		centre=doc.service_centre,
	)
	return {"status": "Issued"}


def check_recipient(case, recipient_type: str, name: str, id_number) -> str:
	"""The recipient is one the case records, with the ID number the case records (canonical form); the
	masked ID for the record."""
	if recipient_type == "Proxy Agent":
		if name != (
			case.agent_name or ""
		):  # not told whose name it is: the officer reads it on the work card
			frappe.throw(_("This is not the name of the case's proxy agent."), ResultError)
		return ""
	if recipient_type == "Enterprise Handler" and case.applicant_type != "Enterprise":
		frappe.throw(_("This case is not an enterprise's."), ResultError)
	expected = {
		"Applicant": case.id_number,
		"Filer": case.filer_id_number if case.filed_by_other else None,
		"Enterprise Handler": case.filer_id_number if case.filed_by_other else None,
	}[recipient_type]
	if not expected:
		frappe.throw(_("The case records nobody of this kind to collect the result."), ResultError)
	given = canonical_identifier(id_number if isinstance(id_number, str) else "", "resident_id", ResultError)
	if given != expected:
		frappe.throw(
			_(
				"The ID number is not the one the case records for this person; the result is not handed over."
			),
			ResultError,
		)
	return mask_resident_id(given)
