from pathlib import Path

import frappe
from babel.messages.pofile import read_po

from govservice.tests.utils import FrappeTestCase

LOCALE = Path(__file__).resolve().parent.parent / "locale"


class TestTranslations(FrappeTestCase):
	def test_every_source_string_has_a_chinese_translation(self):
		with open(LOCALE / "main.pot", "rb") as f:
			source = {m.id for m in read_po(f) if m.id}
		with open(LOCALE / "zh.po", "rb") as f:
			translated = {m.id for m in read_po(f) if m.id and m.string}
		self.assertFalse(source - translated, "strings without a zh translation")
		self.assertGreater(len(source), 150)

	def test_chinese_users_see_glossary_terms(self):
		for english, chinese in (
			("Service Guide", "办事指南"),
			("Promised Time Limit (Working Days)", "承诺办结时限(工作日)"),
			("Deferred Allowed (容缺)", "可容缺"),
			("GS Service Item", "政务服务事项"),
			("Proxy Service Item List", "代办事项清单"),
		):
			self.assertEqual(frappe._(english, lang="zh"), chinese)


def source_strings() -> set[str]:
	"""User-facing strings of the app: DocType labels, options and descriptions, and _("…") in code."""
	import json
	import re

	app = LOCALE.parent
	found: set[str] = set()
	for path in app.rglob("doctype/*/*.json"):
		meta = json.loads(path.read_text())
		for field in meta.get("fields", []):
			found.update(filter(None, (field.get("label"), field.get("description"))))
			if field.get("fieldtype") == "Select":
				found.update(filter(None, (field.get("options") or "").split("\n")))
	for pattern, suffixes in (
		(r'(?<![\w.])_\(\s*"((?:[^"\\]|\\.)+)"', (".py", ".html")),
		# report columns declared with their label (the label is translated when the column is made)
		(r'(?<![\w.])column\(\s*"((?:[^"\\]|\\.)+)"', (".py",)),
		(r'__\(\s*"((?:[^"\\]|\\.)+)"', (".js",)),
	):
		for suffix in suffixes:
			for path in app.rglob(f"*{suffix}"):
				if "tests" in path.parts or "dist" in path.parts or path.name.startswith("test_"):
					continue
				found.update(re.findall(pattern, path.read_text()))
	return {s for s in found if not s.startswith("GS-")}


class TestSourceStringsAreTranslated(FrappeTestCase):
	def test_code_and_doctype_strings_are_in_zh_po(self):
		with open(LOCALE / "zh.po", "rb") as f:
			translated = {m.id for m in read_po(f) if m.id and m.string}
		missing = sorted(source_strings() - translated)
		self.assertEqual(missing, [], "add these to govservice/locale/main.pot and zh.po")
