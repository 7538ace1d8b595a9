"""Text typed into the app's records before typed text became plain text: `<` and `>` in their full-width
forms, as `govservice.security.inputs` stores them on every save from now on."""

import frappe

from govservice.security.inputs import PLAIN_TEXT_TYPES
from govservice.security.registry import APP_MODULES


def execute() -> None:
	doctypes = frappe.get_all(
		"DocType", filters={"module": ["in", APP_MODULES], "issingle": 0, "is_virtual": 0}, pluck="name"
	)
	for doctype in doctypes:
		meta = frappe.get_meta(doctype)
		for df in meta.fields:
			if df.fieldtype not in PLAIN_TEXT_TYPES or not frappe.db.has_column(doctype, df.fieldname):
				continue
			column = f"`{df.fieldname}`"
			frappe.db.sql(
				f"""update `tab{doctype}` set {column} = replace(replace({column}, '<', '＜'), '>', '＞')
				where {column} like '%%<%%' or {column} like '%%>%%'"""
			)
