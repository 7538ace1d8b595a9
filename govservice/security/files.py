"""Files attached to the app's records: one set of rules, whoever uploads and through whichever path.

Citizens' uploads go through `govservice.api.portal`; staff use Frappe's attachment dialog
(`upload_file`), the REST API or a web form. Each File attached to an app record must be a PDF, JPG, PNG
or OFD whose content matches its extension, within the size limit of GS Settings, and is private. Once
attached, a file stays on its record. (A File that points at someone else's private file instead of
carrying content is refused when it is created: `govservice.security.queries.may_reference`.) A private
file is never shared with another record because its content is the same (`keep_private_files_apart`).
"""

import frappe
from frappe import _
from frappe.utils import cint, cstr

from govservice.domain.upload_rules import UploadRefused, check_upload
from govservice.security.registry import is_admin, is_app_doctype
from govservice.utils import shown

ATTACHMENT_FIELDS = ("attached_to_doctype", "attached_to_name", "attached_to_field", "file_url", "is_private")
REASONS = {
	"empty": "{0} is empty.",
	"too_large": "{0} is larger than {1} MB.",
	"type": "{0}: only PDF, JPG, PNG and OFD files are accepted.",
	"content": "{0} is not really the kind of file its name says.",
}


class UploadError(frappe.ValidationError):
	pass


def max_upload_bytes() -> int:
	return (cint(frappe.db.get_single_value("GS Settings", "max_upload_mb")) or 10) * 1024 * 1024


def refuse_upload(filename: str, reason: str) -> None:
	frappe.throw(
		_(REASONS[reason]).format(shown(filename), max_upload_bytes() // (1024 * 1024)),
		UploadError,
		title=_("Upload Refused"),
	)


def keep_private_files_apart(doc) -> None:
	"""A private file belongs to one record. Frappe stores identical content once and points a new File at
	the file already on disk: citizen B's upload of the same bytes as citizen A's got A's path (and A's file
	name), so B's village opened A's file, and removing B's failed request would have deleted A's. A new
	private File that Frappe pointed at another File's path gets its own copy."""
	if not cint(doc.is_private) or doc.is_folder or not doc.file_url or not doc.get("_content"):
		return
	if frappe.db.exists("File", {"file_url": doc.file_url}):
		doc.file_url = None
		doc.save_file(content=doc._content, ignore_existing_file_check=True)


# Files a browser runs as a page of this site (script with the session of whoever opens the link): nobody
# but a system manager uploads them, attached or not, public or private
ACTIVE_TYPES = frozenset(
	(
		"text/html",
		"application/xhtml+xml",
		"image/svg+xml",
		"text/xml",
		"application/xml",
		"text/javascript",
		"application/javascript",
		"application/x-javascript",
		"text/xsl",
	)
)
ACTIVE_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".js", ".mjs")


def refuse_active_file(doc) -> None:
	import mimetypes

	name = (doc.file_name or doc.file_url or "").strip().lower()
	kind = mimetypes.guess_type(name)[0] or ""
	if kind in ACTIVE_TYPES or name.endswith(ACTIVE_EXTENSIONS):
		if "System Manager" not in frappe.get_roles():
			frappe.throw(
				_("{0}: web pages, SVG, XML and script files are not accepted.").format(
					shown(doc.file_name or "")
				),
				UploadError,
				title=_("Upload Refused"),
			)


def check_new_file(doc, method: str | None = None) -> None:
	"""`before_insert` of File (after Frappe has read the content): no web page or script anywhere, one file
	per record, the upload rules."""
	if doc.is_folder or frappe.flags.in_install or frappe.flags.in_migrate:
		return
	refuse_active_file(doc)
	keep_private_files_apart(doc)
	if not is_app_doctype(doc.attached_to_doctype) or doc.flags.govservice_checked:
		return
	content = doc.get("_content") or doc.get("content") or b""
	if isinstance(content, str):
		content = content.encode()
	try:
		check_upload(doc.file_name or doc.file_url or "", content, max_upload_bytes())
	except UploadRefused as refused:
		refuse_upload(doc.file_name or "", refused.reason)
	if not cint(doc.is_private):
		frappe.throw(_("Files of service records are private."), UploadError, title=_("Upload Refused"))


def check_file_update(doc, method: str | None = None) -> None:
	"""`validate` of File: a file attached to an app record stays where it is, as it is."""
	if doc.is_new() or doc.is_folder or is_admin() or doc.flags.ignore_permissions:
		return
	stored = doc.get_doc_before_save()
	if stored is None:
		return
	if not (is_app_doctype(stored.attached_to_doctype) or is_app_doctype(doc.attached_to_doctype)):
		return
	if any(cstr(doc.get(f)) != cstr(stored.get(f)) for f in ATTACHMENT_FIELDS):
		raise frappe.PermissionError(_("A file of a service record cannot be moved, renamed or made public."))
