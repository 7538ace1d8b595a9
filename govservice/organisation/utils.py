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


def sync_centre_scope(user: str | None, centre: str | None) -> None:
	"""Grant or remove `user`'s scope on `centre`, from what the records say now: they keep it while they
	are an active agent there, its supervisor or an officer of one of its windows (one User Permission
	serves all three)."""
	if not user or not centre:
		return
	holds = (
		frappe.db.exists("GS Agent", {"user": user, "service_centre": centre, "is_active": 1})
		or frappe.db.get_value(CENTRE, centre, "supervisor") == user
		or frappe.db.exists("GS Service Window", {"parent": centre, "parenttype": CENTRE, "officer": user})
	)
	if holds:
		grant_centre_scope(user, centre)
	else:
		revoke_centre_scope(user, centre)


def responsible_supervisor(centre: str | None) -> str | None:
	"""The supervisor of `centre`, or of the nearest centre above it that has one."""
	while centre:
		supervisor, centre = frappe.db.get_value(CENTRE, centre, ["supervisor", "parent_gs_service_centre"])
		if supervisor:
			return supervisor
	return None


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
