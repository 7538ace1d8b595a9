"""China's SMS carriers through their official SDKs, against local stand-ins that check what the carriers
check (govservice.tests.carrier_fakes): the request signature, the key, the approved signature and template,
the parameters; refusals logged without codes, passing refusals retried, the citizen told in Chinese."""

import re

import frappe

from govservice.api import account
from govservice.citizen_portal import carriers, sms
from govservice.domain.sms_kinds import MESSAGE_KINDS
from govservice.tests import carrier_fakes as fakes
from govservice.tests.carrier_fakes import FakeCarrier, aliyun_signature, tencent_signature
from govservice.tests.utils import FrappeTestCase

PHONE = "13955566601"
# the fakes' approved templates, as an administrator maps them
ALIYUN = {
	"Verification Code": "SMS_100000001",
	"Request Accepted": "SMS_100000002",
	"One-Time Notice": "SMS_100000003",
}
TENCENT = {"Verification Code": "1000001", "Request Accepted": "1000002", "One-Time Notice": "1000003"}


def use_carrier(provider: str, endpoint: str, templates: dict) -> None:
	conf = frappe.get_single("GS SMS Settings")
	conf.update(
		{
			"provider": provider,
			"sign_name": fakes.SIGN_NAME,
			"endpoint": f"http://{endpoint}",
			"access_key_id": fakes.ACCESS_KEY_ID,
			"access_key_secret": fakes.ACCESS_KEY_SECRET,
			"sdk_app_id": fakes.SDK_APP_ID,
			"region": "ap-guangzhou",
		}
	)
	conf.set("templates", [{"message_kind": kind, "template_code": code} for kind, code in templates.items()])
	conf.save(ignore_permissions=True)  # test set-up
	frappe.clear_messages()


def run_queued_refusals(run: bool = True) -> int:
	"""Run (or drop) the refusal records queued for this site on the short queue here, as the worker would;
	how many there were."""
	from frappe.utils.background_jobs import get_queue

	ran = 0
	for job in get_queue("short").jobs:
		kwargs = job.kwargs or {}
		if (
			kwargs.get("method") == "govservice.citizen_portal.carriers.record_refusal"
			and kwargs.get("site") == frappe.local.site
		):
			if run:
				carriers.record_refusal(**kwargs["kwargs"])
			job.delete()
			ran += 1
	return ran


class CarrierTestCase(FrappeTestCase):
	carrier = ""
	provider = ""
	templates: dict = {}

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.fake = FakeCarrier(cls.carrier).__enter__()

	@classmethod
	def tearDownClass(cls):
		cls.fake.__exit__(None, None, None)
		super().tearDownClass()

	def setUp(self):
		use_carrier(self.provider, self.fake.endpoint, self.templates)
		frappe.cache.delete_keys("govservice:sms-code:")
		frappe.cache.delete_value("govservice:sms-refusal-told")

	def tearDown(self):
		frappe.set_user("Administrator")
		super().tearDown()

	def sent(self) -> list[dict]:
		return [m for m in self.fake.messages if PHONE in m["to"]]

	def signup_code_sent(self) -> dict:
		"""A guest asks for a sign-up code; the message the carrier received."""
		frappe.set_user("Guest")
		frappe.local.request_ip = "127.0.0.1"
		account.send_code(PHONE, "signup")
		return self.sent()[-1]


class TestAlibabaCloud(CarrierTestCase):
	carrier, provider, templates = "aliyun", carriers.ALIYUN, ALIYUN

	def test_a_code_goes_out_as_the_approved_template_with_its_parameters(self):
		message = self.signup_code_sent()
		self.assertEqual(message["template"], "SMS_100000001")
		self.assertEqual(set(message["params"]), {"code", "minutes"})
		self.assertRegex(message["params"]["code"], r"^\d{6}$")

	def test_an_applicant_text_fills_the_kinds_named_parameters(self):
		carriers.send(
			PHONE, "Request Accepted", {"name": "王小明", "item": "高龄津贴申领", "number": "GS-CASE-1"}, "x"
		)
		params = self.sent()[-1]["params"]
		self.assertEqual(list(params), list(MESSAGE_KINDS["Request Accepted"]))
		self.assertEqual((params["name"], params["deadline"]), ("王小明", ""))

	def test_refusals_are_logged_without_codes_retried_when_passing_and_told(self):
		self.fake.fail_next("Throttling")  # passing: retried, then sent
		carriers.send(PHONE, "Verification Code", {"code": "135792", "minutes": 5}, "x")
		self.assertEqual(self.sent()[-1]["params"]["code"], "135792")
		run_queued_refusals(run=False)  # what earlier tests left queued
		self.fake.fail_next("isv.BUSINESS_LIMIT_CONTROL")  # the carrier's limit per number: not retried
		before = len(self.fake.messages)
		with self.assertRaises(sms.SMSError) as refused:
			carriers.send(PHONE, "Verification Code", {"code": "246801", "minutes": 5}, "x")
		self.assertEqual(len(self.fake.messages), before)
		self.assertNotIn("246801", str(refused.exception))
		# the request that failed rolls back; the record is a job queued before it did
		frappe.db.rollback()
		self.assertEqual(run_queued_refusals(), 1)
		logged = frappe.get_all(
			"Error Log",
			filters={"method": "SMS carrier refused a text"},
			fields=["error"],
			order_by="creation desc",
			limit=1,
		)
		self.assertIn("isv.BUSINESS_LIMIT_CONTROL", logged[0].error)
		self.assertNotIn("246801", logged[0].error)
		self.assertIn(
			"isv.BUSINESS_LIMIT_CONTROL", frappe.db.get_single_value("GS SMS Settings", "last_failure")
		)

	def test_texts_go_only_to_the_carriers_own_endpoint_in_production(self):
		"""An endpoint elsewhere would hand every code to whoever runs it: only a site made for tests, a
		development site or the drill may point at a local stand-in."""
		from govservice.citizen_portal.doctype.gs_sms_settings.gs_sms_settings import SMSSettingsError

		saved = {key: frappe.local.conf.get(key) for key in ("allow_tests", "developer_mode")}
		frappe.local.conf.update({"allow_tests": False, "developer_mode": 0})
		try:
			for endpoint in (
				"http://203.0.113.9",
				"https://sms.example.cn",
				"http://dysmsapi.aliyuncs.com",
				"https://dysmsapi.aliyuncs.com.evil.cn",
			):
				conf = frappe.get_single("GS SMS Settings")
				conf.endpoint = endpoint
				self.assertRaises(SMSSettingsError, conf.save, ignore_permissions=True)
			conf = frappe.get_single("GS SMS Settings")
			conf.endpoint = "https://dysmsapi.aliyuncs.com"
			conf.save(ignore_permissions=True)
		finally:
			frappe.local.conf.update(saved)

	def test_an_unmapped_kind_a_wrong_key_or_template_is_refused(self):
		with self.assertRaises(sms.SMSError):
			carriers.send(PHONE, "Rectification Done", {"number": "GS-CASE-1"}, "x")  # no template mapped
		conf = frappe.get_single("GS SMS Settings")
		conf.access_key_secret = "not-the-secret"
		conf.save(ignore_permissions=True)
		with self.assertRaises(sms.SMSError):
			carriers.send(PHONE, "Verification Code", {"code": "1", "minutes": 5}, "x")
		self.assertEqual(self.fake.refusals[-1]["code"], "SignatureDoesNotMatch")

	def test_the_stand_in_checks_the_documented_signature(self):
		"""The fake's check is the carrier's algorithm: a request signed by hand with it passes."""
		signed = aliyun_signature(
			"POST",
			"/",
			{"PhoneNumbers": PHONE},
			{"host": "h", "x-acs-action": "SendSms"},
			["host", "x-acs-action"],
			b"",
			"s",
		)
		self.assertRegex(signed, r"^[0-9a-f]{64}$")
		self.assertNotEqual(
			signed,
			aliyun_signature(
				"POST",
				"/",
				{"PhoneNumbers": PHONE},
				{"host": "h", "x-acs-action": "SendSms"},
				["host", "x-acs-action"],
				b"",
				"t",
			),
		)


class TestTencentCloud(CarrierTestCase):
	carrier, provider, templates = "tencent", carriers.TENCENT, TENCENT

	def test_a_code_goes_out_as_the_approved_template_with_its_parameters_in_order(self):
		message = self.signup_code_sent()
		self.assertEqual((message["to"], message["template"]), (f"+86{PHONE}", "1000001"))
		self.assertTrue(re.fullmatch(r"\d{6}", message["params"][0]))
		self.assertEqual(message["params"][1], "5")

	def test_a_failed_code_says_so_in_chinese(self):
		self.fake.fail_next("FailedOperation.InsufficientBalanceInSmsPackage")
		frappe.set_user("Guest")
		frappe.local.request_ip = "127.0.0.1"
		frappe.local.lang = "zh"
		try:
			with self.assertRaises(sms.SMSError) as refused:
				account.send_code("13955566602", "signup")
		finally:
			frappe.local.lang = "en"
		self.assertIn("短信", str(refused.exception))

	def test_tc3_signature_is_the_documented_one(self):
		one = tencent_signature("POST", "h", "application/json", b"{}", 1_700_000_000, "sms", "k")
		self.assertRegex(one, r"^[0-9a-f]{64}$")
		self.assertNotEqual(
			one, tencent_signature("POST", "h", "application/json", b"{ }", 1_700_000_000, "sms", "k")
		)


class TestMessageKinds(FrappeTestCase):
	def test_every_kind_the_app_sends_can_be_mapped_to_a_template(self):
		"""GS SMS Settings offer every kind of text the app sends (the appointment and supervision kinds were
		missing from the list, so a carrier's template could not be mapped to them)."""
		options = frappe.get_meta("GS SMS Template").get_field("message_kind").options.split("\n")
		self.assertEqual([kind for kind in options if kind], list(MESSAGE_KINDS))
