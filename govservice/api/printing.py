"""PDFs of govservice print formats, rendered with WeasyPrint and CJK fonts."""

import frappe
from frappe import _

from govservice.printing.pdf import html_to_pdf


def render_pdf(doctype: str, name: str, print_format: str) -> bytes:
	"""Render `print_format` of a document to PDF (the caller checks permissions)."""
	from frappe.www.printview import get_rendered_template

	doc = frappe.get_doc(doctype, name)
	body = get_rendered_template(
		doc, print_format=frappe.get_doc("Print Format", print_format), no_letterhead=1, trigger_print=False
	)
	lang = frappe.local.lang or "zh"
	html = f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"></head><body>{body}</body></html>'
	return html_to_pdf(html)


@frappe.whitelist()
def download_pdf(doctype: str, name: str, print_format: str) -> None:
	"""Download a document as PDF; anyone who may print the document may call it."""
	if frappe.db.get_value("Print Format", print_format, "doc_type") != doctype:
		frappe.throw(_("{0} is not a print format of {1}.").format(print_format, _(doctype)))
	frappe.get_doc(doctype, name).check_permission("print")
	frappe.local.response.filename = f"{name}.pdf"
	frappe.local.response.filecontent = render_pdf(doctype, name, print_format)
	frappe.local.response.type = "pdf"


@frappe.whitelist()
def complaint_ledger_pdf(from_date: str, to_date: str, department: str | None = None) -> None:
	"""The 办不成事 tracking ledger (处理进度跟踪台账) of a period as PDF, for those who may read the report."""
	from govservice.complaints.report.complaint_tracking_ledger.complaint_tracking_ledger import execute

	if not frappe.has_permission("GS Complaint", "report"):
		frappe.throw(_("You may not read the complaint ledger."), frappe.PermissionError)
	filters = {"from_date": from_date, "to_date": to_date, "department": department}
	_columns, rows = execute(filters)
	body = frappe.render_template(
		"govservice/templates/print/complaint_ledger.html", {"rows": rows, **filters}
	)
	lang = frappe.local.lang or "zh"
	frappe.local.response.filename = f"complaint-ledger-{from_date}-{to_date}.pdf"
	frappe.local.response.filecontent = html_to_pdf(
		f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"></head><body>{body}</body></html>'
	)
	frappe.local.response.type = "pdf"
