"""Requests in the account holder's name or for someone else, one save per request, who may apply, and
what the applicant hears (SMS through a real local gateway, and portal notifications)."""

import io
from contextlib import contextmanager

import frappe
from frappe.utils import getdate
from werkzeug.test import EnvironBuilder

from govservice.api import portal
from govservice.casework.errors import PortalChangeError
from govservice.citizen_portal.notifications import ensure_applicant_notifications
from govservice.citizen_portal.test_portal import PDF, PortalTestCase
from govservice.citizen_portal.utils import catalogue
from govservice.tests.sms_gateway import LocalGateway
from govservice.tests.utils import make_portal_user, make_service_item, resident_id, use_sms_gateway


@contextmanager
def request_with_files(files: dict[str, tuple[str, bytes]]):
	"""A real multipart request (werkzeug) carrying `files` ({field: (filename, content)}) while a portal
	function runs, as frappe.request is during an HTTP call."""
	data = {field: (io.BytesIO(content), filename) for field, (filename, content) in files.items()}
	builder = EnvironBuilder(method="POST", data=data, base_url="http://govservice-test.localhost/")
	had = hasattr(frappe.local, "request")
	previous = getattr(frappe.local, "request", None)
	frappe.local.request = builder.get_request()
	try:
		yield
	finally:
		if had:
			frappe.local.request = previous
		else:
			del frappe.local.request


class TestFiling(PortalTestCase):
	def test_a_request_is_in_the_account_holders_name_whatever_is_sent(self):
		name = self.submit(self.alice, applicant_name="冒名顶替", id_number=resident_id(901))
		frappe.set_user("Administrator")
		case = frappe.get_doc("GS Case", name)
		profile = frappe.get_doc("GS Portal Profile", {"user": self.alice})
		self.assertEqual((case.applicant_name, case.id_number), (profile.full_name, profile.id_number))
		self.assertFalse(case.filed_by_other)

	def test_filing_for_a_parent_records_both(self):
		name = self.submit(
			self.alice,
			for_other=1,
			applicant_name="张老汉",
			id_number=resident_id(902, birth="19400101"),
			relationship="Father or Mother",
		)
		frappe.set_user("Administrator")
		case = frappe.get_doc("GS Case", name)
		self.assertEqual(case.applicant_name, "张老汉")
		self.assertEqual(case.id_number, resident_id(902, birth="19400101"))
		self.assertTrue(case.filed_by_other)
		profile = frappe.get_doc("GS Portal Profile", {"user": self.alice})
		self.assertEqual((case.filer_name, case.filer_id_number), (profile.full_name, profile.id_number))
		self.assertEqual(case.filer_relationship, "Father or Mother")
		self.assertEqual(case.filer_id_number_masked, "110105********002X")
		html = frappe.get_print("GS Case", name, "GS Entrustment Agreement")
		self.assertIn("张老汉", html)
		self.assertIn(profile.full_name, html)
		self.assertIn("110105********002X", html)

	def test_filing_for_someone_else_needs_the_relationship_and_another_id(self):
		with self.assertRaises(PortalChangeError):
			self.submit(self.alice, for_other=1, applicant_name="张老汉", id_number=resident_id(903))
		profile = frappe.get_doc("GS Portal Profile", {"user": self.alice})
		with self.assertRaises(PortalChangeError):
			self.submit(
				self.alice,
				for_other=1,
				applicant_name="张三",
				id_number=profile.id_number,
				relationship="Neighbour",
			)

	def test_an_individual_cannot_apply_for_a_legal_person_item(self):
		item = make_service_item(
			"T-PORTAL-LEGAL",
			item_name="食品经营许可",
			target="Legal Person",
			handled_at_village=0,
			is_published=1,
			offers_online=1,
		).name
		with self.assertRaises(portal.PortalError):
			self.submit(self.alice, service_item=item)
		enterprise = make_portal_user("legal@portal.test", account_type="Enterprise")
		self.assertTrue(self.submit(enterprise, service_item=item))

	def test_one_save_with_the_files(self):
		with request_with_files({"material-0": ("身份证.pdf", PDF)}):
			name = self.submit(self.alice)
		frappe.set_user("Administrator")
		case = frappe.get_doc("GS Case", name)
		self.assertTrue(case.materials[0].portal_file.startswith("/private/files/"))
		self.assertTrue(case.materials[0].is_received)
		self.assertFalse(case.materials[0].is_verified)
		self.assertFalse(case.materials[1].portal_file)
		# inserted once: no second save, so no change history entry
		self.assertFalse(frappe.db.exists("Version", {"ref_doctype": "GS Case", "docname": name}))
		file = frappe.get_doc("File", {"file_url": case.materials[0].portal_file})
		self.assertEqual((file.attached_to_name, file.is_private), (name, 1))
		note = frappe.db.get_value("GS Work Log", {"gs_case": name, "action": "Registered"}, "description")
		self.assertIn("居民身份证", note)  # the ledger names what arrived with the request

	def test_a_request_cannot_claim_checked_materials_or_others_files(self):
		with request_with_files({"material-0": ("身份证.pdf", PDF)}):
			bobs = self.submit(self.bob)
		frappe.set_user("Administrator")
		bobs_file = frappe.get_doc("GS Case", bobs).materials[0].portal_file
		for rows in (
			[{"material_name": "居民身份证", "is_verified": 1}, {"material_name": "户口簿"}],
			[{"material_name": "居民身份证", "is_received": 1}, {"material_name": "户口簿"}],
			[
				{"material_name": "居民身份证", "portal_file": bobs_file, "is_received": 1},
				{"material_name": "户口簿"},
			],
			[{"material_name": "任意材料"}],
		):
			frappe.set_user(self.alice)
			case = frappe.get_doc(
				{
					"doctype": "GS Case",
					"applicant_type": "Individual",
					"applicant_name": "张三",
					"phone": "13900000000",
					"service_item": self.item,
					"service_centre": self.town,
					"agent": self.agent,
					"materials": rows,
				}
			)
			with self.assertRaises(PortalChangeError, msg=rows):
				case.insert(ignore_permissions=True)

	def test_a_refused_file_stores_nothing(self):
		before = frappe.db.count("GS Case")
		with request_with_files({"material-0": ("x.pdf", b"<html><script></script>")}):
			with self.assertRaises(portal.PortalError):
				self.submit(self.alice)
		self.assertEqual(frappe.db.count("GS Case"), before)

	def test_everyday_words_find_items(self):
		make_service_item(
			"T-PORTAL-DIBAO",
			item_name="最低生活保障审核确认",
			search_keywords="低保\n最低生活保障金",
			is_published=1,
			offers_proxy=1,
		)
		codes = [item.item_code for item in catalogue(q="低保")]
		self.assertIn("T-PORTAL-DIBAO", codes)
		self.assertIn("T-PORTAL-DIBAO", [item.item_code for item in catalogue(q="办低保")])
		self.assertNotIn("T-PORTAL-DIBAO", [item.item_code for item in catalogue(q="营业执照")])


class TestApplicantHearsBack(PortalTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.gateway = LocalGateway().__enter__()
		use_sms_gateway(cls.gateway.url)
		ensure_applicant_notifications()
		cls.carol = make_portal_user("carol@portal.test", phone="13900000077", id_number=resident_id(977))

	@classmethod
	def tearDownClass(cls):
		cls.gateway.__exit__(None, None, None)
		super().tearDownClass()

	def texts(self, phone: str) -> list[str]:
		return [m["text"] for m in self.gateway.messages if m["to"] == phone]

	def portal_messages(self, user: str, case: str) -> list[str]:
		return frappe.get_all(
			"Notification Log",
			filters={"for_user": user, "document_name": case},
			pluck="subject",
			order_by="creation asc",
		)

	def test_acceptance_notice_completion_result_and_rectification(self):
		phone = "13900000077"
		name = self.submit(self.carol, phone=phone)
		self.act(name, "Request Materials")
		self.assertIn("需补齐材料", self.texts(phone)[-1])
		self.assertIn("户口簿", self.texts(phone)[-1])
		self.receive_all(name)
		self.act(name, "Materials Supplied")
		frappe.clear_messages()
		self.act(name, "Accept")
		self.assertIn("已受理", self.texts(phone)[-1])
		# the clerk who accepted gets no "SMS sent successfully" dialog
		self.assertEqual(frappe.message_log, [])
		self.assertIn(name, self.texts(phone)[-1])
		self.act(name, "Start Handling")
		self.act(name, "Complete")
		self.assertIn("已办结", self.texts(phone)[-1])
		frappe.db.set_value(
			"GS Case", name, "address", "鹤峰县容美镇民族路1号"
		)  # EMS goes to the recorded address
		frappe.set_user(self.agent_user)
		frappe.get_doc("GS Case", name).announce_result("EMS", "EA123456789CN")
		self.assertIn("EA123456789CN", self.texts(phone)[-1])
		frappe.set_user("Administrator")
		subjects = self.portal_messages(self.carol, name)
		self.assertEqual(len(subjects), 4, subjects)
		self.assertTrue(any("已受理" in s for s in subjects))
		self.assertTrue(any("已寄出" in s for s in subjects))

		frappe.set_user(self.carol)
		result = portal.rate_request(name, "Dissatisfied", "材料要求没有一次说清")
		frappe.set_user("Administrator")
		rectification = frappe.get_doc("GS Rectification", result["rectification"])
		self.assertEqual(rectification.applicant_phone, phone)
		rectification.outcome = "已约谈窗口负责人，一次性告知清单已更新。"
		rectification.status = "Completed"
		rectification.save()
		self.assertIn("一次性告知清单已更新", self.texts(phone)[-1])

	def test_texts_say_what_the_notice_says_with_chinese_dates(self):
		"""The one-time notice's text lists what the notice asks for (not the optional materials), dates read
		2026年12月14日, a reason typed with its own full stop does not end the text in "。。", and accepting
		marks the materials received as checked on the portal."""
		item = make_service_item(
			"T-PORTAL-OPTIONAL",
			item_name="残疾人两项补贴申领",
			handled_at_village=0,
			is_published=1,
			offers_online=1,
			materials=[
				{"material_name": "居民身份证", "is_required": 1},
				{"material_name": "户口簿", "is_required": 1},
				{"material_name": "残疾人证", "is_required": 0},
			],
		).name
		phone = "13900000078"
		name = self.submit(self.carol, phone=phone, service_item=item)
		self.act(name, "Request Materials")
		text = self.texts(phone)[-1]
		self.assertIn("居民身份证、户口簿。", text)
		self.assertNotIn("残疾人证", text)
		frappe.set_user("Administrator")
		case = frappe.get_doc("GS Case", name)
		for row in case.materials:
			row.is_received = int(row.is_required)
		case.save()
		self.act(name, "Materials Supplied")
		self.act(name, "Accept")
		text = self.texts(phone)[-1]
		deadline = getdate(frappe.db.get_value("GS Case", name, "deadline_date"))
		self.assertIn(f"{deadline.year}年{deadline.month}月{deadline.day}日前办结", text)
		self.assertNotIn(str(deadline), text)
		received = {
			row.material_name: row.is_verified
			for row in frappe.get_doc("GS Case", name).materials
			if row.is_received
		}
		self.assertEqual(received, {"居民身份证": 1, "户口簿": 1})

		other = self.submit(self.carol, phone=phone, service_item=item)
		frappe.set_user("Administrator")
		case = frappe.get_doc("GS Case", other)
		case.not_accepted_reason = "不符合申领条件。"
		case.save()
		self.act(other, "Reject")
		self.assertTrue(self.texts(phone)[-1].endswith("不符合申领条件。"))
		self.assertNotIn("。。", self.texts(phone)[-1])

	def test_administrators_edit_the_wording(self):
		phone = "13900000077"
		notification = frappe.get_doc("Notification", "申请人短信：已受理")
		notification.message = "【测试】{{ doc.name }}已受理，请留意。"
		notification.save()  # as an administrator does in the desk
		try:
			name = self.submit(self.carol, phone=phone)
			self.receive_all(name)
			self.act(name, "Accept")
			self.assertEqual(self.texts(phone)[-1], f"【测试】{name}已受理，请留意。")
		finally:
			frappe.set_user("Administrator")
			frappe.delete_doc("Notification", "申请人短信：已受理", force=True)
			frappe.db.set_single_value("GS Settings", "applicant_notifications_created", 0)
			ensure_applicant_notifications()

	def test_a_landline_gets_no_text(self):
		name = self.submit(self.carol, phone="0718-8230000")
		self.receive_all(name)
		before = len(self.gateway.messages)
		self.act(name, "Accept")
		self.assertEqual(len(self.gateway.messages), before)
		self.assertTrue(self.portal_messages(self.carol, name))
