"""Jinja helpers for print formats and portal pages (registered in hooks.jinja)."""

from markupsafe import Markup

# Rich text an administrator wrote in a Text Editor (acceptance conditions and the like): structure only,
# no attributes, so no link, image, style or script survives into a print or a page.
RICH_TEXT_TAGS = frozenset(
	("p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "u", "table", "thead", "tbody", "tr", "th", "td")
)


def clean_rich_text(value: str | None) -> str:
	"""`value` reduced to plain structural HTML (paragraphs, lists, tables, emphasis): every other tag is
	dropped and its text escaped, no attribute is kept."""
	import bleach

	return bleach.clean(value or "", tags=RICH_TEXT_TAGS, attributes={}, strip=True)


def gs_rich_text(value: str | None) -> Markup:
	"""`clean_rich_text(value)`, marked safe only after that."""
	return Markup(clean_rich_text(value))


def gs_date(value, lang: str | None = None) -> str:
	"""A date as Chinese official documents write it (2026年12月14日); the site's format in other languages.
	`lang`: the text's language when it is fixed (a Chinese text message), not the reader's."""
	import frappe
	from frappe.utils import formatdate, getdate

	if not value:
		return ""
	day = getdate(value)
	if (lang or frappe.local.lang or "").startswith("zh"):
		return f"{day.year}年{day.month}月{day.day}日"
	return formatdate(day)


def gs_department(name: str | None) -> str:
	"""A department as people name it (县民政局), without the company suffix ERPNext adds to its name."""
	import frappe

	if not name:
		return ""
	return frappe.db.get_value("Department", name, "department_name") or name


def gs_centre(name: str | None) -> str:
	"""A service centre as its documents head it (鹤峰县政务服务中心): its official name."""
	import frappe

	if not name:
		return ""
	return frappe.db.get_value("GS Service Centre", name, "official_name") or name


CLAUSE_END = "。.；;，,、!！?？ \n"


def gs_clause(text: str | None) -> str:
	"""A phrase someone typed, put inside a sentence of the app's: without its own closing punctuation, so
	that a text never ends in "。。"."""
	return (text or "").strip().rstrip(CLAUSE_END)


def notice_materials(case: str | None) -> list[str]:
	"""What the case's latest one-time notice asks for, as the notice lists it (not every material the
	applicant has not handed in: optional ones are not asked for)."""
	import frappe

	if not case:
		return []
	notice = frappe.db.get_value("GS One-Time Notice", {"gs_case": case}, "name", order_by="creation desc")
	if not notice:
		return []
	return frappe.get_all(
		"GS Notice Material",
		filters={"parent": notice, "parenttype": "GS One-Time Notice"},
		pluck="material_name",
		order_by="idx asc",
	)


def gs_notice_materials(case: str | None) -> str:
	"""`notice_materials` for a text: 居民身份证、户口簿."""
	return "、".join(notice_materials(case))
