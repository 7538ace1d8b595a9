"""Staff see the records of their centres; a staff account without a centre sees none (fail closed).

A user's centres are Frappe User Permissions on the GS Service Centre tree, granted by the records that
place them (an active agent, a centre's supervisor, a window's officer; see organisation/utils.py) or by an
administrator in the desk; Frappe applies them to every DocType that links a centre. Frappe also treats a
user with *no* User Permission as unrestricted, so an account with a staff role and no centre yet (a new
window officer, an agent whose record was deactivated) would read every county's cases. These hooks close
that: without a centre, a staff user reads no centre-scoped record, unless a role is county-wide by design.

Frappe writes a user's centres into SQL as `(ifnull(service_centre, '') = '' or service_centre in (…))`,
which no index can serve: at a province's million cases every list and count of an agent read the whole
table. The condition added here, `service_centre in (…)` on the record's own centre (every scoped record
carries one), is one an index can serve; Frappe's stays and is then cheap.
"""

import frappe

from govservice.citizen_portal.utils import is_portal_user

COUNTY_WIDE = frozenset(("System Manager", "GS Administrator"))
# DocType -> roles that read it across all centres (besides COUNTY_WIDE)
CENTRE_SCOPED: dict[str, frozenset[str]] = {
	"GS Case": frozenset(),
	"GS One-Time Notice": frozenset(),
	"GS Work Log": frozenset(),
	"GS Case Reminder": frozenset(),
	# 好差评 is supervised county-wide by the supervisory department
	"GS Rating": frozenset(("GS Supervisory Officer",)),
	"GS Rectification": frozenset(("GS Supervisory Officer",)),
}


def has_centre(user: str) -> bool:
	"""Whether Frappe restricts `user` to some centres (its cached User Permissions, the ones it applies)."""
	from frappe.permissions import get_user_permissions

	return bool(get_user_permissions(user).get("GS Service Centre"))


def unscoped(user: str, doctype: str) -> bool:
	"""True when the user reads `doctype` without a centre restriction of this module."""
	if user == "Administrator" or is_portal_user(user):
		return True  # portal users are narrowed to their own records by citizen_portal.permissions
	roles = set(frappe.get_roles(user))
	return bool(roles & (COUNTY_WIDE | CENTRE_SCOPED.get(doctype, frozenset()))) or has_centre(user)


# DocType -> the field that holds the record's centre
SCOPE_FIELD = dict.fromkeys(CENTRE_SCOPED, "service_centre")


def user_centres(user: str, doctype: str) -> list[str]:
	"""The centres (with their descendants) Frappe's User Permissions give `user` for `doctype`."""
	from frappe.permissions import get_user_permissions

	return sorted(
		{
			row.doc
			for row in get_user_permissions(user).get("GS Service Centre", [])
			if not row.applicable_for or row.applicable_for == doctype
		}
	)


def centre_scope_query(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions: a staff user's centres as an indexed `in (…)` on the record's centre;
	nothing for a staff user without a centre."""
	user = user or frappe.session.user
	if not doctype:
		return ""
	if not unscoped(user, doctype):
		return "1=0"
	field = SCOPE_FIELD.get(doctype)
	if not field or user == "Administrator" or is_portal_user(user):
		return ""
	roles = set(frappe.get_roles(user))
	if roles & (COUNTY_WIDE | CENTRE_SCOPED.get(doctype, frozenset())):
		return ""
	centres = user_centres(user, doctype)
	if not centres:
		return ""
	listed = ", ".join(frappe.db.escape(centre) for centre in centres)
	return f"`tab{doctype}`.`{field}` in ({listed})"


def has_centre_scope(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""has_permission: refuses a staff user without a centre; never grants."""
	user = user or frappe.session.user
	return None if unscoped(user, doc.doctype) else False
