"""Staff see the records of their centres; a staff account without a centre sees none (fail closed).

A user's centres are Frappe User Permissions on the GS Service Centre tree, granted by the records that
place them (an active agent, a centre's supervisor, a window's officer; see organisation/utils.py) or by an
administrator in the desk; Frappe applies them to every DocType that links a centre. Frappe also treats a
user with *no* User Permission as unrestricted, so an account with a staff role and no centre yet (a new
window officer, an agent whose record was deactivated) would read every county's cases. These hooks close
that: without a centre, a staff user reads no centre-scoped record, unless a role is county-wide by design.
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


def centre_scope_query(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions: nothing for a staff user without a centre."""
	user = user or frappe.session.user
	return "" if not doctype or unscoped(user, doctype) else "1=0"


def has_centre_scope(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""has_permission: refuses a staff user without a centre; never grants."""
	user = user or frappe.session.user
	return None if unscoped(user, doc.doctype) else False
