"""Helpers shared across govservice modules."""

import frappe
from frappe import _

from govservice.domain.identity import (
	is_valid_phone,
	is_valid_resident_id,
	is_valid_unified_credit_code,
	normalise,
)


def checked_resident_id(value: str | None, error: type[Exception]) -> str:
	"""The normalised resident ID number (GB 11643), or `error` thrown with a message saying what to check."""
	value = normalise(value or "")
	if not is_valid_resident_id(value):
		frappe.throw(
			_("{0} is not a valid resident ID number; check the 18 characters and the check digit.").format(
				value
			),
			error,
			title=_("Resident ID Number"),
		)
	return value


def checked_credit_code(value: str | None, error: type[Exception]) -> str:
	"""The normalised unified social credit code (GB 32100), or `error` thrown with what to check."""
	value = normalise(value or "")
	if not is_valid_unified_credit_code(value):
		frappe.throw(
			_("{0} is not a valid unified social credit code; check the 18 characters.").format(value),
			error,
			title=_("Unified Social Credit Code"),
		)
	return value


def check_phone(value: str | None, error: type[Exception], title: str) -> None:
	"""`error` thrown unless `value` is a mobile number of 11 digits or a landline with its area code."""
	if not is_valid_phone(value or ""):
		frappe.throw(
			_(
				"{0} is not a valid phone number: a mobile number of 11 digits or a landline with its area code."
			).format(value),
			error,
			title=title,
		)


def bulk_insert_docs(doctype: str, rows: list[dict], now, chunk_size: int = 10000) -> None:
	"""Insert many records of `doctype` in a few multi-row INSERTs (one per `chunk_size` rows).

	For system-written rows (ledgers, notifications) where per-document hooks are not wanted: every row gets
	a random name and Administrator as owner; all rows must have the same keys.
	"""
	if not rows:
		return
	fields = list(rows[0])
	frappe.db.bulk_insert(
		doctype,
		fields=["name", "creation", "modified", "owner", "modified_by", *fields],
		values=[
			(
				frappe.generate_hash(length=12),
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
