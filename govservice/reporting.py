"""One way for the app's reports to declare their columns and read their filters.

Columns: `column(label, fieldname, fieldtype, width, options)` — one line a column, the label an English
source string translated into the reader's language when the report runs (the labels are in the app's
translation files like every other string).

Filters: `read_filters(filters, *specs)` reads what a client sent against the report's declared filters
(`DateFilter`, `SelectFilter`, `LinkFilter`, `IntFilter`): a value a client sends reaches a query, so it is
hostile until read — a date must be a date, a choice one of the declared choices, a link a short name, a
number a number within bounds, a period must not end before it starts. Anything else is refused with a
message in the reader's language; a filter not declared is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import frappe
from frappe import _
from frappe.utils import cint

NAME_LENGTH = 140
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def column(
	label: str, fieldname: str, fieldtype: str = "Data", width: int = 110, options: str | None = None
) -> dict:
	"""A report column with its label in the reader's language."""
	return {
		"label": _(label),
		"fieldname": fieldname,
		"fieldtype": fieldtype,
		"width": width,
		"options": options,
	}


@dataclass(frozen=True)
class DateFilter:
	fieldname: str
	label: str
	default: Callable[[], date] | None = None

	def read(self, value) -> date | None:
		if value in (None, ""):
			return self.default() if self.default else None
		day = client_date(value)
		if day is None:
			refuse(self.label)
		return day


def client_date(value) -> date | None:
	"""A date a client sent (a date, or an ISO date string, full-width digits allowed), or None. Only an ISO
	date: Frappe's getdate answers an unparsable value with a message that repeats it, markup and all."""
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	text = unicodedata.normalize("NFKC", str(value or "")).strip()[:10]
	if not ISO_DATE.fullmatch(text):
		return None
	try:
		return date.fromisoformat(text)
	except ValueError:
		return None


@dataclass(frozen=True)
class SelectFilter:
	fieldname: str
	label: str
	choices: tuple[str, ...]
	default: str | None = None

	def read(self, value) -> str | None:
		if value in (None, ""):
			return self.default
		if value not in self.choices:
			refuse(self.label)
		return value


@dataclass(frozen=True)
class LinkFilter:
	"""A record's name. Whether the reader may see the record is the report's query's business (it reads
	through the reader's permissions), not the filter's: the filter answers the same for an unreadable name
	as for a missing one."""

	fieldname: str
	label: str

	def read(self, value) -> str | None:
		if value in (None, ""):
			return None
		if not isinstance(value, str) or len(value) > NAME_LENGTH:
			refuse(self.label)
		return value.strip() or None


@dataclass(frozen=True)
class IntFilter:
	fieldname: str
	label: str
	default: int = 0
	minimum: int = 0
	maximum: int = 1_000_000

	def read(self, value) -> int:
		if value in (None, ""):
			return self.default
		if isinstance(value, bool) or not str(value).strip().lstrip("-").isdigit():
			refuse(self.label)
		return min(max(cint(value), self.minimum), self.maximum)


def refuse(label: str):
	frappe.throw(
		_("The filter {0} has a value the report cannot use.").format(_(label)), frappe.ValidationError
	)


def read_filters(filters: dict | str | None, *specs, period: tuple[str, str] | None = None) -> frappe._dict:
	"""The report's filters as declared, each value read by its spec. `period`: the two date filters that
	make a period, refused when it ends before it starts."""
	if isinstance(filters, str):
		filters = frappe.parse_json(filters)
	sent = filters if isinstance(filters, dict) else {}
	values = frappe._dict({spec.fieldname: spec.read(sent.get(spec.fieldname)) for spec in specs})
	if period:
		start, end = (values.get(name) for name in period)
		if start and end and end < start:
			frappe.throw(_("The period ends before it begins."), frappe.ValidationError)
	return values
