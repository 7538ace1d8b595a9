"""Fields above permission level 0 (full ID numbers, internal notes) never reach a reader without that level
through a record's history, its followers' e-mails or a notification.

- **Version** rows keep every change, full values included (who corrected an ID number from what to what is
  part of the audit). They are read through the form's history (`getdoc`, `get_docinfo`: Frappe reads them
  without permissions and returns them whole) and through the Version list itself (System Managers): the
  first is filtered per reader (`filtered_versions`), the second is limited to readers of every level of the
  record's DocType (`version_query`, `has_version_permission`).
- **Document Follow** e-mails a digest of every change and comment of a followed record, with no permission
  check at all (anyone may follow any record by name, or make another user follow it). The app's records are
  not followed: `follow` is refused for them and rows made by Frappe's automatic following are removed.
- **Notifications** render their templates with the record: for the app's records the record given to the
  template has its restricted fields masked (`masked_doc`), whoever receives the message.
"""

import json

import frappe
from frappe import _

from govservice.domain.identity import mask_resident_id
from govservice.security.registry import is_admin, is_app_doctype


def hidden_fields(doctype: str) -> tuple[set[str], dict[str, set[str]]]:
	"""(fields of `doctype` the user may not read, {table field: its rows' fields the user may not read})."""
	meta = frappe.get_meta(doctype)
	levels = set(meta.get_permlevel_access("read"))
	hidden = {df.fieldname for df in meta.fields if df.permlevel and df.permlevel not in levels}
	rows = {}
	for table in meta.get_table_fields():
		child = frappe.get_meta(table.options)
		fields = {df.fieldname for df in child.fields if df.permlevel and df.permlevel not in levels}
		if fields:
			rows[table.fieldname] = fields
	return hidden, rows


def restricted_levels(doctype: str) -> set[int]:
	meta = frappe.get_meta(doctype)
	levels = {df.permlevel for df in meta.fields if df.permlevel}
	for table in meta.get_table_fields():
		levels |= {df.permlevel for df in frappe.get_meta(table.options).fields if df.permlevel}
	return levels


def reads_every_level(doctype: str, user: str | None = None) -> bool:
	if (user or frappe.session.user) == "Administrator":
		return True
	meta = frappe.get_meta(doctype)
	return restricted_levels(doctype) <= set(meta.get_permlevel_access("read", user=user))


def filtered_version_data(data: dict, hidden: set[str], rows: dict[str, set[str]]) -> dict:
	"""A Version's `data` without the changes of `hidden` fields and hidden row fields."""
	out = dict(data)
	out["changed"] = [c for c in data.get("changed") or [] if c and c[0] not in hidden]
	for key in ("added", "removed"):
		kept = []
		for table, row in data.get(key) or []:
			if table in hidden:
				continue
			if isinstance(row, dict):
				row = {k: v for k, v in row.items() if k not in rows.get(table, ())}
			kept.append([table, row])
		out[key] = kept
	row_changed = []
	for item in data.get("row_changed") or []:
		table, changes = item[0], item[3] if len(item) > 3 else []
		if table in hidden:
			continue
		changes = [c for c in changes if c and c[0] not in rows.get(table, ())]
		if changes:
			row_changed.append([*item[:3], changes])
	out["row_changed"] = row_changed
	return out


def is_empty_change(data: dict) -> bool:
	return not any(data.get(key) for key in ("changed", "added", "removed", "row_changed")) and not (
		data.get("creation") or data.get("comment_type")
	)


def filtered_versions(doctype: str, versions: list) -> list:
	"""`versions` (rows with a JSON `data`) as the user may see them: changes of fields above their levels
	dropped, and a version left with no change dropped."""
	if not versions or not is_app_doctype(doctype) or frappe.session.user == "Administrator":
		return versions
	hidden, rows = hidden_fields(doctype)
	if not hidden and not rows:
		return versions
	kept = []
	for version in versions:
		try:
			data = json.loads(version.get("data") or "{}")
		except (TypeError, ValueError):
			continue
		filtered = filtered_version_data(data, hidden, rows)
		if is_empty_change(filtered):
			continue
		version = frappe._dict(version)
		version.data = json.dumps(filtered, default=str)
		kept.append(version)
	return kept


def filter_response_docinfo(doctype: str) -> None:
	docinfo = frappe.response.get("docinfo")
	if isinstance(docinfo, dict) and docinfo.get("versions"):
		docinfo["versions"] = filtered_versions(doctype, docinfo["versions"])


@frappe.whitelist()
def getdoc(doctype: str, name: str, user=None):
	"""`frappe.desk.form.load.getdoc`, whose history shows only the changes the reader may read."""
	from frappe.desk.form import load

	result = load.getdoc(doctype, name)
	filter_response_docinfo(doctype)
	return result


@frappe.whitelist()
def get_docinfo(doc=None, doctype: str | None = None, name: str | None = None):
	"""`frappe.desk.form.load.get_docinfo`, likewise."""
	from frappe.desk.form import load

	result = load.get_docinfo(doc, doctype, name)
	filter_response_docinfo(doctype or (doc.doctype if doc else None))
	return result


def app_doctypes_with_levels() -> list[str]:
	from govservice.security.registry import app_doctypes

	return sorted(d for d in app_doctypes() if not frappe.get_meta(d).istable and restricted_levels(d))


def version_query(user: str | None = None) -> str:
	"""Versions of app records whose levels the user does not all read are not listed to them."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	unread = [d for d in app_doctypes_with_levels() if not reads_every_level(d, user)]
	if not unread:
		return ""
	return "`tabVersion`.`ref_doctype` not in ({})".format(", ".join(frappe.db.escape(d) for d in unread))


def has_version_permission(doc, ptype: str = "read", user: str | None = None) -> bool | None:
	if is_app_doctype(doc.ref_doctype) and not reads_every_level(doc.ref_doctype, user):
		return False
	return None


# --- following ------------------------------------------------------------------------------------------


@frappe.whitelist()
def update_follow(doctype: str, doc_name: str, following: bool):
	"""`frappe.desk.form.document_follow.update_follow`, refused for the app's records."""
	from frappe.desk.form import document_follow

	refuse_following(doctype)
	return document_follow.update_follow(doctype, doc_name, following)


@frappe.whitelist()
def follow_document(doctype: str, doc_name: str, user: str):
	"""`frappe.desk.form.document_follow.follow_document`: for oneself only, never for the app's records."""
	from frappe.desk.form import document_follow

	refuse_following(doctype)
	if user != frappe.session.user and not is_admin():
		raise frappe.PermissionError(_("You may only follow documents yourself."))
	frappe.get_doc(doctype, doc_name).check_permission("read")
	return document_follow.follow_document(doctype, doc_name, user)


def refuse_following(doctype: str) -> None:
	if is_app_doctype(doctype):
		frappe.throw(
			_("Service records are not followed by e-mail; their reminders and notifications tell you."),
			frappe.PermissionError,
		)


def forget_follow(doc, method: str | None = None) -> None:
	"""`after_insert` of Document Follow: Frappe follows records on its own (on a comment, a like, an
	assignment); for the app's records the row is removed in the same transaction."""
	if is_app_doctype(doc.ref_doctype):
		frappe.db.delete("Document Follow", {"name": doc.name})


# --- notifications ---------------------------------------------------------------------------------------


def masked_doc(doc):
	"""A copy of an app record for a notification's template: Data fields above level 0 masked, other
	fields above level 0 (internal notes, their tables) empty."""
	if not is_app_doctype(doc.doctype) or not restricted_levels(doc.doctype):
		return doc
	copy = frappe.get_doc(doc.as_dict())
	for record in (copy, *copy.get_all_children()):
		for df in frappe.get_meta(record.doctype).fields:
			if not df.permlevel:
				continue
			value = record.get(df.fieldname)
			if df.fieldtype == "Data" and isinstance(value, str):
				record.set(df.fieldname, mask_resident_id(value))
			elif df.fieldtype == "Table":
				record.set(df.fieldname, [])
			else:
				record.set(df.fieldname, None)
	return copy
