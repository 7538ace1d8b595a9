"""What a portal user (citizen or enterprise account) may see: only their own records, on every path.

Desk users keep their role and User Permission rules: these hooks return None (no opinion) for them.
A portal user's DocPerm gives read (and print) on these DocTypes; these hooks narrow it to their own
records, and nothing here lets a portal user write: their changes go through govservice.api.portal.
"""

import frappe

from govservice.citizen_portal.utils import is_portal_user

READ_ONLY = (None, "read", "select", "print")


def _own(doctype: str, field: str, user: str | None) -> str:
	user = user or frappe.session.user
	if not is_portal_user(user):
		return ""
	return f"`tab{doctype}`.`{field}` = {frappe.db.escape(user)}"


def case_query(user: str | None = None) -> str:
	return _own("GS Case", "portal_user", user)


def rating_query(user: str | None = None) -> str:
	return _own("GS Rating", "rated_by", user)


def _of_own_case(doctype: str, user: str | None) -> str:
	user = user or frappe.session.user
	if not is_portal_user(user):
		return ""
	return (
		f"`tab{doctype}`.gs_case in (select name from `tabGS Case` where portal_user = "
		f"{frappe.db.escape(user)})"
	)


def rectification_query(user: str | None = None) -> str:
	return _of_own_case("GS Rectification", user)


def notice_query(user: str | None = None) -> str:
	return _of_own_case("GS One-Time Notice", user)


def has_case_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if not is_portal_user(user):
		return None
	return doc.portal_user == user and ptype in READ_ONLY


def has_rating_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if not is_portal_user(user):
		return None
	return doc.rated_by == user and ptype in READ_ONLY


def has_case_part_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""Rectifications and one-time notices: readable by the applicant of their case."""
	user = user or frappe.session.user
	if not is_portal_user(user):
		return None
	owner = frappe.db.get_value("GS Case", doc.gs_case, "portal_user")
	return owner == user and ptype in READ_ONLY


has_rectification_permission = has_notice_permission = has_case_part_permission


def has_website_permission(doc, ptype: str, user: str, verbose: bool = False) -> bool:
	"""Web form and portal list access: the record's own portal user only."""
	owner_field = {"GS Case": "portal_user", "GS Complaint": "portal_user", "GS Rating": "rated_by"}
	return bool(user) and user != "Guest" and doc.get(owner_field[doc.doctype]) == user
