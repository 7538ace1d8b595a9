"""PDFs of govservice print formats and ledgers, rendered with WeasyPrint and CJK fonts."""

import frappe
from frappe import _
from frappe.utils import getdate
from werkzeug.wrappers import Response

from govservice.citizen_portal.utils import is_portal_user
from govservice.printing.render import pdf_from_html, wrap_body
from govservice.reporting import client_date
from govservice.utils import shown

# What an applicant may download on the portal: their agreement and the notices addressed to them.
PORTAL_PRINT_FORMATS = {
	"GS Case": ("GS Entrustment Agreement", "GS Not Accepted Notice", "GS Termination Record"),
	"GS One-Time Notice": ("GS One-Time Notice",),
	"GS Key Project": (
		"GS Project Agency Agreement",
		"GS Project Plan Timetable",
		"GS Project Joint Application",
	),
}


class PrintError(frappe.ValidationError):
	pass


def portal_pdf_url(doctype: str, name: str, print_format: str) -> str:
	"""The portal's link to one of its PDFs (`download_pdf`)."""
	return "/api/method/govservice.api.printing.download_pdf?" + frappe.utils.urlencode(
		{"doctype": doctype, "name": name, "print_format": print_format}
	)


def render_pdf(doctype: str, name: str, print_format: str) -> bytes:
	"""Render `print_format` of a document to PDF (the caller checks permissions)."""
	from frappe.www.printview import get_rendered_template

	doc = frappe.get_doc(doctype, name)
	body = get_rendered_template(
		doc, print_format=frappe.get_doc("Print Format", print_format), no_letterhead=1, trigger_print=False
	)
	return pdf_from_html(wrap_body(body))


def pdf_response(content: bytes, title: str) -> Response:
	"""A PDF answer saved under a name that says what it is (重点项目全程代办委托协议书-GS-KP-2026-0001.pdf),
	so that a record's documents do not all save as `<record>.pdf`."""
	return named_response(content, title, ".pdf", "application/pdf")


def named_response(
	content: bytes, title: str, suffix: str, mimetype: str, attachment: bool = False
) -> Response:
	"""A file answer saved as `title` + `suffix`. Frappe's own answers mangle a Chinese file name; this one
	sends it as RFC 6266 asks (an ASCII fallback and the UTF-8 name). An attachment is only ever saved,
	never shown as a page by the browser (nosniff)."""
	from urllib.parse import quote

	safe = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in title).strip("-") or "document"
	fallback = "".join(ch for ch in safe if ch.isascii()).strip("-") or "document"
	response = Response(content, mimetype=mimetype)
	response.headers["Content-Disposition"] = (
		f'{"attachment" if attachment else "inline"}; filename="{fallback}{suffix}"; '
		f"filename*=UTF-8''{quote(safe + suffix)}"
	)
	if attachment:
		response.headers["X-Content-Type-Options"] = "nosniff"
	return response


@frappe.whitelist()
def download_pdf(doctype: str, name: str, print_format: str) -> Response:
	"""Download one of the app's print formats of a document as PDF.

	Staff need print permission on the document; an applicant reads their own request and may download
	only the documents addressed to them (never the Standard format, which shows internal fields)."""
	if frappe.db.get_value("Print Format", print_format, "doc_type") != doctype or doctype not in (
		"GS Case",
		"GS One-Time Notice",
		"GS Complaint",
		"GS Service Item",
		"GS Service Centre",
		"GS Key Project",
		"GS Special Group Member",
		"GS Collection Sheet",
		"GS Joint Meeting",
		"GS Result Handover",
	):
		frappe.throw(
			_("{0} is not a print format of {1}.").format(shown(print_format), _(doctype)), PrintError
		)
	if not frappe.db.exists(doctype, name):
		raise frappe.PermissionError
	doc = frappe.get_doc(doctype, name)
	if is_portal_user():
		if print_format not in PORTAL_PRINT_FORMATS.get(doctype, ()):
			raise frappe.PermissionError
		doc.check_permission("read")
	else:
		doc.check_permission("print")
	return pdf_response(render_pdf(doctype, name, print_format), f"{_(print_format)}-{name}")


@frappe.whitelist()
def complaint_ledger_pdf(from_date: str, to_date: str, department: str | None = None) -> Response:
	"""The 办不成事 tracking ledger (处理进度跟踪台账) of a period as PDF, for those who may read the report.

	The dates must be dates and the department an existing Department the caller may read: nothing from
	the request reaches the template unchecked (and the template escapes what it prints)."""
	from govservice.complaints.report.complaint_tracking_ledger.complaint_tracking_ledger import execute

	if not frappe.has_permission("GS Complaint", "report"):
		frappe.throw(_("You may not read the complaint ledger."), frappe.PermissionError)
	start, end = client_date(from_date), client_date(to_date)
	if not start or not end or start > end or (end - start).days > 366:
		frappe.throw(_("Give a period of at most one year, from its first to its last day."), PrintError)
	if department and not (
		frappe.db.exists("Department", department) and frappe.has_permission("Department", "read", department)
	):
		frappe.throw(_("{0} is not a department you may read.").format(shown(department)), PrintError)
	filters = {"from_date": str(start), "to_date": str(end), "department": department or None}
	_columns, rows = execute(filters)
	body = frappe.render_template(
		"govservice/templates/print/complaint_ledger.html", {"rows": rows, **filters}
	)
	return pdf_response(pdf_from_html(wrap_body(body)), f"{_('Complaint Tracking Ledger')}-{start}-{end}")


@frappe.whitelist()
def project_notice_pdf(project: str, notice: str) -> Response:
	"""一次性告知书 of one key-project approval (a clock stop on the project): what exactly that approval lacks,
	for the enterprise. Staff need print permission on the project; the enterprise reads its own project.
	A project or notice that does not exist is refused like one of someone else."""
	if not frappe.db.exists("GS Key Project", project):
		raise frappe.PermissionError
	doc = frappe.get_doc("GS Key Project", project)
	doc.check_permission("read" if is_portal_user() else "print")
	stop = next((row for row in doc.approval_pauses if row.name == notice), None)
	if stop is None:
		raise frappe.PermissionError
	approval = next((row for row in doc.approvals if row.name == stop.approval_row), None)
	agent = frappe.db.get_value("GS Agent", doc.liaison_agent, ["agent_name", "phone"], as_dict=True)
	body = frappe.render_template(
		"govservice/templates/print/project_notice.html",
		{
			"project": doc,
			"notice": stop,
			"approval": approval,
			"agent": agent or frappe._dict(),
			"materials": [
				line.strip() for line in (stop.missing_materials or "").splitlines() if line.strip()
			],
		},
	)
	return pdf_response(pdf_from_html(wrap_body(body)), f"{_('One-Time Notice')}-{doc.name}-{stop.idx}")


def project_notice_url(project: str, notice: str) -> str:
	"""The link to a key-project approval's 一次性告知书 (`project_notice_pdf`)."""
	return "/api/method/govservice.api.printing.project_notice_pdf?" + frappe.utils.urlencode(
		{"project": project, "notice": notice}
	)


@frappe.whitelist()
def project_ledger_pdf(status: str | None = None) -> Response:
	"""重点项目代办台账 as PDF (the weekly ledger, printed), for those who may read the report, through their
	scope. The status must be one of the project statuses: nothing else of the request reaches the
	template."""
	from govservice.key_projects.report.key_project_ledger.key_project_ledger import execute

	if not frappe.get_doc("Report", "Key Project Ledger").is_permitted():
		frappe.throw(_("You may not read the key project ledger."), frappe.PermissionError)
	statuses = frappe.get_meta("GS Key Project").get_field("status").options.split("\n")
	if status and status not in statuses:
		frappe.throw(_("{0} is not a project status.").format(shown(status)), PrintError)
	_columns, rows = execute({"status": status or None})
	body = frappe.render_template(
		"govservice/templates/print/project_ledger.html",
		{"rows": rows, "status": status or None, "as_of": getdate()},
	)
	return pdf_response(pdf_from_html(wrap_body(body)), f"{_('Key Project Ledger')}-{getdate()}")
