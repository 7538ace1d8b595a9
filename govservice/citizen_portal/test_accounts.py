"""Phone-first accounts: codes texted through a real local SMS gateway, sign-up with real-name identity,
log-in by code, password reset, limits, and codes that are never kept."""

import re
import time

import frappe

from govservice.api import account
from govservice.citizen_portal import sms
from govservice.tests.sms_gateway import LocalGateway
from govservice.tests.utils import FrappeTestCase, make_user, resident_id, use_sms_gateway

PASSWORD = "Portal-Test-2026x"
# one run's numbers and ID serials, unlike those of earlier runs on the same site
SERIAL = int(time.time()) % 100000


class AccountTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.gateway = LocalGateway().__enter__()
		use_sms_gateway(cls.gateway.url)
		frappe.db.set_single_value(
			"GS Settings",
			{
				"allow_portal_signup": 1,
				"sms_code_minutes": 5,
				"sms_code_attempts": 3,
				"sms_code_gap_seconds": 60,
				"sms_codes_per_number_per_hour": 5,
				"sms_codes_per_ip_per_hour": 0,
			},
		)
		cls.serial = SERIAL

	@classmethod
	def tearDownClass(cls):
		cls.gateway.__exit__(None, None, None)
		super().tearDownClass()

	def setUp(self):
		frappe.set_user("Guest")
		frappe.local.request_ip = "127.0.0.1"
		frappe.cache.delete_keys("govservice:sms-code:")

	def tearDown(self):
		frappe.set_user("Administrator")
		super().tearDown()

	def phone(self, n: int) -> str:
		return f"139{self.serial:05d}{n:03d}"

	def code_sent_to(self, phone: str) -> str:
		texts = [m["text"] for m in self.gateway.messages if m["to"] == phone]
		self.assertTrue(texts, f"no text message reached {phone}")
		return re.search(r"\b(\d{6})\b", texts[-1]).group(1)

	def sign_up(self, phone: str, id_number: str, **fields) -> dict:
		account.send_code(phone, "signup")
		values = {
			"phone": phone,
			"code": self.code_sent_to(phone),
			"full_name": "王小明",
			"id_number": id_number,
			"password": PASSWORD,
		}
		values.update(fields)
		return account.sign_up(**values)


class TestSignUp(AccountTestCase):
	def test_sign_up_with_the_code_texted_to_the_number(self):
		phone, id_number = self.phone(1), resident_id(self.serial % 1000 + 1)
		frappe.local.lang = "zh"  # a citizen's browser in Chinese
		try:
			result = self.sign_up(phone, id_number)
		finally:
			frappe.local.lang = "en"
		user = result["user"]
		self.assertEqual(user, f"{phone}@phone.invalid")
		self.assertEqual(frappe.db.get_value("User", user, "mobile_no"), phone)
		self.assertIn("GS Portal User", frappe.get_roles(user))
		self.assertEqual(frappe.db.get_value("User", user, "user_type"), "Website User")
		profile = frappe.get_doc("GS Portal Profile", {"user": user})
		self.assertEqual((profile.full_name, profile.id_number, profile.phone), ("王小明", id_number, phone))
		self.assertTrue(profile.phone_verified_on)
		# no e-mail address: nothing is mailed to the placeholder
		self.assertEqual(frappe.db.get_value("Notification Settings", user, "enable_email_notifications"), 0)
		text = [m["text"] for m in self.gateway.messages if m["to"] == phone][-1]
		self.assertIn("验证码", text)

	def test_a_code_works_once(self):
		phone = self.phone(2)
		self.sign_up(phone, resident_id(self.serial % 1000 + 2))
		with self.assertRaises(sms.CodeError):
			account.sign_up(
				phone=phone,
				code=self.code_sent_to(phone),
				full_name="王小明",
				id_number=resident_id(self.serial % 1000 + 3),
				password=PASSWORD,
			)

	def test_identity_is_checked(self):
		phone = self.phone(4)
		account.send_code(phone, "signup")
		with self.assertRaises(account.AccountError):
			account.sign_up(phone, self.code_sent_to(phone), "王小明", "11010519491231002Y", PASSWORD)

	def test_one_account_per_number_and_per_person_in_the_same_words(self):
		phone, id_number = self.phone(5), resident_id(self.serial % 1000 + 5)
		self.sign_up(phone, id_number)
		frappe.set_user("Guest")
		frappe.cache.delete_keys("govservice:sms-code:")
		messages = set()
		for other_phone, other_id in (
			(phone, resident_id(self.serial % 1000 + 6)),
			(self.phone(6), id_number),
		):
			frappe.cache.delete_keys("govservice:sms-code:")
			with self.assertRaises(account.AccountError):
				self.sign_up(other_phone, other_id)
			messages.add(frappe.message_log[-1].get("message") if frappe.message_log else "")
			frappe.clear_messages()
		self.assertEqual(len(messages), 1)

	def test_weak_password_is_refused_before_the_code_is_spent(self):
		phone = self.phone(7)
		account.send_code(phone, "signup")
		code = self.code_sent_to(phone)
		with self.assertRaises(account.AccountError):
			account.sign_up(phone, code, "王小明", resident_id(self.serial % 1000 + 7), "12345678")
		account.sign_up(phone, code, "王小明", resident_id(self.serial % 1000 + 7), PASSWORD)

	def test_a_wrong_credit_code_or_a_weak_new_password_does_not_spend_the_code(self):
		phone = self.phone(9)
		account.send_code(phone, "signup")
		code = self.code_sent_to(phone)
		values = {
			"full_name": "王小明",
			"id_number": resident_id(self.serial % 1000 + 9),
			"password": PASSWORD,
			"account_type": "Enterprise",
			"enterprise_name": "鹤峰县测试有限公司",
		}
		with self.assertRaises(account.AccountError):  # a wrong check character
			account.sign_up(phone, code, credit_code="91350100M000100Y44", **values)
		account.sign_up(phone, code, credit_code="91350100M000100Y43", **values)  # the same code
		frappe.set_user("Guest")
		frappe.cache.delete_keys("govservice:sms-code:sent")
		account.send_code(phone, "reset")
		code = self.code_sent_to(phone)
		with self.assertRaises(account.AccountError):
			account.reset_password(phone, code, "12345678")
		account.reset_password(phone, code, "Stronger-Password-2026")

	def test_enterprise_account(self):
		phone = self.phone(8)
		result = self.sign_up(
			phone,
			resident_id(self.serial % 1000 + 8),
			account_type="Enterprise",
			enterprise_name="鹤峰县测试有限公司",
			credit_code="91350100M000100Y43",
			email=f"ent{self.serial}@example.com",
		)
		self.assertEqual(result["user"], f"ent{self.serial}@example.com")
		profile = frappe.get_doc("GS Portal Profile", {"user": result["user"]})
		self.assertEqual(profile.enterprise_name, "鹤峰县测试有限公司")


class TestCodes(AccountTestCase):
	def test_wrong_guesses_spend_the_code(self):
		phone = self.phone(11)
		account.send_code(phone, "signup")
		code = self.code_sent_to(phone)
		wrong = f"{(int(code) + 1) % 1000000:06d}"
		for _attempt in range(3):
			with self.assertRaises(sms.CodeError):
				sms.verify_code(phone, "signup", wrong)
		with self.assertRaises(sms.CodeError):  # the right code no longer works either
			sms.verify_code(phone, "signup", code)

	def test_codes_expire(self):
		phone = self.phone(12)
		account.send_code(phone, "signup")
		code = self.code_sent_to(phone)
		key = sms._cache_key("code", "signup", phone)
		stored = frappe.cache.get_value(key, expires=True)
		stored["expires_at"] = time.time() - 1
		frappe.cache.set_value(key, stored, expires_in_sec=60)
		with self.assertRaises(sms.CodeError):
			sms.verify_code(phone, "signup", code)

	def test_a_code_is_for_one_purpose(self):
		phone = self.phone(13)
		account.send_code(phone, "signup")
		with self.assertRaises(sms.CodeError):
			sms.verify_code(phone, "login", self.code_sent_to(phone))

	def test_sends_are_limited_per_number_and_per_address(self):
		phone = self.phone(14)
		account.send_code(phone, "signup")
		with self.assertRaises(sms.SMSRateLimitError):
			account.send_code(phone, "signup")  # within the gap
		frappe.db.set_single_value("GS Settings", {"sms_code_gap_seconds": 0, "sms_codes_per_ip_per_hour": 3})
		try:
			account.send_code(self.phone(15), "signup")
			account.send_code(self.phone(16), "signup")
			with self.assertRaises(sms.SMSRateLimitError):  # a fourth number from the same address
				account.send_code(self.phone(17), "signup")
			frappe.local.request_ip = "10.0.0.9"
			account.send_code(self.phone(17), "signup")
		finally:
			frappe.db.set_single_value(
				"GS Settings", {"sms_code_gap_seconds": 60, "sms_codes_per_ip_per_hour": 0}
			)

	def test_codes_are_kept_nowhere(self):
		phone = self.phone(18)
		sms_logs = frappe.db.count("SMS Log")
		account.send_code(phone, "signup")
		code = self.code_sent_to(phone)
		self.assertEqual(frappe.db.count("SMS Log"), sms_logs)
		stored = frappe.cache.get_value(sms._cache_key("code", "signup", phone), expires=True)
		self.assertNotIn(code, repr(stored))
		for doctype, field in (("Error Log", "error"), ("SMS Log", "message"), ("Comment", "content")):
			self.assertFalse(frappe.db.exists(doctype, {field: ("like", f"%{code}%")}))

	def test_a_gateway_failure_is_logged_without_the_code(self):
		phone = self.phone(19)
		self.gateway.set_down(True)
		try:
			with self.assertRaises(sms.SMSError):
				account.send_code(phone, "signup")
		finally:
			self.gateway.set_down(False)
		latest = frappe.get_all("Error Log", fields=["method", "error"], order_by="creation desc", limit=1)[0]
		self.assertIn("refused a one-time code", latest.method)
		self.assertNotIn(phone, latest.error)

	def test_login_and_reset_codes_go_only_to_accounts_but_answer_alike(self):
		stranger = self.phone(20)
		answer = account.send_code(stranger, "login")
		self.assertEqual(answer["sent"], True)
		self.assertFalse([m for m in self.gateway.messages if m["to"] == stranger])

		phone = self.phone(21)
		user = self.sign_up(phone, resident_id(self.serial % 1000 + 21))["user"]
		frappe.set_user("Guest")
		frappe.cache.delete_keys("govservice:sms-code:")
		self.assertEqual(account.send_code(phone, "login"), answer)
		self.assertEqual(account.login_with_code(phone, self.code_sent_to(phone))["user"], user)

		frappe.set_user("Guest")
		frappe.cache.delete_keys("govservice:sms-code:")
		account.send_code(phone, "reset")
		account.reset_password(phone, self.code_sent_to(phone), "New-Password-2026")
		from frappe.utils.password import check_password

		self.assertEqual(check_password(user, "New-Password-2026"), user)

	def test_sign_up_can_be_switched_off(self):
		frappe.db.set_single_value("GS Settings", "allow_portal_signup", 0)
		try:
			with self.assertRaises(frappe.PermissionError):
				account.send_code(self.phone(22), "signup")
		finally:
			frappe.db.set_single_value("GS Settings", "allow_portal_signup", 1)

	def test_only_administrators_use_frappes_send_sms(self):
		from govservice.security.endpoints import send_sms

		frappe.set_user("Administrator")
		agent = make_user("sms.agent@test.govservice", roles=("GS Agent",))
		frappe.set_user(agent)
		with self.assertRaises(frappe.PermissionError):
			send_sms(["13900000000"], "冒充短信")
		frappe.set_user("Administrator")
		send_sms(["13900000099"], "管理员测试短信", success_msg=False)
		self.assertTrue([m for m in self.gateway.messages if m["to"] == "13900000099"])


class TestPortalSite(FrappeTestCase):
	"""The county's name and footer reach every page as text, whatever an administrator typed."""

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.request = None
		super().tearDown()

	def test_portal_name_and_footer_are_escaped_everywhere(self):
		from frappe.website.serve import get_response_content
		from werkzeug.test import EnvironBuilder

		from govservice.citizen_portal.site import apply_portal_site, portal_site_context

		# as stored (Frappe's form sanitises some markup on save; the pages must not rely on it)
		hostile = '<img src=x onerror="alert(1)">县'
		frappe.db.set_single_value(
			"GS Settings", {"portal_name": hostile, "portal_footer": "<script>alert(2)</script>\n热线 12345"}
		)
		frappe.clear_document_cache("GS Settings", "GS Settings")
		apply_portal_site()
		context = portal_site_context(frappe._dict())
		self.assertNotIn("<img", context["brand_html"])
		self.assertNotIn("<script>", context["footer_powered"])
		self.assertIn("<br>", context["footer_powered"])  # line breaks kept, as markup of our own
		self.assertEqual(frappe.db.get_single_value("Website Settings", "app_name"), hostile)
		frappe.set_user("Guest")
		frappe.local.request = EnvironBuilder(base_url="http://govservice-test.localhost/").get_request()
		html = get_response_content("/")
		self.assertNotIn("<img src=x", html)
		self.assertNotIn("<script>alert(2)", html)
		self.assertIn("&lt;img src=x", html)
		self.assertIn("/portal-login", html)  # the guest's way in
		login = get_response_content("/login")
		self.assertNotIn("<img src=x", login)

	def test_a_citizens_menu(self):
		from govservice.citizen_portal.site import citizen_menu

		self.assertEqual(
			[item["url"] for item in citizen_menu()],
			["/my-requests", "/report-complaint/new", "/my-account", "/portal-logout"],
		)
