"""Complaints and joint-case tasks saved before they carried the department's name get it."""

import frappe


def execute() -> None:
	for doctype in ("GS Complaint", "GS Case Task"):
		frappe.reload_doctype(doctype)
		frappe.db.sql(
			f"""update `tab{doctype}` row join `tabDepartment` department on department.name = row.department
			set row.department_name = department.department_name
			where ifnull(row.department_name, '') = ''"""
		)
