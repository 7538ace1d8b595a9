"""Pure rules behind the portal: the five rating levels and what an upload may be. No Frappe needed."""

from __future__ import annotations

import unittest

from hypothesis import given, settings
from hypothesis import strategies as st

from govservice.domain.rating_rules import RATING_LEVELS, is_bad, summarise
from govservice.domain.upload_rules import (
	MAX_NAME_LENGTH,
	UploadRefused,
	check_upload,
	extension_of,
	safe_filename,
)

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


class TestRatingRules(unittest.TestCase):
	def test_only_dissatisfied_levels_are_bad(self):
		self.assertEqual(
			[level for level in RATING_LEVELS if is_bad(level)], ["Dissatisfied", "Very Dissatisfied"]
		)
		self.assertFalse(is_bad("Basically Satisfied"))
		with self.assertRaises(ValueError):
			is_bad("Excellent")

	def test_summary(self):
		summary = summarise(["Very Satisfied", "Satisfied", "Basically Satisfied", "Dissatisfied"])
		self.assertEqual(summary["total"], 4)
		self.assertEqual(summary["bad"], 1)
		self.assertEqual(summary["satisfaction_rate"], 75.0)
		self.assertEqual(summary["average_score"], 3.5)  # (5 + 4 + 3 + 2) / 4
		self.assertEqual(summarise([])["satisfaction_rate"], 0.0)

	@settings(max_examples=200, deadline=None)
	@given(st.lists(st.sampled_from(RATING_LEVELS), max_size=50))
	def test_summary_invariants(self, levels):
		summary = summarise(levels)
		self.assertEqual(sum(summary["counts"].values()), len(levels))
		self.assertEqual(summary["bad"], sum(1 for level in levels if is_bad(level)))
		if levels:
			self.assertTrue(1 <= summary["average_score"] <= 5)
			self.assertTrue(0 <= summary["satisfaction_rate"] <= 100)


class TestUploadRules(unittest.TestCase):
	def test_accepts_documents_whose_content_matches(self):
		self.assertEqual(check_upload("营业执照.pdf", PDF, 1024), "营业执照.pdf")
		self.assertEqual(check_upload("photo.PNG", PNG, 1024), "photo.png")

	def test_refusals(self):
		cases = {
			("a.pdf", b"", 10): "empty",
			("a.pdf", PDF * 100, 100): "too_large",
			("run.exe", b"MZ\x90\x00", 1024): "type",
			("page.html", b"<html>", 1024): "type",
			("image.svg", b"<svg/>", 1024): "type",
			("noextension", PDF, 1024): "type",
			("fake.pdf", b"<script>alert(1)</script>", 1024): "content",
			("fake.png", PDF, 1024): "content",
		}
		for (name, content, limit), reason in cases.items():
			with self.subTest(name=name), self.assertRaises(UploadRefused) as refused:
				check_upload(name, content, limit)
			self.assertEqual(refused.exception.reason, reason)

	def test_safe_filename(self):
		self.assertEqual(safe_filename("../../etc/passwd.pdf"), "passwd.pdf")
		self.assertEqual(safe_filename("C:\\Users\\me\\身份证 正面.jpg"), "身份证_正面.jpg")
		self.assertEqual(safe_filename("invoice.exe.pdf"), "invoice_exe.pdf")
		self.assertEqual(safe_filename("a\x00b\nc.pdf"), "abc.pdf")
		self.assertEqual(safe_filename("<img src=x onerror=1>.png"), "img_src=x_onerror=1.png")
		self.assertEqual(safe_filename(".pdf"), "material.pdf")

	@settings(max_examples=300, deadline=None)
	@given(st.text(min_size=1, max_size=200), st.sampled_from(["pdf", "jpg", "png"]))
	def test_safe_filename_invariants(self, stem, extension):
		name = safe_filename(f"{stem}.{extension}")
		self.assertLessEqual(len(name), MAX_NAME_LENGTH)
		self.assertEqual(extension_of(name), extension)
		self.assertEqual(name.count("."), 1)
		self.assertFalse(set(name) & set("/\\<>\"'`;&|$\n\r\0"))
