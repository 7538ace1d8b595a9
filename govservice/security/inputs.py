"""What people type into the app's records, made safe once, before any rule reads it (`before_validate` of
every app DocType, child rows included, whoever saves and through whichever path: the desk, REST, a web form,
the portal API, Data Import).

- **Identifiers** are canonical (`govservice.domain.identity.canonical`: NFKC, ASCII only, or refused), so
  every limit, lookup and uniqueness rule compares one spelling. Which fields are identifiers is read from
  the DocType metadata, never from a list: a Data field with the option *Phone* is a phone number (checked
  as one: a mobile or a landline; an organisation's hotline may be a short service number such as 12345); a
  Data field named `…id_number` a resident ID number, `…credit_code` a unified social credit code, and any
  other `…_code` or `…tracking_number` a code (item, project, parcel).
- **Typed text is plain text.** Frappe keeps "safe" HTML in text fields (links, remote images, `position:
  fixed` blocks) and its desk shows them as HTML: a citizen's complaint could cover an officer's ledger
  with a link, or a remote image tell its sender who opened the record and when. In Data, Small Text, Text
  and Long Text fields `<` and `>` become their full-width forms `＜` `＞`, so no tag can exist in what
  anyone typed and the text reads the same everywhere (forms, lists, reports, prints, notifications, SMS).
  The one rich-text field (an item's acceptance conditions, written by administrators) keeps structural
  tags only, without attributes.
"""

import frappe
from frappe import _

from govservice.printing.jinja import clean_rich_text
from govservice.security.registry import APP_MODULES
from govservice.utils import IdentifierError, canonical_identifier, checked_phone

PLAIN_TEXT_TYPES = frozenset(("Data", "Small Text", "Text", "Long Text"))
MARKUP = frozenset("<>\"'&")
PLAIN = str.maketrans({"<": "＜", ">": "＞"})
# Records of organisations, whose phone fields are published numbers (hotlines may be 12345)
ORGANISATION_DOCTYPES = frozenset(("GS Service Centre", "GS Service Item", "GS Settings"))


def plain(value):
	"""Text as plain text: `<` and `>` in their full-width forms (no tag can survive)."""
	return value.translate(PLAIN) if isinstance(value, str) else value


def identifier_kind(df) -> str | None:
	"""The kind of identifier a field holds, from its metadata (see the module's docstring)."""
	if df.fieldtype != "Data":
		return None
	if df.options == "Phone":
		return "phone"
	name = df.fieldname
	if name.endswith("id_number"):
		return "resident_id"
	if name.endswith("credit_code"):
		return "credit_code"
	if name.endswith(("_code", "tracking_number")):
		return "code"
	return None


def clean_inputs(doc, method: str | None = None) -> None:
	"""`before_validate` of every DocType (doc_events "*"): for the app's records and their rows."""
	if doc.meta.module not in APP_MODULES or doc.meta.istable:
		return
	stored = None if doc.is_new() else doc.get_doc_before_save()
	stored_rows = {}
	if stored is not None:
		stored_rows = {(row.doctype, row.name): row for row in stored.get_all_children()}
	clean_record(doc, stored)
	for row in doc.get_all_children():
		clean_record(row, stored_rows.get((row.doctype, row.name)))


def clean_record(record, stored) -> None:
	"""Canonical identifiers and plain text in one record or row. A value kept as it was stored is made
	canonical where it can be, but not refused: an old record stays workable."""
	meta = frappe.get_meta(record.doctype)
	for df in meta.fields:
		value = record.get(df.fieldname)
		if not value or not isinstance(value, str):
			continue
		kind = identifier_kind(df)
		check_choice(record, df, value)
		if kind and stored is not None and value == stored.get(df.fieldname):
			try:
				record.set(df.fieldname, clean_value(record, df, kind, value))
			except frappe.ValidationError:
				frappe.clear_last_message()
			continue
		value = clean_value(record, df, kind, value)
		if value != record.get(df.fieldname):
			record.set(df.fieldname, value)


def check_choice(record, df, value: str) -> None:
	"""A select's value must be one of its options, and a link's name can hold no markup; refused in words
	that do not repeat the value (Frappe's own messages would, and the desk shows messages as HTML)."""
	prefix = _("Row {0}: ").format(record.idx) if record.get("parentfield") else ""
	if (
		df.fieldtype == "Select"
		and df.options
		and df.fieldname != "naming_series"
		and not frappe.flags.in_import
	):
		options = df.options.split("\n")
		if any(options) and value.strip() not in options:
			frappe.throw(
				prefix + _("{0}: choose one of the listed options.").format(_(df.label)),
				IdentifierError,
				title=_(df.label),
			)
	elif df.fieldtype in ("Link", "Dynamic Link") and MARKUP & set(value):
		frappe.throw(
			prefix + _("{0}: there is no such record.").format(_(df.label)),
			IdentifierError,
			title=_(df.label),
		)


def clean_value(record, df, kind: str | None, value: str) -> str:
	if kind == "phone":
		return checked_phone(
			value,
			IdentifierError,
			_(df.label),
			hotline="hotline" in df.fieldname or record.doctype in ORGANISATION_DOCTYPES,
		)
	if kind:
		return canonical_identifier(value, kind, IdentifierError, _(df.label))
	if df.fieldtype in PLAIN_TEXT_TYPES:
		return plain(value)
	if df.fieldtype == "Text Editor":
		return clean_rich_text(value)
	return value


# Comments on the app's records are the desk's rich text: structure, emphasis, mentions, links and images of
# the site itself; no style, no remote image (which tells its sender who read the record, and when), no link
# to another site dressed up as an instruction.
COMMENT_TAGS = frozenset(
	(
		"p",
		"br",
		"strong",
		"b",
		"em",
		"i",
		"u",
		"s",
		"ul",
		"ol",
		"li",
		"blockquote",
		"pre",
		"code",
		"span",
		"a",
		"img",
	)
)
MENTION_ATTRIBUTES = frozenset(("class", "data-id", "data-value", "data-denotation-char", "data-is-group"))


def _same_site(value: str) -> bool:
	value = (value or "").strip()
	return value.startswith("/") and not value.startswith("//") and "\\" not in value


def _comment_attribute(tag: str, name: str, value: str) -> bool:
	if tag == "span":
		return name in MENTION_ATTRIBUTES
	if tag == "a":
		return name == "href" and _same_site(value)
	if tag == "img":
		return name == "src" and (_same_site(value) or value.startswith("data:image/"))
	return False


def clean_comment_html(value: str) -> str:
	import bleach

	return bleach.clean(value or "", tags=COMMENT_TAGS, attributes=_comment_attribute, strip=True)


def clean_comment(doc, method: str | None = None) -> None:
	"""`validate` of Comment: a comment on an app record keeps the site's own rich text only."""
	from govservice.security.registry import is_app_doctype

	if doc.content and is_app_doctype(doc.reference_doctype):
		doc.content = clean_comment_html(doc.content)
