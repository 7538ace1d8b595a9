"""Every PDF the site makes goes through here: WeasyPrint with CJK fonts and the safe URL fetcher.

Frappe v15 renders a print format to HTML (`/printview`) and hands that HTML to a PDF generator. The
`pdf_generator` hook points at :func:`pdf_generator`, and `govservice.security.requests` selects it for the
desk's PDF endpoints, so the desk's PDF button, multi-document PDFs and the app's own endpoints share
one renderer: no wkhtmltopdf, no resource outside `data:` URIs and the bundled assets.
"""

import io
import os

import frappe

from govservice.printing.pdf import html_to_pdf

GENERATOR = "govservice"


def assets_root() -> str:
	"""The bench's `sites/assets` folder (built JS/CSS and fonts of the installed apps)."""
	return os.path.abspath(os.path.join(frappe.local.sites_path or ".", "assets"))


def wrap_body(body: str) -> str:
	"""A complete HTML document in the session's language around a rendered template body."""
	lang = frappe.local.lang or "zh"
	return f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"></head><body>{body}</body></html>'


def pdf_from_html(html: str) -> bytes:
	"""PDF bytes of a complete HTML document, fetching nothing but inline and bundled resources."""
	return html_to_pdf(html, assets_root=assets_root())


def pdf_generator(
	print_format: str | None = None,
	html: str | None = None,
	options: dict | None = None,
	output=None,
	pdf_generator: str | None = None,
):
	"""Frappe's `pdf_generator` hook: render the print view's HTML with WeasyPrint.

	Returns None for another generator's name, so Frappe (or another app) handles it. With `output` (a
	pypdf PdfWriter, when several documents go into one PDF) the pages are appended to it.
	"""
	if pdf_generator != GENERATOR or html is None:
		return None
	content = pdf_from_html(html)
	if output is None:
		return content
	from pypdf import PdfReader

	output.append_pages_from_reader(PdfReader(io.BytesIO(content)))
	return output
