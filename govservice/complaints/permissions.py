"""Who sees which complaint.

Window staff, centre supervisors and the supervisory department see every complaint; a department's
liaison contact and leader in charge see the complaints dispatched to their department; a reporter with a
portal account sees only their own.
"""

import frappe

UNRESTRICTED_ROLES = {
	"System Manager",
	"GS Administrator",
	"GS Window Officer",
	"GS Supervisory Officer",
	"GS Supervisor",
}
CONTACT_ROLE = "GS Department Contact"


def departments_of(user: str) -> list[str]:
	"""Departments whose business liaison table names `user` as contact or leader in charge."""
	return frappe.get_all(
		"GS Department Liaison",
		or_filters={"contact_user": user, "leader_user": user},
		pluck="department",
	)


def complaint_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	if user == "Administrator" or roles & UNRESTRICTED_ROLES:
		return ""
	conditions = [f"`tabGS Complaint`.portal_user = {frappe.db.escape(user)}"]
	if CONTACT_ROLE in roles:
		departments = departments_of(user)
		if departments:
			listed = ", ".join(frappe.db.escape(d) for d in departments)
			conditions.append(
				f"(`tabGS Complaint`.department in ({listed}) and `tabGS Complaint`.dispatched_on is not null)"
			)
	return "(" + " or ".join(conditions) + ")"


def has_complaint_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	if user == "Administrator" or roles & UNRESTRICTED_ROLES:
		return True
	if CONTACT_ROLE in roles and doc.dispatched_on and doc.department in departments_of(user):
		return ptype in (None, "read", "write", "print", "email")
	return bool(doc.portal_user) and doc.portal_user == user and ptype in (None, "read", "print")


def has_desk_account(department: str | None) -> bool:
	"""Whether the department takes part in the desk: its liaison record names a contact or leader (a
	department without one has its answers recorded for it, marked so)."""
	row = department and frappe.db.get_value(
		"GS Department Liaison", department, ["contact_user", "leader_user"], as_dict=True
	)
	return bool(row and (row.contact_user or row.leader_user))
