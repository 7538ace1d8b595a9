"""综合窗口's business categories (业务类别): which windows of which centre serve each, and the categories a
centre offers its hall today. Administrators edit them in the desk (GS Hall Category)."""

import unicodedata

import frappe
from frappe import _

from govservice.domain.hall_rules import PREFIX


class HallCategoryError(frappe.ValidationError):
	pass


def validate_category(doc) -> None:
	"""A category's letter is one capital letter (full-width letters are taken as their ASCII form); its
	windows are windows of their centres, each listed once; its items each once."""
	letter = unicodedata.normalize("NFKC", doc.prefix or "").strip().upper()
	if not PREFIX.match(letter):
		frappe.throw(
			_("The ticket letter is one capital letter, A to Z."), HallCategoryError, title=_("Ticket Letter")
		)
	doc.prefix = letter
	if (doc.service_minutes or 0) < 1:
		doc.service_minutes = 15
	seen = set()
	for row in doc.windows:
		key = (row.service_centre, (row.window_name or "").strip())
		if key in seen:
			frappe.throw(_("Row {0}: this window is listed twice.").format(row.idx), HallCategoryError)
		seen.add(key)
		if key[1] not in centre_windows(row.service_centre):
			frappe.throw(
				_(
					"Row {0}: the centre has no window of this name; add it to the centre's windows first."
				).format(row.idx),
				HallCategoryError,
				title=_("Windows Serving It"),
			)
	items = [row.service_item for row in doc.items]
	if len(items) != len(set(items)):
		frappe.throw(_("A service item is listed twice."), HallCategoryError)


def exact_centre(centre) -> str | None:
	"""The centre's name as stored, if `centre` is exactly it: MariaDB's collation finds 鹤峰县 for "鹤峰县 " or
	"鹤峰县\\x00" too, and a counter keyed by the spelling would start again at 1 (a second A001)."""
	if not isinstance(centre, str) or not centre:
		return None
	stored = frappe.db.get_value("GS Service Centre", centre, "name")
	return stored if stored == centre else None


def centre_windows(centre: str | None) -> list[str]:
	"""The names of a centre's windows, in their order."""
	if not centre:
		return []
	return frappe.get_all(
		"GS Service Window",
		filters={"parent": centre, "parenttype": "GS Service Centre"},
		order_by="idx",
		pluck="window_name",
	)


def window_categories(centre: str, window: str) -> list[str]:
	"""The enabled categories a window serves."""
	return frappe.get_all(
		"GS Hall Category",
		filters={"enabled": 1, "name": ["in", categories_served(centre, window)]},
		order_by="prefix",
		pluck="name",
	)


def categories_served(centre: str, window: str | None = None) -> list[str]:
	filters = {"parenttype": "GS Hall Category", "service_centre": centre}
	if window is not None:
		filters["window_name"] = window
	return sorted(set(frappe.get_all("GS Hall Category Window", filters=filters, pluck="parent")))


def centre_categories(centre: str) -> list[frappe._dict]:
	"""The enabled categories served at a centre, each with its letter, service time and the number of
	windows serving it (for the kiosk and the booking page)."""
	counts: dict[str, int] = {}
	for row in frappe.get_all(
		"GS Hall Category Window",
		filters={"parenttype": "GS Hall Category", "service_centre": centre},
		fields=["parent"],
	):
		counts[row.parent] = counts.get(row.parent, 0) + 1
	if not counts:
		return []
	rows = frappe.get_all(
		"GS Hall Category",
		filters={"enabled": 1, "name": ["in", list(counts)]},
		fields=["name", "category_name", "prefix", "service_minutes", "description"],
		order_by="prefix",
	)
	for row in rows:
		row.windows = counts[row.name]
	return rows


def hall_centres() -> list[frappe._dict]:
	"""Centres with a hall: those where a window serves some category (the kiosk's and booking's choice)."""
	names = sorted(
		set(
			frappe.get_all(
				"GS Hall Category Window", filters={"parenttype": "GS Hall Category"}, pluck="service_centre"
			)
		)
	)
	if not names:
		return []
	return frappe.get_all(
		"GS Service Centre",
		filters={"name": ["in", names]},
		fields=["name", "official_name", "level", "address", "opening_hours"],
		order_by="lft",
	)
