"""A save is checked against the stored record, not only against the values sent with it.

Frappe checks write permission on the document as the client sent it: a township agent who PUTs another
township's case with `service_centre` set to their own township passes, because the *new* values are in
their scope (and `frappe.client.set_value`, `savedocs`, `apply_workflow` and a child row's PUT behave the
same). `check_save` runs before validation of every app DocType, child tables included, and refuses:

- a save the user could not make on the record as stored;
- a change to a field that decides who sees the record (`registry.SCOPE_FIELDS`) or that only the
  system sets (read-only fields), except through the app's actions, which save with
  `flags.ignore_permissions` after checking their own rules;
- moving a child row to another parent.

On insert, system-set fields are cleared instead (a copied or forged document starts as new). The
county's administrators (`registry.ADMIN_ROLES`) may correct records by a plain save.
"""

import frappe
from frappe import _
from frappe.utils import cint, cstr, flt, get_datetime, getdate

from govservice.security.registry import (
	CONTROLLED_SCOPE_CHANGES,
	SCOPE_FIELDS,
	SYSTEM_FIELDS,
	is_admin,
)
from govservice.utils import shown

PARENT_FIELDS = ("parent", "parenttype", "parentfield")
NO_DATA_TYPES = frozenset(("Section Break", "Column Break", "Tab Break", "HTML", "Button", "Heading"))


class ProtectedFieldError(frappe.PermissionError):
	pass


def save_as_action(doc, **flags) -> None:
	"""Save what one of the app's actions checked itself (its own rules instead of the save's permission
	checks): `ignore_permissions` and the action's own `flags` hold for this save only, so the document
	object keeps no permission of the action afterwards."""
	flags = {"ignore_permissions": True, **flags}
	doc.flags.update(flags)
	try:
		doc.save()
	finally:
		for flag in flags:
			doc.flags[flag] = False


def check_save(doc, method: str | None = None) -> None:
	"""`before_validate` of every app DocType (doc_events)."""
	if doc.flags.ignore_permissions or frappe.flags.in_install or frappe.flags.in_migrate:
		return
	if frappe.flags.in_patch or frappe.session.user == "Administrator":
		return
	if doc.meta.istable:
		check_child_save(doc)
	elif doc.is_new():
		clear_system_fields(doc)
	else:
		check_update(doc)


def check_update(doc) -> None:
	stored = doc.get_doc_before_save()
	if stored is None:
		return
	if not frappe.has_permission(doc.doctype, "write", doc=stored):
		raise frappe.PermissionError(_("You may not change {0} {1}.").format(_(doc.doctype), shown(doc.name)))
	check_rows_are_its_own(doc, stored)
	if is_admin():
		return
	changed = [
		df
		for df in protected_fields(doc.meta)
		if differs(df, doc.get(df.fieldname), stored.get(df.fieldname))
	]
	for df in doc.meta.get_table_fields():
		if table_changed(doc, stored, df):
			changed.append(df)
	if changed:
		refuse(doc, changed)


def check_rows_are_its_own(doc, stored) -> None:
	"""A record saves its own rows and new ones: Frappe updates a sent row by its name alone, so a row of
	another record (another village's collection sheet, another case's materials) named in a save would be
	moved onto this record and rewritten. A row whose name is not among the stored record's rows must be
	new."""
	for df in doc.meta.get_table_fields():
		own = {row.name for row in stored.get(df.fieldname) or []}
		sent = [row.name for row in doc.get(df.fieldname) or [] if row.name and row.name not in own]
		if sent and frappe.db.exists(df.options, {"name": ["in", sent]}):
			raise frappe.PermissionError(_("A row cannot be moved to another record."))


def check_child_save(doc) -> None:
	"""A child row saved on its own (REST PUT or POST of a row): its parent must be writable as stored,
	the row stays on its parent, and read-only fields keep their values."""
	stored = None if doc.is_new() else doc.get_doc_before_save()
	if stored is not None and any(cstr(doc.get(f)) != cstr(stored.get(f)) for f in PARENT_FIELDS):
		raise frappe.PermissionError(_("A row cannot be moved to another record."))
	parent_meta = frappe.get_meta(doc.parenttype) if doc.parenttype else None
	table_df = parent_meta.get_field(doc.parentfield) if parent_meta and doc.parentfield else None
	if not table_df or table_df.fieldtype not in ("Table", "Table MultiSelect"):
		raise frappe.PermissionError(_("A row must belong to a record."))
	if not frappe.db.exists(doc.parenttype, doc.parent) or not frappe.has_permission(
		doc.parenttype, "write", doc=doc.parent
	):
		raise frappe.PermissionError(
			_("You may not change {0} {1}.").format(_(doc.parenttype), shown(doc.parent))
		)
	if is_admin():
		return
	if table_df.read_only:
		refuse(doc, [table_df])
	if stored is None:
		clear_fields(doc, read_only_fields(doc.meta))
		return
	changed = [
		df
		for df in read_only_fields(doc.meta)
		if differs(df, doc.get(df.fieldname), stored.get(df.fieldname))
	]
	if changed:
		refuse(doc, changed)


def clear_system_fields(doc) -> None:
	"""A new record starts with the system-set fields empty (or at their default), whatever was sent."""
	if is_admin():
		return
	clear_fields(doc, [doc.meta.get_field(f) for f in SYSTEM_FIELDS.get(doc.doctype, ())])
	clear_fields(doc, read_only_fields(doc.meta))
	for table_df in doc.meta.get_table_fields():
		child_meta = frappe.get_meta(table_df.options)
		if table_df.read_only:
			doc.set(table_df.fieldname, [])
			continue
		for row in doc.get(table_df.fieldname) or []:
			clear_fields(row, read_only_fields(child_meta))


def clear_fields(doc, fields) -> None:
	for df in fields:
		if df:
			doc.set(df.fieldname, default_of(df))


def default_of(df):
	if df.default is None or str(df.default).startswith(("eval:", ":")) or df.default in ("Today", "now"):
		return 0 if df.fieldtype in ("Check", "Int", "Float", "Currency", "Percent") else None
	return cint(df.default) if df.fieldtype in ("Check", "Int") else df.default


def read_only_fields(meta) -> list:
	"""Fields the system sets: read-only data fields that are not fetched from a link (Frappe refreshes
	those) and not set by the workflow (its state field and its states' Update Fields: the workflow checks
	its transitions)."""
	workflow_fields = workflow_fields_of(meta.name)
	return [
		df
		for df in meta.fields
		if df.read_only
		and not df.fetch_from
		and df.fieldtype not in NO_DATA_TYPES
		and df.fieldtype not in ("Table", "Table MultiSelect")
		and df.fieldname not in workflow_fields
	]


def protected_fields(meta) -> list:
	scope = set(SCOPE_FIELDS.get(meta.name, ())) - set(CONTROLLED_SCOPE_CHANGES.get(meta.name, ()))
	fields = read_only_fields(meta)
	names = {df.fieldname for df in fields}
	fields += [meta.get_field(f) for f in scope if f not in names and meta.get_field(f)]
	return fields


def table_changed(doc, stored, table_df) -> bool:
	"""A read-only table must stay as it is; in another table, rows that existed keep their read-only
	fields and new rows start without them."""
	child_meta = frappe.get_meta(table_df.options)
	rows, stored_rows = doc.get(table_df.fieldname) or [], stored.get(table_df.fieldname) or []
	data_fields = [df for df in child_meta.fields if df.fieldtype not in NO_DATA_TYPES]
	if table_df.read_only:
		if [row.name for row in rows] != [row.name for row in stored_rows]:
			return True
		return any(
			differs(df, row.get(df.fieldname), old.get(df.fieldname))
			for row, old in zip(rows, stored_rows, strict=True)
			for df in data_fields
		)
	by_name = {row.name: row for row in stored_rows}
	protected = read_only_fields(child_meta)
	for row in rows:
		old = by_name.get(row.name)
		if old is None:
			clear_fields(row, protected)
		elif any(differs(df, row.get(df.fieldname), old.get(df.fieldname)) for df in protected):
			return True
	return False


def differs(df, new, old) -> bool:
	return normalise(df, new) != normalise(df, old)


def normalise(df, value):
	if value in (None, ""):
		return 0 if df.fieldtype in ("Check", "Int", "Float", "Currency", "Percent") else None
	if df.fieldtype in ("Check", "Int"):
		return cint(value)
	if df.fieldtype in ("Float", "Currency", "Percent"):
		return flt(value)
	if df.fieldtype == "Date":
		return str(getdate(value))
	if df.fieldtype == "Datetime":
		return str(get_datetime(value))
	return cstr(value)


def workflow_fields_of(doctype: str) -> set[str]:
	"""The state field of `doctype`'s active workflow and the fields its states update."""
	from frappe.model.workflow import get_workflow_name

	name = get_workflow_name(doctype)
	if not name:
		return set()
	workflow = frappe.get_cached_doc("Workflow", name)
	return {workflow.workflow_state_field} | {row.update_field for row in workflow.states if row.update_field}


def refuse(doc, fields) -> None:
	labels = "、".join(_(df.label or df.fieldname) for df in fields)
	frappe.throw(
		_(
			"{0} cannot be changed by editing the record; use the actions on the form (transfer, dispatch and the like), which apply their rules."
		).format(labels),
		ProtectedFieldError,
		title=_("Not Allowed"),
	)


def refuse_delete(doc, method: str | None = None) -> None:
	"""`on_trash` of the app's ledgers and registers (hooks.NEVER_DELETED): they are evidence of what was
	done, so nothing recorded is lost, whoever asks (cases refuse deletion themselves)."""
	frappe.throw(
		_("{0} records are kept for good and cannot be deleted.").format(_(doc.doctype)),
		frappe.PermissionError,
		title=_("Not Allowed"),
	)
