"""Every centre-scoped record carries its centre: the scope condition is `service_centre in (…)` and a
record without one would be seen by no agent. Records written before that rule get their case's centre."""

import frappe

SCOPED = ("GS One-Time Notice", "GS Work Log", "GS Rating", "GS Rectification", "GS Case Reminder")


def execute() -> None:
	for doctype in SCOPED:
		frappe.db.sql(
			f"""update `tab{doctype}` record join `tabGS Case` gs_case on gs_case.name = record.gs_case
			set record.service_centre = gs_case.service_centre
			where ifnull(record.service_centre, '') = ''"""
		)
