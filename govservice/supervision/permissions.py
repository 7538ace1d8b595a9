"""Who reads a supervision alert (监察预警):

- the county's administrators and the supervisory department: every alert (the department handles them);
- a centre's supervisor: the alerts of their centres (the centre tree, one indexed equality per centre, as
  for cases: govservice.security.scope);
- the responsible person named on an alert (an agent, a department's contact, a rectification's owner):
  their own alerts, to read;
- a department's business contact and its leader in charge (GS Department Liaison): the alerts of their
  department, to read;
- nobody else: a colleague at the same centre does not read another's alert.

Only the supervisory department and the administrators change an alert, and only through its actions
(record the handling, close); every field is the system's own (govservice.security.writes).
"""

import frappe

from govservice.complaints.permissions import departments_of
from govservice.security.registry import is_admin
from govservice.security.scope import centre_scope_query, user_centres

TABLE = "`tabGS Supervision Alert`"
SUPERVISORY_ROLE = "GS Supervisory Officer"
SUPERVISOR_ROLE = "GS Supervisor"
CONTACT_ROLE = "GS Department Contact"
READ_TYPES = (None, "read", "print", "report", "export")


def is_supervisory(user: str | None = None) -> bool:
	"""The county's administrators and the supervisory department: who runs the supervision's actions."""
	return is_admin(user) or SUPERVISORY_ROLE in frappe.get_roles(user)


def require_supervisory(message: str) -> None:
	"""Refuse with `message` (the action's own words) unless the caller is of the supervisory department."""
	if not is_supervisory():
		raise frappe.PermissionError(message)


def alert_query(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	if is_admin(user) or SUPERVISORY_ROLE in roles:
		return ""
	conditions = [f"{TABLE}.`responsible_user` = {frappe.db.escape(user)}"]
	if CONTACT_ROLE in roles:
		departments = departments_of(user)
		if departments:
			listed = ", ".join(frappe.db.escape(d) for d in departments)
			conditions.append(f"{TABLE}.`department` in ({listed})")
	if SUPERVISOR_ROLE in roles:
		scope = centre_scope_query(user, "GS Supervision Alert")
		if scope == "":
			return ""  # the supervisor of the site's only county
		if scope != "1=0":
			conditions.append(scope)
	return "(" + " or ".join(conditions) + ")"


def has_alert_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	if is_admin(user):
		return True
	if SUPERVISORY_ROLE in roles:
		return ptype in READ_TYPES or ptype == "write"
	if ptype not in READ_TYPES:
		return False
	if doc.get("responsible_user") == user:
		return True
	if CONTACT_ROLE in roles and doc.get("department") and doc.department in departments_of(user):
		return True
	if SUPERVISOR_ROLE in roles and doc.get("service_centre"):
		return doc.service_centre in user_centres(user, "GS Supervision Alert")
	return False
