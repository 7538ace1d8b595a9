"""Row-level conditions Frappe does not apply by itself.

- Child tables: a list of `GS Case Material` rows (REST `?parent=GS Case`, `frappe.client.get_list`) is
  checked only against the parent DocType, so it returns the rows of every case. Rows here follow their
  parent's scope, and a table at a permission level the user lacks returns nothing.
- Files: Frappe lists a file attached to any record of a DocType the user can read. A file attached to
  an app record is listed, opened and downloaded only by those who may read that record.
- Citizens' accounts: every desk user may select users. Staff see staff; a citizen's account is visible
  only where one of the viewer's cases or complaints names it.
"""

import frappe

from govservice.security.registry import app_doctypes, is_app_doctype

NOTHING = "1=0"


def scoped_names_sql(doctype: str, user: str) -> str | None:
	"""SQL selecting the names of `doctype` records `user` may read, or None if they may read none."""
	try:
		return frappe.get_list(
			doctype, fields=["name"], user=user, order_by=None, limit_page_length=0, run=0, strict=False
		)
	except frappe.PermissionError:
		frappe.clear_last_message()
		return None


def child_query(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions of the app's child tables: only rows of readable parents."""
	user = user or frappe.session.user
	if user == "Administrator" or not doctype:
		return ""
	table = f"`tab{doctype}`"
	conditions = []
	for parenttype, parentfield in parents_of(doctype):
		meta = frappe.get_meta(parenttype)
		permlevel = meta.get_field(parentfield).permlevel
		if permlevel and permlevel not in meta.get_permlevel_access("read", user=user):
			continue
		names = scoped_names_sql(parenttype, user)
		if names:
			conditions.append(
				f"({table}.parenttype = {frappe.db.escape(parenttype)} and {table}.parentfield = "
				f"{frappe.db.escape(parentfield)} and {table}.parent in ({names}))"
			)
	return "(" + " or ".join(conditions) + ")" if conditions else NOTHING


def parents_of(child_doctype: str) -> list[tuple[str, str]]:
	"""(parent DocType, table field) pairs that hold rows of `child_doctype`."""
	return [
		(row.parent, row.fieldname)
		for row in frappe.get_all(
			"DocField",
			filters={"options": child_doctype, "fieldtype": ["in", ["Table", "Table MultiSelect"]]},
			fields=["parent", "fieldname"],
		)
	] + [
		(row.dt, row.fieldname)
		for row in frappe.get_all(
			"Custom Field",
			filters={"options": child_doctype, "fieldtype": ["in", ["Table", "Table MultiSelect"]]},
			fields=["dt", "fieldname"],
		)
	]


def file_query(user: str | None = None) -> str:
	"""Files attached to app records are listed only to those who may read the record."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	attached_doctypes = sorted(
		dt for dt in app_doctypes() if not (frappe.get_meta(dt).istable or frappe.get_meta(dt).issingle)
	)
	listed = ", ".join(frappe.db.escape(dt) for dt in attached_doctypes)
	conditions = [f"ifnull(`tabFile`.attached_to_doctype, '') not in ({listed})"]
	for doctype in attached_doctypes:
		if not frappe.has_permission(doctype, "read", user=user):
			continue
		names = scoped_names_sql(doctype, user)
		if names:
			conditions.append(
				f"(`tabFile`.attached_to_doctype = {frappe.db.escape(doctype)} "
				f"and `tabFile`.attached_to_name in ({names}))"
			)
	return "(" + " or ".join(conditions) + ")"


def has_file_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""A file attached to an app record: the record must be readable (writable to change the file).

	Returns False to refuse and None to leave the decision to Frappe's own File rules; it never grants.
	The refusal does not name the record the file belongs to."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	if not is_app_doctype(doc.attached_to_doctype):
		return None if ptype != "create" or may_reference(doc, user) else False
	if not doc.attached_to_name or not frappe.db.exists(doc.attached_to_doctype, doc.attached_to_name):
		return False
	from govservice.citizen_portal.utils import is_portal_user

	if is_portal_user(user) and ptype not in (None, "read", "select", "print"):
		return False  # what a citizen uploaded is evidence: they can read it, never change or delete it
	needed = "write" if ptype in ("write", "create", "delete", "cancel", "submit") else "read"
	if ptype == "create" and not may_reference(doc, user):
		return False
	return None if quietly_permitted(doc.attached_to_doctype, needed, doc.attached_to_name, user) else False


def quietly_permitted(doctype: str, ptype: str, name: str, user: str) -> bool:
	"""Permission on a record without leaving its name in the refusal message Frappe builds."""
	logs = frappe.flags.get("has_permission_check_logs")
	frappe.flags.has_permission_check_logs = None
	try:
		return frappe.has_permission(doctype, ptype, doc=name, user=user)
	finally:
		frappe.flags.has_permission_check_logs = logs


def may_reference(doc, user: str) -> bool:
	"""A new File that names an existing private file (instead of bringing content) is allowed only to
	someone who may read that file already; otherwise it would give its owner someone else's document.

	Checked when the File is created (permission "create"), before Frappe reads the file it points at."""
	url = doc.file_url or ""
	if doc.get("content") or not url.startswith("/private/") or user == "Administrator":
		return True
	existing = frappe.get_all(
		"File",
		filters={"file_url": url, "is_folder": 0},
		fields=["name", "owner", "attached_to_doctype", "attached_to_name", "is_private"],
	)
	if not existing:
		return True
	return any(file_readable(row, user) for row in existing)


def file_readable(row, user: str) -> bool:
	if is_app_doctype(row.attached_to_doctype):
		return bool(row.attached_to_name) and quietly_permitted(
			row.attached_to_doctype, "read", row.attached_to_name, user
		)
	from frappe.core.doctype.file.file import has_permission as frappe_file_permission

	return bool(frappe_file_permission(frappe.get_doc("File", row.name), "read", user=user))


def linked_citizens(column: str, user: str) -> list[str]:
	"""Conditions on `column` (a citizen's account) matching the accounts named by the cases and complaints
	`user` may read: how staff reach a citizen's account or profile."""
	conditions = []
	for doctype in ("GS Case", "GS Complaint"):
		names = scoped_names_sql(doctype, user) if frappe.has_permission(doctype, "read", user=user) else None
		if names:
			conditions.append(f"{column} in (select portal_user from `tab{doctype}` where name in ({names}))")
	return conditions


def user_query(user: str | None = None) -> str:
	"""Staff see staff accounts; a citizen's account only where a case or complaint they may read names
	it (and their own account). System managers see every account."""
	user = user or frappe.session.user
	if user == "Administrator" or "System Manager" in frappe.get_roles(user):
		return ""
	conditions = [
		"`tabUser`.user_type = 'System User'",
		f"`tabUser`.name = {frappe.db.escape(user)}",
		*linked_citizens("`tabUser`.name", user),
	]
	return "(" + " or ".join(conditions) + ")"


def profile_query(user: str | None = None) -> str:
	"""A citizen's profile: their own; for staff, only where a case or complaint they may read names it."""
	user = user or frappe.session.user
	if user == "Administrator" or "System Manager" in frappe.get_roles(user):
		return ""
	conditions = [
		f"`tabGS Portal Profile`.user = {frappe.db.escape(user)}",
		*linked_citizens("`tabGS Portal Profile`.user", user),
	]
	return "(" + " or ".join(conditions) + ")"


def is_linked_citizen(citizen: str, user: str) -> bool:
	for doctype in ("GS Case", "GS Complaint"):
		if not frappe.has_permission(doctype, "read", user=user):
			continue
		names = scoped_names_sql(doctype, user)
		if names and frappe.db.sql(
			f"select 1 from `tab{doctype}` where portal_user = {frappe.db.escape(citizen)} "
			f"and name in ({names}) limit 1"
		):
			return True
	return False


def has_user_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""A citizen's account (website user) is visible to staff only through a record that names it."""
	user = user or frappe.session.user
	if user in ("Administrator", doc.name) or doc.user_type != "Website User":
		return None
	if "System Manager" in frappe.get_roles(user):
		return None
	return None if is_linked_citizen(doc.name, user) else False


def has_profile_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""A citizen changes only their own profile and reads it; staff read a profile only through a case or
	complaint that names its account."""
	from govservice.citizen_portal.utils import is_portal_user

	user = user or frappe.session.user
	if user == "Administrator" or "System Manager" in frappe.get_roles(user):
		return None
	if is_portal_user(user):
		return doc.user == user and ptype in (None, "read", "select", "print", "write")
	return None if is_linked_citizen(doc.user, user) else False
