"""Who sees a key project: its handling centre's scope, its agency team, the departments that approve in it.

- the county's administrators: every project;
- staff with centres (agents, supervisors): the projects handled at their centres (the centre tree's User
  Permissions, as for cases), as an indexed `service_centre in (…)`;
- the agency team: every member named with a user account, whatever their centre (a township agent carried
  on the county's project, a department's person in the lead unit);
- a department's liaison contact or leader in charge: the projects in which their department approves, in
  the form and in the ledgers;
- the supervisory department (监督考核): every project, to read, print and report on, never to change;
- the owner enterprise's portal account named on the project: that project, to read and print (portal);
- nobody else (a staff account without a centre or a team place reads none).

Writes (the form, REST, frappe.client) are for the liaison agent, agents of the handling centre's scope and
the team's agents; departments act on their own approvals only, through `record_approval` and the clock
stops (`pause_approval` / `resume_approval`); the department that leads a stage (牵头部门) reads the project,
accepts its stage's joint application (`accept_stage`) and urges its co-approvers (`urge_approval`).
"""

import frappe

from govservice.citizen_portal.utils import is_portal_user
from govservice.complaints.permissions import departments_of
from govservice.security.registry import is_admin
from govservice.security.scope import user_centres

TABLE = "`tabGS Key Project`"
WRITE_ROLES = frozenset(("GS Agent",))
SUPERVISORY_ROLE = "GS Supervisory Officer"
READ_TYPES = (None, "read", "print", "report", "export")


def project_query(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if is_admin(user):
		return ""
	escape = frappe.db.escape
	if is_portal_user(user):
		return f"{TABLE}.`owner_user` = {escape(user)}"
	if SUPERVISORY_ROLE in frappe.get_roles(user):
		return ""  # the county's supervisory department reads every project
	conditions = [
		f"{TABLE}.`liaison_user` = {escape(user)}",
		f"{TABLE}.name in (select parent from `tabGS Project Team Member` where parenttype = 'GS Key Project'"
		f" and user = {escape(user)})",
	]
	centres = user_centres(user, "GS Key Project")
	if centres:
		conditions.append(f"{TABLE}.`service_centre` in ({', '.join(escape(c) for c in centres)})")
	departments = departments_of(user) if "GS Department Contact" in frappe.get_roles(user) else []
	if departments:
		listed = ", ".join(escape(d) for d in departments)
		conditions.append(
			f"{TABLE}.name in (select parent from `tabGS Project Approval` where parenttype = 'GS Key Project'"
			f" and department in ({listed}))"
		)
		conditions.append(  # 牵头部门: the department that leads a stage
			f"{TABLE}.name in (select parent from `tabGS Project Stage` where parenttype = 'GS Key Project'"
			f" and lead_department in ({listed}))"
		)
	return "(" + " or ".join(conditions) + ")"


def relation(doc, user: str) -> str | None:
	"""How `user` stands to the project: 'centre', 'team', 'department', 'owner' or None."""
	if is_portal_user(user):
		return "owner" if doc.get("owner_user") == user else None
	if doc.get("liaison_user") == user:  # set from the liaison agent on every save, as the list reads it
		return "team"
	if doc.get("service_centre") and doc.service_centre in user_centres(user, "GS Key Project"):
		return "centre"
	if any(row.user == user for row in doc.get("team") or []):
		return "team"
	if "GS Department Contact" in frappe.get_roles(user):
		mine = set(departments_of(user))
		if any(row.department in mine for row in doc.get("approvals") or []) or any(
			row.lead_department in mine for row in doc.get("stages") or []
		):
			return "department"
	return None


def has_project_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if is_admin(user):
		return True
	if doc.is_new():
		# a new project: an agent files it at one of their centres (checked again on insert)
		return ptype == "create" and bool(WRITE_ROLES & set(frappe.get_roles(user)))
	kind = relation(doc, user)
	if kind is None:
		# the supervisory department reads every project; it changes none
		return SUPERVISORY_ROLE in frappe.get_roles(user) and ptype in READ_TYPES
	if kind == "owner":
		return ptype in (None, "read", "print")
	if ptype in READ_TYPES:
		return True
	if kind in ("centre", "team"):
		return bool(WRITE_ROLES & set(frappe.get_roles(user))) and ptype in ("write", "create")
	return False


def may_act(doc, user: str | None = None) -> bool:
	"""May `user` take the project's plan actions (apply the template, accept a stage)?"""
	return has_project_permission(doc, "write", user or frappe.session.user)


def may_record(doc, row, user: str | None = None) -> bool:
	"""May `user` record the decision of approval `row`: the project's writers, or the department's own
	liaison contact or leader in charge."""
	user = user or frappe.session.user
	if may_act(doc, user):
		return True
	return (
		"GS Department Contact" in frappe.get_roles(user)
		and bool(row.department)
		and row.department in departments_of(user)
	)


def leads(doc, stage, user: str | None = None) -> bool:
	"""Is `user` the liaison contact or leader in charge of the department that leads `stage` (牵头部门)?"""
	user = user or frappe.session.user
	return (
		stage is not None
		and bool(stage.lead_department)
		and "GS Department Contact" in frappe.get_roles(user)
		and stage.lead_department in departments_of(user)
	)
