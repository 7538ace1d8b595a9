import io

import frappe
from pypdf import PdfReader

from govservice.api.printing import download_pdf, render_pdf
from govservice.casework.doctype.gs_case.test_gs_case import CaseTestCase
from govservice.printing.pdf import fast_subsetting_available
from govservice.tests.utils import VALID_ID_NUMBER


def pdf_text(content: bytes) -> str:
	return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).replace(" ", "")


class TestCasePrints(CaseTestCase):
	def setUp(self):
		self.lang = frappe.local.lang
		frappe.local.lang = "zh"

	def tearDown(self):
		frappe.local.lang = self.lang

	def test_fonts_are_subset_by_harfbuzz(self):
		# installed by the setup script (libharfbuzz-subset0); without it PDFs take seconds per page
		self.assertTrue(fast_subsetting_available())

	def test_agreement_pdf_has_chinese_text_and_a_masked_id(self):
		case = self.receive(self.new_case(applicant_name="李桂英"))
		case = self.act(case, "Accept")
		content = render_pdf("GS Case", case.name, "GS Entrustment Agreement")
		self.assertTrue(content.startswith(b"%PDF"))
		text = pdf_text(content)
		for phrase in ("委托代办协议书", "李桂英", "高龄津贴申领", "110105********002X", "委托人(签字)"):
			self.assertIn(phrase, text)
		self.assertNotIn(VALID_ID_NUMBER, text)

	def test_notice_termination_and_non_acceptance_prints(self):
		case = self.receive(self.new_case(), "居民身份证")
		case = self.act(case, "Request Materials")
		notice = frappe.get_all("GS One-Time Notice", filters={"gs_case": case.name}, pluck="name")[0]
		text = pdf_text(render_pdf("GS One-Time Notice", notice, "GS One-Time Notice"))
		for phrase in ("一次性告知书", "户口簿", "银行卡"):
			self.assertIn(phrase, text)

		rejected = self.new_case()
		rejected.not_accepted_reason = "申请人不符合高龄津贴年龄条件"
		rejected.save()
		rejected = self.act(rejected, "Reject")
		text = pdf_text(render_pdf("GS Case", rejected.name, "GS Not Accepted Notice"))
		self.assertIn("不予受理通知书", text)
		self.assertIn("申请人不符合高龄津贴年龄条件", text)

		ended = self.receive(self.new_case())
		ended.terminated_by = "Applicant"
		ended.termination_reason = "申请人已自行办理"
		ended.materials_returned = 1
		ended.save()
		ended = self.act(ended, "Terminate")
		text = pdf_text(render_pdf("GS Case", ended.name, "GS Termination Record"))
		for phrase in ("终止委托记录", "申请人已自行办理", "居民身份证"):
			self.assertIn(phrase, text)

	def test_download_needs_print_permission(self):
		case = self.new_case()
		other_user = frappe.db.get_value("GS Agent", self.other_agent, "user")
		frappe.set_user(other_user)
		try:
			with self.assertRaises(frappe.PermissionError):
				download_pdf("GS Case", case.name, "GS Service Contact Card")
		finally:
			frappe.set_user("Administrator")
		response = download_pdf("GS Case", case.name, "GS Service Contact Card")
		self.assertIn("代办服务联系卡", pdf_text(response.data))
		# saved under what it is, not only the record's number
		self.assertIn(f"-{case.name}.pdf", response.headers["Content-Disposition"])
		self.assertIn("filename*=UTF-8''", response.headers["Content-Disposition"])
		with self.assertRaises(frappe.ValidationError):
			download_pdf("GS Case", case.name, "GS Service Guide")
