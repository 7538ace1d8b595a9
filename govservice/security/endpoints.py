"""Frappe endpoints that skip row-level permissions, wrapped with the same signatures
(`override_whitelisted_methods` in hooks.py).

- `frappe.client.get_count` counts with `frappe.db.count`, with no permission at all, and
  `get_group_by_count` counts assignments of every record: both were oracles (prefix filters recover an
  ID number one digit at a time). Counts here are the list's own counts.
- `toggle_like`, `add_tag`/`add_tags`/`remove_tag` and assignments wrote `_liked_by`, `_user_tags`,
  `_assign` and timeline entries onto records the caller cannot read; they now need read (assignments:
  write, and the assignee must already be able to read the record, so assigning never widens who sees it).
- `validate_link` told whether a record the caller cannot read exists (it answers as for a missing one).
- `run_doc_method` ran a method on the document as the client sent it, checking permission on the sent
  values; for the app's records the method now runs on the stored record.
- `run_doc_method` on an unsaved document (`__islocal`) let a method that saves insert a record the caller
  may not create (a supervisory officer "recording the handling" of a forged alert); for the app's DocTypes
  it now needs the right to create one.
- `frappe.client.get` by filters fetched the first match without permission and then checked it, so 403 or
  404 answered whether a record the caller cannot read matches (a phone number recovered digit by digit);
  the match is now looked up among the records the caller may read.
- `report_to_pdf` rendered client HTML with wkhtmltopdf; it now goes through the app's safe renderer.
"""

import frappe
from frappe import _
from frappe.desk.form import assign_to
from frappe.model import is_default_field

from govservice.security.registry import is_app_doctype
from govservice.utils import shown


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug: bool = False, cache: bool = False) -> int:
	"""`frappe.client.get_count`, counting only the records the caller may read."""
	from frappe.client import get_safe_filters

	rows = frappe.get_list(
		doctype,
		filters=get_safe_filters(filters),
		fields=["count(*) as total"],
		order_by=None,
		limit_page_length=0,
	)
	return rows[0].total if rows else 0


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""`frappe.desk.listview.get_group_by_count` over the records the caller may read only."""
	from frappe.desk.listview import get_group_by_count as frappe_group_by_count

	filters = frappe.parse_json(current_filters)
	if field != "assigned_to":
		meta = frappe.get_meta(doctype)
		df = meta.get_field(field)
		if not (df or is_default_field(field)):
			raise ValueError("Field does not belong to doctype")
		if df and df.permlevel and df.permlevel not in meta.get_permlevel_access("read"):
			raise frappe.PermissionError
		return frappe_group_by_count(doctype, current_filters, field)
	names = frappe.get_list(
		doctype, filters=filters, fields=["name"], order_by=None, limit_page_length=0, run=0
	)
	return frappe.db.sql(
		f"""select todo.allocated_to as name, count(*) as count
		from `tabToDo` todo join `tabUser` user on user.name = todo.allocated_to
		where todo.status != 'Cancelled' and user.user_type = 'System User'
			and todo.reference_type = {frappe.db.escape(doctype)} and todo.reference_name in ({names})
		group by todo.allocated_to order by count desc limit 50""",
		as_dict=True,
	)


def check_read(doctype: str, name: str) -> None:
	if not frappe.db.exists(doctype, name) or not frappe.has_permission(doctype, "read", doc=name):
		raise frappe.PermissionError(_("You may not read this record."))


@frappe.whitelist()
def toggle_like(doctype: str, name: str, add: str | bool = False) -> None:
	"""Like or unlike a record the caller may read."""
	from frappe.desk.like import toggle_like as frappe_toggle_like

	check_read(doctype, name)
	frappe_toggle_like(doctype, name, add)


@frappe.whitelist()
def add_tag(tag: str, dt: str, dn: str, color: str | None = None) -> str:
	from frappe.desk.doctype.tag.tag import add_tag as frappe_add_tag

	check_read(dt, dn)
	return frappe_add_tag(tag, dt, dn, color)


@frappe.whitelist()
def add_tags(tags, dt: str, docs, color: str | None = None) -> None:
	from frappe.desk.doctype.tag.tag import add_tags as frappe_add_tags

	for name in frappe.parse_json(docs):
		check_read(dt, name)
	frappe_add_tags(tags, dt, docs, color)


@frappe.whitelist()
def remove_tag(tag: str, dt: str, dn: str) -> None:
	from frappe.desk.doctype.tag.tag import remove_tag as frappe_remove_tag

	check_read(dt, dn)
	frappe_remove_tag(tag, dt, dn)


def check_assignment(doctype: str, name: str, users) -> None:
	"""Assigning an app record needs write on it, and each assignee must already be able to read it
	(Frappe would otherwise share the record with them)."""
	if not is_app_doctype(doctype):
		return
	if not frappe.db.exists(doctype, name) or not frappe.has_permission(doctype, "write", doc=name):
		raise frappe.PermissionError(_("You may not assign this record."))
	for user in users:
		if not frappe.has_permission(doctype, "read", doc=name, user=user):
			frappe.throw(
				_("{0} may not see {1}; assign it to someone who works on it.").format(
					shown(user), shown(name)
				),
				frappe.PermissionError,
			)


@frappe.whitelist()
def add_assignment(args=None) -> list:
	"""`frappe.desk.form.assign_to.add` with the app's rule for its own records."""
	args = args or frappe.local.form_dict
	check_assignment(args.get("doctype"), args.get("name"), frappe.parse_json(args.get("assign_to")) or [])
	return assign_to.add(args)


@frappe.whitelist()
def add_assignments(args=None) -> None:
	"""`frappe.desk.form.assign_to.add_multiple` with the app's rule for its own records."""
	args = args or frappe.local.form_dict
	for name in frappe.parse_json(args.get("name")) or []:
		check_assignment(args.get("doctype"), name, frappe.parse_json(args.get("assign_to")) or [])
	return assign_to.add_multiple(args)


@frappe.whitelist()
def validate_link(doctype: str, docname: str, fields=None) -> dict:
	"""`frappe.client.validate_link`, which answers only for records the caller may read."""
	from frappe.client import validate_link as frappe_validate_link

	from govservice.security.requests import restricted_fields, shows_full_ids

	if fields and shows_full_ids(doctype):  # a link is checked by its name: its full IDs are not needed
		hidden = restricted_fields(doctype)
		fields = [field for field in frappe.parse_json(fields) if field not in hidden]
	values = frappe_validate_link(doctype, docname, fields)
	if (
		values.get("name")
		and (is_app_doctype(doctype) or doctype in ("User", "File"))
		and not frappe.has_permission(doctype, "select", doc=values.name)
		and not frappe.has_permission(doctype, "read", doc=values.name)
	):
		return frappe._dict(name=None)  # the answer for a record that does not exist
	return values


@frappe.whitelist()
def run_doc_method(method: str, docs=None, dt=None, dn=None, arg=None, args=None):
	"""`run_doc_method`: for a stored app record, the method runs on the record as stored (permission is
	checked on it), never on values sent with the call."""
	from frappe.handler import run_doc_method as frappe_run_doc_method

	if docs and not dt:
		sent = frappe.parse_json(docs)
		doctype, name = sent.get("doctype"), sent.get("name")
		if is_app_doctype(doctype) and name and not sent.get("__islocal") and frappe.db.exists(doctype, name):
			return frappe_run_doc_method(method, dt=doctype, dn=name, arg=arg, args=args)
		if is_app_doctype(doctype) and not frappe.has_permission(doctype, "create"):
			# an unsaved document: only someone who may create one runs its methods (a method that saves
			# would insert it with the values sent)
			raise frappe.PermissionError(_("You may not create {0}.").format(_(doctype)))
	return frappe_run_doc_method(method, docs=docs, dt=dt, dn=dn, arg=arg, args=args)


@frappe.whitelist()
def client_get(doctype: str, name=None, filters=None, parent=None) -> dict:
	"""`frappe.client.get`: a document by filters is the first match among the records the caller may read,
	so that a match the caller cannot read answers as no match."""
	from frappe.client import get

	if not name and filters and not frappe.is_table(doctype) and not frappe.get_meta(doctype).issingle:
		found = frappe.get_list(
			doctype, filters=frappe.parse_json(filters), pluck="name", limit_page_length=1, order_by=None
		)
		if not found:
			raise frappe.DoesNotExistError(_("{0} not found").format(_(doctype)))
		name, filters = found[0], None
	return get(doctype, name=name, filters=filters, parent=parent)


@frappe.whitelist()
def report_to_pdf(html: str, orientation: str = "Landscape") -> None:
	"""A report's printable HTML as PDF, through the app's renderer (which fetches nothing from the
	network or the server's disk)."""
	from frappe.core.doctype.access_log.access_log import make_access_log

	from govservice.printing.render import pdf_from_html, wrap_body

	make_access_log(file_type="PDF", method="PDF", page=html)
	size = "A4 landscape" if orientation == "Landscape" else "A4"
	frappe.local.response.filename = "report.pdf"
	frappe.local.response.filecontent = pdf_from_html(
		wrap_body(f"<style>@page {{ size: {size}; margin: 12mm; }}</style>{html}")
	)
	frappe.local.response.type = "pdf"


def check_todo(doc, method: str | None = None) -> None:
	"""`validate` of ToDo: a to-do written by a person (not by the app, which sets ignore_permissions)
	about an app record needs read on that record, and its assignee must be able to read it too; otherwise
	it would write `_assign` and the timeline onto a record the writer cannot see."""
	if doc.flags.ignore_permissions or frappe.session.user == "Administrator":
		return
	if not is_app_doctype(doc.reference_type):
		return
	check_read(doc.reference_type, doc.reference_name)
	if doc.allocated_to and not frappe.has_permission(
		doc.reference_type, "read", doc=doc.reference_name, user=doc.allocated_to
	):
		raise frappe.PermissionError(_("The person assigned may not see this record."))


@frappe.whitelist(allow_guest=True)
def download_pdf(
	doctype: str,
	name: str,
	format=None,
	doc=None,
	no_letterhead=0,
	language=None,
	letterhead=None,
	pdf_generator=None,
):
	"""`frappe.utils.print_format.download_pdf` (the desk's PDF button): the print view of the stored
	record (a document sent by the client is ignored) rendered by the app's WeasyPrint generator, saved under
	the print format's name and the record's."""
	from frappe.translate import print_language
	from frappe.www.printview import validate_print_permission

	from govservice.printing.render import pdf_from_html

	stored = frappe.get_doc(doctype, name)
	validate_print_permission(stored)
	with print_language(language):
		html = frappe.get_print(
			doctype, name, format, doc=stored, no_letterhead=no_letterhead, letterhead=letterhead
		)
	from govservice.api.printing import pdf_response

	title = _(format) if format and format != "Standard" else _(doctype)
	return pdf_response(pdf_from_html(html), f"{title}-{name}")


@frappe.whitelist()
def download_multi_pdf(doctype, name, format=None, no_letterhead=False, letterhead=None, options=None):
	"""`frappe.utils.print_format.download_multi_pdf`, rendered by the app's generator."""
	from frappe.utils.print_format import _download_multi_pdf

	from govservice.printing.render import GENERATOR

	frappe.local.form_dict.pdf_generator = GENERATOR
	return _download_multi_pdf(doctype, name, format, no_letterhead, letterhead, options)


# Links a citizen may fill in on a web form only with their own records; a missing record gets the same
# answer as someone else's (Frappe's link check would otherwise say which exist).
PRIVATE_LINKS = ("GS Case", "GS Complaint", "GS Rating", "GS One-Time Notice", "GS Rectification")


@frappe.whitelist(allow_guest=True)
def accept_web_form(web_form: str, data: str):
	"""`frappe.website.doctype.web_form.web_form.accept`, refusing links to records the user cannot read."""
	from frappe.website.doctype.web_form.web_form import accept

	form = frappe.get_doc("Web Form", web_form)
	values = frappe._dict(frappe.parse_json(data) or {})
	meta = frappe.get_meta(form.doc_type)
	for field in form.web_form_fields:
		df = meta.get_field(field.fieldname)
		value = values.get(field.fieldname)
		if not (df and df.fieldtype == "Link" and df.options in PRIVATE_LINKS and value):
			continue
		if not (
			isinstance(value, str)
			and frappe.db.exists(df.options, value)
			and frappe.has_permission(df.options, "read", doc=value)
		):
			frappe.throw(_("You can only refer to your own requests."), frappe.PermissionError)
	return accept(web_form, data)


@frappe.whitelist()
def download_multi_pdf_async(doctype, name, format=None, no_letterhead=False, letterhead=None, options=None):
	"""`frappe.utils.print_format.download_multi_pdf_async` (the list's bulk print), with the app's
	generator in the background job."""
	import json
	import uuid

	task_id = str(uuid.uuid4())
	count = (
		sum(len(names) for names in doctype.values()) if isinstance(doctype, dict) else len(json.loads(name))
	)
	frappe.enqueue(
		multi_pdf_job,
		doctype=doctype,
		name=name,
		task_id=task_id,
		format=format,
		no_letterhead=no_letterhead,
		letterhead=letterhead,
		options=options,
		queue="long" if count > 20 else "short",
	)
	frappe.local.response["http_status_code"] = 201
	return {"task_id": task_id}


def multi_pdf_job(**kwargs) -> None:
	from frappe.utils.print_format import _download_multi_pdf

	from govservice.printing.render import GENERATOR

	frappe.local.form_dict.pdf_generator = GENERATOR
	_download_multi_pdf(**kwargs)


@frappe.whitelist()
def send_sms(receiver_list: str | list, msg: str, sender_name: str = "", success_msg: bool = True) -> None:
	"""`frappe.core.doctype.sms_settings.sms_settings.send_sms`, for those who manage the site's texts only:
	Frappe lets any logged-in user text any number through the county's gateway, in its name."""
	if not {"System Manager", "GS Administrator"} & set(frappe.get_roles()):
		frappe.throw(_("Only administrators send text messages from here."), frappe.PermissionError)
	from frappe.core.doctype.sms_settings.sms_settings import send_sms as frappe_send_sms

	frappe_send_sms(receiver_list, msg, sender_name=sender_name, success_msg=success_msg)


@frappe.whitelist(allow_guest=True, methods=["POST"])
def reset_password(user: str) -> str:
	"""`frappe.core.doctype.user.user.reset_password` for everyone: the same answer, at the same speed,
	whether or not `user` names an account (Frappe's answers 404 for a missing account and, with no mail
	configured, 501 for an existing one). The reset e-mail is sent by a background job, to staff accounts
	with a real address; citizens' phone accounts reset their password by a texted code on the portal."""
	from frappe.rate_limiter import rate_limit
	from frappe.utils.password import get_password_reset_limit

	rate_limit(limit=get_password_reset_limit, seconds=60 * 60)(lambda: None)()
	frappe.enqueue(
		"govservice.security.endpoints.send_password_reset",
		queue="short",
		now=bool(frappe.flags.in_test),
		user=str(user or "")[:140],
	)
	frappe.msgprint(
		_(
			"If this is the address of an account, the instructions to reset its password have been sent to it."
		),
		title=_("Password Reset"),
	)
	return "sent"


def send_password_reset(user: str) -> None:
	"""Background job: Frappe's reset e-mail, for an enabled staff or e-mail account named `user`."""
	from govservice.api.account import PHONE_ONLY_DOMAIN

	name = frappe.db.get_value("User", {"name": user.strip(), "enabled": 1}, "name")
	if not name or name in ("Administrator", "Guest") or name.endswith("@" + PHONE_ONLY_DOMAIN):
		return
	try:
		doc = frappe.get_doc("User", name)
		doc.validate_reset_password()
		doc.reset_password(send_email=True)
	except Exception:
		frappe.log_error(title="Password reset e-mail not sent")


@frappe.whitelist()
def pdf_renderer_ready() -> bool:
	"""`frappe.utils.pdf.is_wkhtmltopdf_valid`, which the print view asks before every PDF and answers with an
	error dialog when wkhtmltopdf is missing: the app renders every PDF with WeasyPrint (the `pdf_generator`
	hook and the wrapped download endpoints), so the question is whether WeasyPrint is there."""
	try:
		import weasyprint  # noqa: F401
	except ImportError:
		return False
	return True
