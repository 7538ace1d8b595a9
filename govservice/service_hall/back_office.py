"""前台综合受理、后台分类审批 (seed 001): the front window checks the originals (原件预审), then passes the case by
responsibility to the department's back office (按责转办) under a limit in working days; the back office
returns the result — what was decided, the licence or document number, the electronic licence — or sends
the case back with what is wrong; the result goes on to 办结核验 and 统一出件 at the results window.

Who acts:
- the case's writers (its centre's agents and window officers) send it, and record the result for a
  department that has no desk account (marked so on the record);
- the department's liaison contact or leader in charge (GS Department Liaison) returns it or sends it back;
- the centre's staff and supervisors read their centre's records, the department its own, the supervisory
  department every one; citizens none.
"""

import frappe
from frappe import _
from frappe.utils import cint, getdate, now_datetime, today

from govservice.casework.errors import CaseError
from govservice.casework.ledger import log_action
from govservice.citizen_portal.utils import is_portal_user
from govservice.complaints.permissions import CONTACT_ROLE, departments_of, has_desk_account
from govservice.domain.hall_rules import back_office_problems, document_number
from govservice.organisation.calendar import add_working_days
from govservice.security.registry import is_admin
from govservice.security.scope import ancestors, centre_scope_query, user_centres
from govservice.security.writes import save_as_action
from govservice.utils import shown

TASK = "GS Back Office Task"
TABLE = f"`tab{TASK}`"
SUPERVISORY_ROLE = "GS Supervisory Officer"
FRONT_ROLES = frozenset(("GS Agent", "GS Window Officer", "GS Supervisor"))
READ_TYPES = (None, "read", "print", "report", "export", "select")
SENDABLE_STAGES = ("Accepted", "In Progress")
MAX_RESULT = 1000


class BackOfficeError(frappe.ValidationError):
	pass


# --- who sees what ---------------------------------------------------------------------------------------


def task_query(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions: the front centre's scope (as for its cases), or the department's."""
	user = user or frappe.session.user
	if is_admin(user):
		return ""
	if is_portal_user(user):
		return "1=0"
	roles = set(frappe.get_roles(user))
	if SUPERVISORY_ROLE in roles:
		return ""
	conditions = []
	if roles & FRONT_ROLES:
		scope = centre_scope_query(user, TASK)
		if scope == "":
			return ""
		if scope != "1=0":
			conditions.append(scope)
	if CONTACT_ROLE in roles:
		departments = departments_of(user)
		if departments:
			conditions.append(
				f"{TABLE}.`department` in ({', '.join(frappe.db.escape(d) for d in departments)})"
			)
	return "(" + " or ".join(conditions) + ")" if conditions else "1=0"


def has_task_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	"""has_permission: the department writes its own open records (to attach the electronic licence before
	returning it; every field is the actions'); everyone else reads at most."""
	user = user or frappe.session.user
	if is_admin(user):
		return True
	if is_portal_user(user) or doc.is_new():
		return False
	roles = set(frappe.get_roles(user))
	if CONTACT_ROLE in roles and doc.department in departments_of(user):
		return ptype in READ_TYPES or (ptype == "write" and doc.status == "With Back Office")
	if ptype not in READ_TYPES:
		return False
	if SUPERVISORY_ROLE in roles:
		return True
	return bool(roles & FRONT_ROLES) and doc.service_centre in user_centres(user, TASK)


# --- the front window sends ------------------------------------------------------------------------------


def send(case, department: str, limit_days, note: str | None = None) -> str:
	"""按责转办 of `case` (loaded and checked writable by the case's action) to `department`'s back office."""
	if case.stage not in SENDABLE_STAGES:
		frappe.throw(
			_("Only an accepted case is passed to the back office."),
			CaseError,
			title=_("Pass to Back Office"),
		)
	if not isinstance(department, str) or not frappe.db.exists("Department", department):
		frappe.throw(_("Choose the department responsible."), CaseError, title=_("Pass to Back Office"))
	limit = cint(limit_days)
	if limit < 1 or limit > 60:
		frappe.throw(
			_("The back office's time limit is 1 to 60 working days."),
			CaseError,
			title=_("Pass to Back Office"),
		)
	note = (note or "").strip() if isinstance(note, str | type(None)) else ""
	if len(note) > MAX_RESULT:
		frappe.throw(_("The note is too long."), CaseError, title=_("Pass to Back Office"))
	missing = back_office_problems(
		[row.as_dict() for row in case.materials], bool(case.accepted_with_deferral)
	)
	if missing:
		frappe.throw(
			_("Check the originals first (原件预审); not yet seen: {0}").format(
				"、".join(shown(name) for name in missing)
			),
			CaseError,
			title=_("Pass to Back Office"),
		)
	frappe.db.sql("select name from `tabGS Case` where name = %s for update", case.name)
	if frappe.db.exists(TASK, {"gs_case": case.name, "department": department, "status": "With Back Office"}):
		frappe.throw(
			_("The case is with this department's back office already."),
			CaseError,
			title=_("Pass to Back Office"),
		)
	due = add_working_days(today(), limit)
	if case.deadline_date and due > getdate(case.deadline_date):
		frappe.throw(
			_("The back office's limit would end on {0}, after the case's deadline {1}.").format(
				due, case.deadline_date
			),
			CaseError,
			title=_("Pass to Back Office"),
		)
	task = frappe.new_doc(TASK)
	township, county = ancestors(case.service_centre)
	task.update(
		{
			"gs_case": case.name,
			"item_name": case.item_name,
			"applicant_name": case.applicant_name,
			"applicant_id_masked": case.id_number_masked or case.credit_code,
			"front_note": note or None,
			"department": department,
			"department_name": frappe.db.get_value("Department", department, "department_name"),
			"status": "With Back Office",
			"service_centre": case.service_centre,
			"township_centre": township,
			"county_centre": county,
			"sent_on": now_datetime(),
			"sent_by": frappe.session.user,
			"limit_days": limit,
			"due_date": due,
		}
	)
	for row in case.materials:
		task.append(
			"materials",
			{
				"material_name": row.material_name,
				"is_required": row.is_required,
				"original_seen": row.is_verified,
				"is_deferred": 1 if row.is_required and not row.is_verified else 0,
			},
		)
	save_as_action(task)  # the case's action checked the caller
	copy_scans(case, task)
	log_action(
		case,
		"Sent to Back Office",
		_("{0}: within {1} working days, by {2}").format(task.department_name or department, limit, due)
		+ (f" · {note}" if note else ""),
	)
	return task.name


def copy_scans(case, task) -> None:
	"""The department reads the scanned copies with its record: each scan is copied onto it (a private file
	belongs to one record)."""
	scans = {row.material_name: row.scanned_copy for row in case.materials if row.get("scanned_copy")}
	changed = False
	for row in task.materials:
		url = scans.get(row.material_name)
		source = url and frappe.db.get_value(
			"File",
			{"file_url": url, "attached_to_doctype": "GS Case", "attached_to_name": case.name},
			"name",
		)
		if not source:
			continue
		row.scanned_copy = copy_file(source, TASK, task.name)
		changed = True
	if changed:
		save_as_action(task)


def copy_file(file_name: str, doctype: str, name: str, field: str | None = None) -> str:
	"""A private copy of File `file_name` attached to another record (a private file belongs to one record:
	whoever reads that record reads its copy, and nothing else of the first), to its field `field` if it
	is the value of one (Frappe would otherwise attach the value again when the record is saved); its URL."""
	source = frappe.get_doc("File", file_name)
	copy = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": source.file_name,
			"attached_to_doctype": doctype,
			"attached_to_name": name,
			"attached_to_field": field,
			"is_private": 1,
			"content": source.get_content(),
		}
	)
	copy.flags.govservice_checked = True  # checked by the upload rules when it was first attached
	copy.insert(ignore_permissions=True)
	return copy.file_url


# --- the back office answers ---------------------------------------------------------------------------


def answering_as(task, user: str | None = None) -> str | None:
	"""How `user` may answer the record: "department" (its contact or leader, or an administrator), "front"
	(one of the case's writers, for a department without a desk account) or None."""
	user = user or frappe.session.user
	if is_admin(user):
		return "department"
	roles = set(frappe.get_roles(user))
	if CONTACT_ROLE in roles and task.department in departments_of(user):
		return "department"
	if (
		FRONT_ROLES & roles
		and not has_desk_account(task.department)
		and frappe.has_permission("GS Case", "write", doc=task.gs_case, user=user)
	):
		return "front"
	return None


def task_for_action(name) -> "frappe.model.document.Document":
	"""The open record, locked; the caller is its department's contact or leader, or (for a department
	without a desk account) one of the case's writers."""
	if not isinstance(name, str) or not frappe.db.exists(TASK, name):
		frappe.throw(_("This case is not with your back office."), frappe.PermissionError)
	task = frappe.get_doc(TASK, name, for_update=True)
	kind = answering_as(task)
	if not kind:
		frappe.throw(_("This case is not with your back office."), frappe.PermissionError)
	task.flags.recorded_for_department = kind == "front"
	return task


def check_open(task) -> None:
	if task.status != "With Back Office":
		frappe.throw(
			_("The back office answered this already ({0}).").format(_(task.status)),
			BackOfficeError,
			title=_("Back Office"),
		)


@frappe.whitelist(methods=["POST"])
def return_result(
	name: str, result_summary: str, licence_number: str | None = None, result_file: str | None = None
) -> dict:
	"""The back office returns its result to the front window: what was decided, the licence or document
	number, the electronic licence (a file attached to this record)."""
	task = task_for_action(name)
	check_open(task)
	if not isinstance(result_summary, str) or not result_summary.strip():
		frappe.throw(_("Write the result."), BackOfficeError, title=_("Return the Result"))
	if len(result_summary) > MAX_RESULT:
		frappe.throw(_("The result is too long."), BackOfficeError, title=_("Return the Result"))
	try:
		number = document_number(licence_number if isinstance(licence_number, str) else None)
	except ValueError:
		frappe.throw(
			_("A licence or document number has letters, digits, Chinese characters and brackets only."),
			BackOfficeError,
			title=_("Return the Result"),
		)
	file_url, file_name = None, None
	if result_file:
		file_name = isinstance(result_file, str) and frappe.db.get_value(
			"File",
			{
				"file_url": result_file,
				"attached_to_doctype": TASK,
				"attached_to_name": task.name,
				"is_private": 1,
			},
		)
		if not file_name:
			frappe.throw(
				_("Attach the electronic licence to this record first."),
				BackOfficeError,
				title=_("Return the Result"),
			)
		file_url = result_file
	by_front = bool(task.flags.recorded_for_department)
	task.update(
		{
			"status": "Result Returned",
			"result_summary": result_summary.strip(),
			"licence_number": number,
			"result_file": file_url,
			"returned_on": now_datetime(),
			"returned_by": frappe.session.user,
			"recorded_for_department": 1 if by_front else 0,
		}
	)
	save_as_action(task)
	case = frappe.get_doc("GS Case", task.gs_case)
	updates = {"result": result_summary.strip()}
	if number:
		updates["licence_number"] = number
	if file_name:  # the electronic licence the applicant downloads on the portal (网上出件)
		updates["electronic_licence"] = copy_file(file_name, "GS Case", case.name, "electronic_licence")
	frappe.db.set_value("GS Case", case.name, updates)
	log_action(
		case,
		"Back Office Returned",
		_("{0}: {1}").format(task.department_name or task.department, result_summary.strip())
		+ (" · " + _("Licence or Document Number") + f" {number}" if number else "")
		+ (
			" · " + _("recorded by the front window for a department without a desk account")
			if by_front
			else ""
		),
		centre=case.service_centre,
	)
	return {"status": task.status}


@frappe.whitelist(methods=["POST"])
def send_back(name: str, reason: str) -> dict:
	"""The back office sends the case back to the front window with what is wrong (the front may send it
	again once it is put right)."""
	task = task_for_action(name)
	check_open(task)
	if not isinstance(reason, str) or not reason.strip() or len(reason) > MAX_RESULT:
		frappe.throw(_("Write why the case is sent back."), BackOfficeError, title=_("Send Back"))
	task.update(
		{
			"status": "Sent Back to Front",
			"send_back_reason": reason.strip(),
			"returned_on": now_datetime(),
			"returned_by": frappe.session.user,
			"recorded_for_department": 1 if task.flags.recorded_for_department else 0,
		}
	)
	save_as_action(task)
	case = frappe.get_doc("GS Case", task.gs_case)
	log_action(
		case,
		"Back Office Sent Back",
		_("{0}: {1}").format(task.department_name or task.department, reason.strip()),
		centre=case.service_centre,
	)
	return {"status": task.status}


def open_departments(case_name: str) -> list[str]:
	"""Departments whose back office still holds the case (it cannot be completed before they answer)."""
	return frappe.get_all(
		TASK,
		filters={"gs_case": case_name, "status": "With Back Office"},
		pluck="department_name",
		ignore_permissions=True,
	)
