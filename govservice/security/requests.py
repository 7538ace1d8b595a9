"""Checks made once per request, before Frappe dispatches it (`before_request` hook).

1. A citizen's or enterprise's account (a website user) uses the portal: its pages and the portal API.
   The desk's API (`/api/resource`, `frappe.client.*`, `frappe.desk.*`, `run_doc_method`…) is refused
   to it, so internal comments, version history, list and report endpoints are out of its reach whatever
   their own checks would say. `CITIZEN_METHODS` lists what it may call.
2. Filters, sorting and grouping on a field the user may not read (a field at a permission level their
   roles lack, such as the full resident ID number) are refused on every list, count, report and export
   endpoint: otherwise `id_number like '4228%'` answers, one digit at a time, what the field hides.
3. Opening a record that shows a full resident ID number to the user is written to Frappe's Access Log
   (exports and print views are logged by Frappe itself).
4. A request naming an app record with markup in its name is answered as not found, without the name.
5. `search_link` / `search_widget` drop every permission when the client sends
   `ignore_user_permissions=1` and the user may read the DocType at all; for the app's records, accounts
   and files that flag is discarded (no link field of the app asks for it).
"""

import json
import re

import frappe
from frappe import _

from govservice.citizen_portal.utils import is_portal_user
from govservice.security import boundary
from govservice.security.registry import is_app_doctype

CITIZEN_METHODS = (
	"login",
	"logout",
	"ping",
	"version",
	"frappe.auth.get_logged_user",
	"frappe.www.",
	"frappe.website.",
	"frappe.core.doctype.user.user.",
	"frappe.realtime.",
	"frappe.translate.get_all_languages",
	"frappe.search.web_search",
	"govservice.api.portal.",
	"govservice.api.account.",
	"govservice.api.printing.download_pdf",
	"govservice.api.printing.project_notice_pdf",
	"govservice.supervision.assessments.submit_questionnaire",
	# the hall: numbers, the screen, and the account holder's own appointments (never the calling desk)
	"govservice.service_hall.tickets.",
	"govservice.service_hall.appointments.available_slots",
	"govservice.service_hall.appointments.book_on_portal",
	"govservice.service_hall.appointments.cancel",
	"govservice.service_hall.appointments.reschedule",
	"govservice.service_hall.appointments.check_in",
	# 网上出件: the electronic licence of the account holder's own request
	"govservice.service_hall.results.download_licence",
)
# A web form's link fields search and check their records: a citizen may do so for their own requests and
# the public catalogue only.
CITIZEN_LINK_METHODS = ("frappe.desk.search.search_link", "frappe.client.validate_link")
CITIZEN_LINK_DOCTYPES = ("GS Case", "GS Service Item")
FILTER_KEYS = ("filters", "or_filters", "current_filters")
FIELD_KEYS = ("order_by", "sort_by", "group_by", "field", "fieldname", "group_by_field", "aggregate_on")
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def before_request() -> None:
	boundary.install()
	boundary.set_request_ip()
	method = requested_method()
	if is_portal_user():
		check_citizen_request(method)
	elif is_platform_user():
		check_platform_request(method)
	doctype = requested_doctype()
	if doctype and (is_app_doctype(doctype) or doctype in ("User", "File")):
		frappe.form_dict.pop("ignore_user_permissions", None)
	if is_app_doctype(doctype):
		refuse_markup_names(doctype)
	refuse_v2_document_methods()
	check_restricted_fields(doctype)
	log_full_id_view(method, doctype)


def after_token_auth() -> None:
	"""`auth_hooks`: Frappe authenticates an API key or a bearer token after the `before_request` hooks ran
	(as Guest); the request's checks run again as the user the key names (a platform's key calls its API
	only, a staff key filters on no field above its level)."""
	if frappe.get_request_header("Authorization") and frappe.session.user not in ("", "Guest"):
		before_request()


def refuse_v2_document_methods() -> None:
	"""Frappe's `/api/v2/method/run_doc_method` runs a method on the document as the client sends it (its
	values, or an unsaved one), checking read or write on those values only; the desk never calls it. For the
	app's records the methods run through `run_doc_method` (govservice.security.endpoints), on the stored
	record, an unsaved one only for who may create it."""
	if request_path().rstrip("/") != "/api/v2/method/run_doc_method":
		return
	document = frappe.form_dict.get("document")
	try:
		document = frappe.parse_json(document) if isinstance(document, str) else document
	except Exception:
		document = None
	doctype = document.get("doctype") if isinstance(document, dict) else None
	if not isinstance(document, dict) or is_app_doctype(doctype) or not doctype:
		frappe.throw(_("Run the record's actions from its form."), frappe.PermissionError)


MARKUP = frozenset("<>\"'`")


def refuse_markup_names(doctype: str) -> None:
	"""No record of the app has markup in its name; a request that names one anyway (a crafted link to
	`/app/gs-case/<svg onload=…>`) is answered as not found in words that do not repeat the name (Frappe's
	"{0} {1} not found" would, and the desk shows messages as HTML)."""
	path_name = request_path().rstrip("/").split("/")[-1] if request_path().startswith("/api/") else ""
	from urllib.parse import unquote

	for value in (frappe.form_dict.get("name"), frappe.form_dict.get("docname"), unquote(path_name)):
		if isinstance(value, str) and MARKUP & set(value):
			frappe.throw(_("There is no such record."), frappe.DoesNotExistError, title=_(doctype))


def requested_method() -> str | None:
	"""The whitelisted method a request calls: `/api/method/<m>`, `/api/v2/method/<m>` or `cmd=<m>`."""
	if frappe.form_dict.get("cmd"):
		return str(frappe.form_dict.cmd)
	path = getattr(frappe.request, "path", "") if getattr(frappe, "request", None) else ""
	for prefix in ("/api/method/", "/api/v1/method/", "/api/v2/method/"):
		if path.startswith(prefix):
			return path[len(prefix) :].strip("/")
	return None


def request_path() -> str:
	return getattr(frappe.request, "path", "") if getattr(frappe, "request", None) else ""


# The 12345 platform's API user calls its API and nothing else: no desk, no REST, no files
PLATFORM_METHODS = ("login", "logout", "ping", "frappe.auth.get_logged_user", "govservice.api.hotline.")


def is_platform_user(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user not in ("Guest", "Administrator") and "GS Hotline Platform" in frappe.get_roles(user)


def check_platform_request(method: str | None) -> None:
	if method is None or not any(
		method == allowed or (allowed.endswith(".") and method.startswith(allowed))
		for allowed in PLATFORM_METHODS
	):
		frappe.throw(_("A hotline platform's key calls the hotline API only."), frappe.PermissionError)


def check_citizen_request(method: str | None) -> None:
	path = request_path()
	if method in CITIZEN_LINK_METHODS:
		if frappe.form_dict.get("doctype") not in CITIZEN_LINK_DOCTYPES:
			refuse()
		return
	if method is not None:
		if not any(
			method == allowed or (allowed.endswith(".") and method.startswith(allowed))
			for allowed in CITIZEN_METHODS
		):
			refuse()
		return
	if path in ("/app", "/desk", "/printview") or path.startswith(("/api/", "/app/", "/desk/", "/print/")):
		refuse()


def refuse() -> None:
	frappe.throw(_("This is not available to citizen and enterprise accounts."), frappe.PermissionError)


def check_restricted_fields(doctype: str | None) -> None:
	if not doctype or not frappe.db.exists("DocType", doctype):
		return
	referenced = set()
	for key in FILTER_KEYS:
		referenced |= filter_fields(doctype, frappe.form_dict.get(key))
	for key in FIELD_KEYS:
		value = frappe.form_dict.get(key)
		if isinstance(value, str) and value:
			referenced |= {
				(doctype, token) for token in IDENTIFIER.findall(value.replace(f"tab{doctype}", ""))
			}
		elif isinstance(value, list):
			referenced |= {(doctype, str(token)) for token in value}
	for dt, fieldname in referenced:
		if is_hidden_from_user(doctype, dt, fieldname):
			frappe.throw(_("You may not filter or sort by a field you cannot read."), frappe.PermissionError)


def requested_doctype() -> str | None:
	doctype = frappe.form_dict.get("doctype") or frappe.form_dict.get("dt")
	if not doctype:
		path = request_path()
		for prefix in ("/api/resource/", "/api/v1/resource/", "/api/v2/document/", "/api/v2/doctype/"):
			if path.startswith(prefix):
				doctype = path[len(prefix) :].split("/", 1)[0]
				break
	if isinstance(doctype, str):
		from urllib.parse import unquote

		return unquote(doctype)
	return None


def filter_fields(doctype: str, filters) -> set[tuple[str, str]]:
	"""(DocType, fieldname) pairs named in filters given as JSON, a dict or a list."""
	if isinstance(filters, str):
		try:
			filters = json.loads(filters)
		except ValueError:
			return {(doctype, token) for token in IDENTIFIER.findall(filters)}
	found = set()
	if isinstance(filters, dict):
		found |= {(doctype, str(key)) for key in filters}
	elif isinstance(filters, list):
		for item in filters:
			if isinstance(item, list | tuple) and item:
				# [fieldname, operator, value] or [doctype, fieldname, operator, value]
				found.add((str(item[0]), str(item[1])) if len(item) >= 4 else (doctype, str(item[0])))
			elif isinstance(item, dict):
				found |= {(doctype, str(key)) for key in item}
			elif isinstance(item, str):
				found |= {(doctype, token) for token in IDENTIFIER.findall(item)}
	return found


def is_hidden_from_user(queried: str, doctype: str, fieldname: str) -> bool:
	"""True for a field of an app DocType at a permission level the user's roles cannot read; a child
	table's field is hidden when the queried DocType's table of it is."""
	if frappe.session.user == "Administrator" or not frappe.db.exists("DocType", doctype):
		return False
	if doctype != queried and frappe.get_meta(doctype).istable:
		meta = frappe.get_meta(queried)
		levels = {df.permlevel for df in meta.get_table_fields() if df.options == doctype}
		return is_app_doctype(queried) and any(
			level not in meta.get_permlevel_access("read") for level in levels
		)
	if not is_app_doctype(doctype):
		return False
	meta = frappe.get_meta(doctype)
	df = meta.get_field(fieldname)
	return bool(df and df.permlevel and df.permlevel not in meta.get_permlevel_access("read"))


def restricted_fields(doctype: str) -> frozenset[str]:
	"""The full identifiers a record of `doctype` shows, read from its metadata: its Data fields above
	permission level 0 (resident ID numbers, masked for everyone else), and its tables whose rows have such
	fields. A new field at level 1 is covered without a list to update."""
	cache = getattr(frappe.local, "govservice_restricted_fields", None)
	if cache is None:
		cache = frappe.local.govservice_restricted_fields = {}
	if doctype not in cache:
		meta = frappe.get_meta(doctype)
		names = {df.fieldname for df in meta.fields if df.fieldtype == "Data" and df.permlevel}
		for table in meta.get_table_fields():
			# a table of rows with such fields, and those fields asked of the record (`tabRow`.`id_number`)
			if restricted_fields(table.options):
				names |= {table.fieldname, *restricted_fields(table.options)}
		cache[doctype] = frozenset(names)
	return cache[doctype]


def shows_full_ids(doctype: str | None) -> bool:
	return bool(doctype) and is_app_doctype(doctype) and bool(restricted_fields(doctype))


def reads_full_ids(doctype: str) -> bool:
	"""Whether the user reads the full identifiers of `doctype` (its restricted fields' levels)."""
	meta = frappe.get_meta(doctype)
	levels = {
		df.permlevel for df in meta.fields if df.fieldname in restricted_fields(doctype) and df.permlevel
	}
	return all(level in meta.get_permlevel_access("read") for level in levels)


# list and value endpoints that answer with the fields they are asked for
# searches and the sidebar's counts name the field they read in other parameters
FIELD_PARAMETERS = {
	"frappe.desk.search.search_widget": "searchfield",
	"frappe.desk.search.search_link": "searchfield",
	"frappe.desk.reportview.get_sidebar_stats": "stats",
	"frappe.desk.reportview.get_stats": "stats",
}
FIELD_READ_METHODS = (
	*FIELD_PARAMETERS,
	"frappe.client.get_value",
	"frappe.client.get_list",
	"frappe.client.get_all",
	"frappe.desk.reportview.get",
	"frappe.desk.reportview.get_list",
)
SINGLE_READ_METHODS = ("frappe.client.get", "frappe.desk.form.load.getdoc")


def log_full_id_view(method: str | None, doctype: str | None) -> None:
	"""An Access Log row for each opening of a record by someone who sees its full ID numbers."""
	if not shows_full_ids(doctype) or frappe.session.user == "Guest":
		return
	if asks_for_full_ids(method, doctype):
		log_full_ids_listed(doctype)
		return
	name = None
	if method in SINGLE_READ_METHODS:
		name = frappe.form_dict.get("name") or name_from_filters(doctype)
	elif getattr(frappe, "request", None) and frappe.request.method == "GET" and method is None:
		parts = request_path().strip("/").split("/")
		if (len(parts) == 4 and parts[:2] in (["api", "resource"], ["api", "document"])) or (
			len(parts) == 5 and parts[1] in ("v1", "v2")
		):
			name = parts[-1]
	if not isinstance(name, str) or not frappe.db.exists(doctype, name):
		return
	meta = frappe.get_meta(doctype)
	# a child row has no permission levels of its own: whoever reads its record reads it
	if not meta.istable and not reads_full_ids(doctype):
		return
	if not frappe.get_doc(doctype, name).has_permission("read"):  # a row answers through its record
		return
	from frappe.core.doctype.access_log.access_log import make_access_log

	make_access_log(doctype=doctype, document=name, method="Full ID Number Viewed")


def name_from_filters(doctype: str) -> str | None:
	"""The record `frappe.client.get` opens when it is asked by filters instead of a name."""
	filters = frappe.form_dict.get("filters")
	if not filters:
		return None
	try:
		names = frappe.get_list(doctype, filters=filters, pluck="name", limit=1)
	except Exception:
		return None  # the endpoint itself answers the malformed or refused request
	return names[0] if names else None


def asks_for_full_ids(method: str | None, doctype: str) -> bool:
	"""A list or value request whose fields include the full ID number (or every field)."""
	is_list = method in FIELD_READ_METHODS or (
		method is None
		and getattr(frappe, "request", None)
		and frappe.request.method == "GET"
		and len(request_path().strip("/").split("/")) in (3, 4)
		and request_path().strip("/").split("/")[-1] == doctype
	)
	if not is_list:
		return False
	wanted = set()
	for key in ("fields", "fieldname", FIELD_PARAMETERS.get(method or "", "fields")):
		value = frappe.form_dict.get(key)
		if isinstance(value, str):
			try:
				value = json.loads(value)
			except ValueError:
				value = [value]
		if isinstance(value, str):
			value = [value]
		if isinstance(value, list | tuple):
			wanted |= {str(field) for field in value}
	# `id_number`, `tabGS Case`.`id_number`, `id_number AS x`, upper(id_number), a row's id_number asked
	# of its record, or every field
	tokens = {token for item in wanted for token in IDENTIFIER.findall(item)}
	return bool(restricted_fields(doctype) & tokens) or any("*" in item for item in wanted)


def log_full_ids_listed(doctype: str) -> None:
	"""One Access Log row for a list or value read that returns full ID numbers to someone who sees them,
	with the filters it was asked with."""
	meta = frappe.get_meta(doctype)
	if meta.istable:  # rows listed by their record's type: whoever reads those records
		parent = frappe.form_dict.get("parent")
		if not parent or not frappe.has_permission(parent, "read"):
			return
	elif not reads_full_ids(doctype):
		return
	elif not frappe.has_permission(doctype, "read"):
		return
	from frappe.core.doctype.access_log.access_log import make_access_log

	filters = frappe.form_dict.get("filters")
	make_access_log(
		doctype=doctype,
		method="Full ID Numbers Listed",
		filters=filters if isinstance(filters, str) else json.dumps(filters, default=str),
	)
