"""Organisation helpers shared by centres, agents and later modules."""

import frappe

CENTRE = "GS Service Centre"


def grant_centre_scope(user: str, centre: str) -> None:
	"""Limit `user` to `centre` and the centres below it, through a User Permission on the centre tree.

	Frappe applies a User Permission on a tree DocType to its descendants, so a township user sees the
	township and its villages, and a village user sees only the village.
	"""
	if user in ("Administrator", "Guest") or frappe.db.exists(
		"User Permission", {"user": user, "allow": CENTRE, "for_value": centre}
	):
		return
	frappe.get_doc(
		{
			"doctype": "User Permission",
			"user": user,
			"allow": CENTRE,
			"for_value": centre,
			"apply_to_all_doctypes": 1,
		}
	).insert(ignore_permissions=True)  # scoping is set by the system when an admin assigns a centre


def revoke_centre_scope(user: str, centre: str) -> None:
	"""Remove the scope granted by `grant_centre_scope`."""
	for name in frappe.get_all(
		"User Permission", filters={"user": user, "allow": CENTRE, "for_value": centre}, pluck="name"
	):
		frappe.delete_doc("User Permission", name, ignore_permissions=True)  # undoing a system grant


def centre_and_descendants(centre: str) -> list[str]:
	"""The centre and every centre below it."""
	lft, rgt = frappe.db.get_value(CENTRE, centre, ["lft", "rgt"])
	return frappe.get_all(CENTRE, filters={"lft": [">=", lft], "rgt": ["<=", rgt]}, pluck="name")
