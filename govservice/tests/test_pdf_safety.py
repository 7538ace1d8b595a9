"""PDFs never read the server's files or call a URL, whatever a template carries.

A listener on 127.0.0.1 stands for any service the server can reach; it must stay silent while PDFs are
rendered from markup that points at it and at local files.
"""

import http.server
import io
import threading

import frappe
from pypdf import PdfReader

from govservice.api.printing import PrintError, complaint_ledger_pdf, render_pdf
from govservice.printing.pdf import ASSETS_URL, bundled_asset_path, html_to_pdf
from govservice.tests.utils import FrappeTestCase, make_agent, make_case, make_centre, make_service_item


class Listener(http.server.BaseHTTPRequestHandler):
	hits: list[str] = []

	def do_GET(self):
		Listener.hits.append(self.path)
		self.send_response(200)
		self.send_header("Content-Type", "text/plain")
		self.end_headers()
		self.wfile.write(b"SECRET-FROM-LISTENER")

	def log_message(self, *args):
		pass


def hostile_markup(port: int) -> str:
	return (
		'<link rel="attachment" href="file:///etc/passwd">'
		f'<link rel="attachment" href="http://127.0.0.1:{port}/attachment">'
		f'<link rel="stylesheet" href="http://127.0.0.1:{port}/style.css">'
		f'<img src="http://127.0.0.1:{port}/image.png">'
		'<img src="file:///etc/hostname">'
		f"<style>@import url(http://127.0.0.1:{port}/import.css);</style>"
		f'<div style="background: url(http://127.0.0.1:{port}/background.png)">x</div>'
	)


def pdf_text(content: bytes) -> str:
	return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


class TestPdfSafety(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Listener)
		cls.port = cls.server.server_address[1]
		cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
		cls.thread.start()

	@classmethod
	def tearDownClass(cls):
		cls.server.shutdown()
		super().tearDownClass()

	def setUp(self):
		Listener.hits.clear()

	def assert_safe(self, content: bytes) -> None:
		self.assertTrue(content.startswith(b"%PDF"))
		self.assertEqual(Listener.hits, [], "the PDF renderer called a URL")
		self.assertNotIn(b"/EmbeddedFile", content)
		self.assertNotIn(b"root:x:0:0", content)
		self.assertNotIn(b"SECRET-FROM-LISTENER", content)

	def test_renderer_fetches_no_file_and_no_url(self):
		self.assert_safe(html_to_pdf(f"<html><body><p>办件</p>{hostile_markup(self.port)}</body></html>"))

	def test_a_hostile_applicant_name_is_printed_as_text(self):
		centre = make_centre("PDF安全县", "County")
		agent = make_agent("pdf.agent@test.govservice", centre)
		make_service_item("PDF-SAFE")
		name = f'王五<link rel="attachment" href="http://127.0.0.1:{self.port}/x">'  # fits a name field
		case = make_case(
			"PDF-SAFE", centre, agent.name, applicant_name=name, address=hostile_markup(self.port)
		)
		frappe.local.lang = "zh"
		content = render_pdf("GS Case", case.name, "GS Entrustment Agreement")
		self.assert_safe(content)
		self.assertIn("＜link", pdf_text(content))  # typed text is plain text: shown, not obeyed

	def test_ledger_refuses_markup_as_a_department(self):
		for department in (hostile_markup(self.port), "不存在的部门"):
			with self.assertRaises(PrintError):
				complaint_ledger_pdf("2026-01-01", "2026-01-31", department)
		self.assertEqual(Listener.hits, [])

	def test_only_bundled_assets_are_served(self):
		root = frappe.local.sites_path + "/assets"
		self.assertIsNone(bundled_asset_path(ASSETS_URL + "../../site_config.json", root))
		self.assertIsNone(bundled_asset_path(ASSETS_URL + "frappe/%2e%2e/x.css", root))
		self.assertIsNone(bundled_asset_path("file:///etc/passwd", root))
		self.assertIsNone(bundled_asset_path(f"http://127.0.0.1:{self.port}/assets/x.css", root))
		self.assertIsNone(
			bundled_asset_path(ASSETS_URL + "assets.json", root)
		)  # not a stylesheet, font or image
