"""The demo's two enterprise codes failed GB 11714's organisation-code check inside them (the credit-code
check now makes it): an existing demo site gets the corrected codes, so that its records still save."""

import frappe

CORRECTED = {"91422828MA49XK2L7X": "91422828MA49XK2L1B", "12422828MB1503667C": "12422828MB1503662W"}
FIELDS = (("GS Key Project", "credit_code"), ("GS Portal Profile", "credit_code"), ("GS Case", "credit_code"))


def execute() -> None:
	for doctype, field in FIELDS:
		if not frappe.db.has_column(doctype, field):
			continue
		for old, new in CORRECTED.items():
			frappe.db.sql(f"update `tab{doctype}` set `{field}` = %s where `{field}` = %s", (new, old))
