"""A settings field added after a site was installed starts with its declared default (Frappe stores a
single DocType's values only when it is saved, and a new field of a saved one has none)."""

import frappe


def execute() -> None:
	frappe.reload_doc("casework", "doctype", "gs_settings")
	stored = frappe.db.get_singles_dict("GS Settings")
	for df in frappe.get_meta("GS Settings").fields:
		if df.default is not None and df.fieldname not in stored:
			frappe.db.set_single_value("GS Settings", df.fieldname, df.default)
