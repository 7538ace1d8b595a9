"""Jinja helpers for print formats and portal pages (registered in hooks.jinja)."""

from markupsafe import Markup

# Rich text an administrator wrote in a Text Editor (acceptance conditions and the like): structure only,
# no attributes, so no link, image, style or script survives into a print or a page.
RICH_TEXT_TAGS = frozenset(
	("p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "u", "table", "thead", "tbody", "tr", "th", "td")
)


def gs_rich_text(value: str | None) -> Markup:
	"""`value` reduced to plain structural HTML (paragraphs, lists, tables, emphasis) and marked safe only
	after that; every other tag is dropped and its text escaped."""
	import bleach

	return Markup(bleach.clean(value or "", tags=RICH_TEXT_TAGS, attributes={}, strip=True))
