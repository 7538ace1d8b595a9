"""Helpers shared across govservice modules."""

import frappe
from frappe import _
from frappe.utils import escape_html

from govservice.domain.identity import (
	IdentifierRefused,
	canonical,
	is_valid_hotline,
	is_valid_mobile,
	is_valid_phone,
	is_valid_resident_id,
	is_valid_unified_credit_code,
)

# What each kind of identifier may hold, said to the person who typed another character (the value typed is
# not repeated: it may be anything).
IDENTIFIER_RULES = {
	"phone": "{0}: use the digits 0-9 only (and a hyphen after a landline's area code).",
	"resident_id": "{0}: use the digits 0-9 and the letter X only.",
	"credit_code": "{0}: use the digits 0-9 and capital letters only.",
	"code": "{0}: use letters, digits, hyphens, dots and underscores only.",
}


class IdentifierError(frappe.ValidationError):
	pass


def canonical_identifier(
	value: str | None, kind: str, error: type[Exception] = IdentifierError, title: str | None = None
) -> str:
	"""The canonical form of an identifier (`govservice.domain.identity.canonical`), or `error` thrown with
	the characters its kind allows, in the reader's language."""
	try:
		return canonical(value, kind)
	except IdentifierRefused:
		frappe.throw(
			_(IDENTIFIER_RULES[kind]).format(title or _("Identifier")),
			error,
			title=title or _("Identifier"),
		)


def checked_resident_id(value: str | None, error: type[Exception]) -> str:
	"""The canonical resident ID number (GB 11643), or `error` thrown with a message saying what to check."""
	value = canonical_identifier(value, "resident_id", error, _("Resident ID Number"))
	if not is_valid_resident_id(value):
		frappe.throw(
			_("The resident ID number is not valid; check the 18 characters and the check digit."),
			error,
			title=_("Resident ID Number"),
		)
	return value


def checked_credit_code(value: str | None, error: type[Exception]) -> str:
	"""The canonical unified social credit code (GB 32100), or `error` thrown with what to check."""
	value = canonical_identifier(value, "credit_code", error, _("Unified Social Credit Code"))
	if not is_valid_unified_credit_code(value):
		frappe.throw(
			_("The unified social credit code is not valid; check the 18 characters."),
			error,
			title=_("Unified Social Credit Code"),
		)
	return value


def checked_phone(
	value: str | None, error: type[Exception], title: str, *, mobile: bool = False, hotline: bool = False
) -> str:
	"""The canonical phone number, or `error` thrown: a mobile number of 11 digits or a landline with its
	area code (`mobile`: a mobile number only; `hotline`: a short service number such as 12345 too)."""
	value = canonical_identifier(value, "phone", error, title)
	valid = (
		is_valid_mobile(value) if mobile else is_valid_hotline(value) if hotline else is_valid_phone(value)
	)
	if not valid:
		frappe.throw(
			_("{0}: enter a mobile number of 11 digits.").format(title)
			if mobile
			else _("{0}: enter a mobile number of 11 digits or a landline with its area code.").format(title),
			error,
			title=title,
		)
	return value


def check_phone(value: str | None, error: type[Exception], title: str) -> str:
	"""`checked_phone` for a person's phone (mobile or landline); returns the canonical number."""
	return checked_phone(value, error, title)


def shown(value) -> str:
	"""A value a person typed, as it may appear inside a message: escaped and cut to 60 characters (messages
	are HTML in the desk's dialogs and the portal's alerts)."""
	text = str(value if value is not None else "")
	return escape_html(text if len(text) <= 60 else text[:59] + "…")


def titles_of(doctype: str, names, field: str = "official_name") -> dict[str, str]:
	"""{name: `field`} of the named records (one query; {} for none): how a list shows centres, departments…
	by what people call them."""
	names = sorted({name for name in names if name})
	if not names:
		return {}
	return dict(
		frappe.get_all(doctype, filters={"name": ["in", names]}, fields=["name", field], as_list=True)
	)


def bulk_insert_docs(doctype: str, rows: list[dict], now, chunk_size: int = 10000) -> None:
	"""Insert many records of `doctype` in a few multi-row INSERTs (one per `chunk_size` rows).

	For system-written rows (ledgers, notifications) where per-document hooks are not wanted: every row gets
	its "name" or a random one, and Administrator as owner; all rows must have the same keys.
	"""
	if not rows:
		return
	fields = [field for field in rows[0] if field != "name"]
	frappe.db.bulk_insert(
		doctype,
		fields=["name", "creation", "modified", "owner", "modified_by", *fields],
		values=[
			(
				row.get("name") or frappe.generate_hash(length=12),
				now,
				now,
				"Administrator",
				"Administrator",
				*(row[f] for f in fields),
			)
			for row in rows
		],
		chunk_size=chunk_size,
	)


class BusyError(frappe.ValidationError):
	pass


def transaction_lock(key: str, timeout: int = 10) -> None:
	"""Hold a named lock of MariaDB until this transaction commits or rolls back: the checks that follow
	(one booking per mobile and day, one work order per number) run one request at a time without a lock
	row per key (which would grow a table forever). The checks must read with a locking read (`for update`)
	to see what the request before committed."""
	import hashlib

	name = "govservice:" + hashlib.sha1(key.encode()).hexdigest()
	if not frappe.db.sql("select get_lock(%s, %s)", (name, timeout))[0][0]:
		frappe.throw(_("The service is busy; please try again."), BusyError)

	def release() -> None:
		frappe.db.sql("select release_lock(%s)", name)

	frappe.db.after_commit.add(release)
	frappe.db.after_rollback.add(release)
