"""Browser tests of the citizen portal on a phone-sized screen: headless Debian Chromium driven by Playwright
against a running bench (scripts/test starts one on 127.0.0.1, with a worker and the local SMS gateway).
Environment: GS_E2E_URL, GS_E2E_SETUP (the JSON printed by govservice.tests.e2e_setup.prepare), GS_SMS_URL
(the local gateway, whose /messages lists what the site texted) and optionally GS_CHROMIUM, GS_E2E_SHOTS."""

import json
import os
import re
import time
import unittest

import requests
from playwright.sync_api import expect, sync_playwright

from e2e.desk import SHOTS, english_on
from govservice.domain.identity import resident_id_check_char

BASE = os.environ.get("GS_E2E_URL", "http://127.0.0.1:8010")
SETUP = json.loads(os.environ.get("GS_E2E_SETUP", "{}"))
CHROMIUM = os.environ.get("GS_CHROMIUM", "/usr/bin/chromium")
SMS = os.environ.get("GS_SMS_URL", "http://127.0.0.1:8025")
PHONE = {"width": 390, "height": 844}
PASSWORD = "Portal-Test-2026x"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class Staff:
	"""A desk user acting through the same calls the desk form makes."""

	def __init__(self):
		self.session = requests.Session()
		response = self.session.post(
			f"{BASE}/api/method/login", data={"usr": SETUP["staff"], "pwd": SETUP["staff_password"]}
		)
		response.raise_for_status()

	def act(self, case: str, action: str) -> str:
		doc = self.session.get(f"{BASE}/api/resource/GS Case/{case}").json()["data"]
		response = self.session.post(
			f"{BASE}/api/method/frappe.model.workflow.apply_workflow",
			data={"doc": json.dumps(doc), "action": action},
		)
		response.raise_for_status()
		return response.json()["message"]["status"]

	def receive_all(self, case: str) -> None:
		doc = self.session.get(f"{BASE}/api/resource/GS Case/{case}").json()["data"]
		materials = [dict(row, is_received=1, is_verified=1) for row in doc["materials"]]
		response = self.session.put(f"{BASE}/api/resource/GS Case/{case}", json={"materials": materials})
		assert response.status_code == 200, response.text[:300]


def resident_id(serial: int, birth: str) -> str:
	first17 = f"422828{birth}{serial % 1000:03d}"
	return first17 + resident_id_check_char(first17)


def texts_to(phone: str) -> list[str]:
	"""What the site texted to `phone`, oldest first (the local gateway's record)."""
	return [m["text"] for m in requests.get(f"{SMS}/messages", params={"to": phone}, timeout=10).json()]


def wait_for_text(phone: str, containing: str, seconds: float = 15) -> str:
	deadline = time.time() + seconds
	while time.time() < deadline:
		found = [text for text in texts_to(phone) if containing in text]
		if found:
			return found[-1]
		time.sleep(0.3)
	raise AssertionError(f"no text with {containing!r} reached {phone}: {texts_to(phone)}")


def next_text(phone: str, before: int, seconds: float = 15) -> str:
	"""The first text to `phone` after the `before` it had already received."""
	deadline = time.time() + seconds
	while time.time() < deadline:
		texts = texts_to(phone)
		if len(texts) > before:
			return texts[before]
		time.sleep(0.3)
	raise AssertionError(f"no new text reached {phone}")


def code_in(text: str) -> str:
	return re.search(r"(?<!\d)(\d{6})(?!\d)", text).group(1)


def api_sign_up(session: requests.Session, phone: str, id_number: str, name: str) -> dict:
	"""Sign up through the portal API (the same calls the sign-up page makes)."""
	sent = session.post(
		f"{BASE}/api/method/govservice.api.account.send_code", data={"phone": phone, "purpose": "signup"}
	)
	assert sent.status_code == 200, sent.text
	code = code_in(next_text(phone, 0))
	response = session.post(
		f"{BASE}/api/method/govservice.api.account.sign_up",
		data={"phone": phone, "code": code, "full_name": name, "id_number": id_number, "password": PASSWORD},
	)
	assert response.status_code == 200, response.text
	return response.json()["message"]


class PortalFlowTest(unittest.TestCase):
	@classmethod
	def setUpClass(cls):
		cls.playwright = sync_playwright().start()
		cls.browser = cls.playwright.chromium.launch(
			executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
		)
		cls.stamp = str(int(time.time() * 1000))
		cls.serial = int(cls.stamp[-6:-3])
		cls.tmp = os.environ.get("TMPDIR", "/tmp")
		os.makedirs(SHOTS, exist_ok=True)

	@classmethod
	def tearDownClass(cls):
		cls.browser.close()
		cls.playwright.stop()

	def mobile(self, n: int) -> str:
		return f"137{self.stamp[-7:]}{n}"

	def new_phone(self, locale: str = "zh-CN"):
		context = self.browser.new_context(viewport=PHONE, locale=locale, is_mobile=True, has_touch=True)
		self.addCleanup(context.close)
		page = context.new_page()
		page.set_default_timeout(20000)
		self.step = 0
		return page

	def assert_fits_phone(self, page):
		overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
		self.assertLessEqual(overflow, 1, f"{page.url} is wider than a phone screen")

	def look(self, page, label: str) -> None:
		"""The page as a person sees it: it fits the phone, shows no English, and is kept as a screenshot."""
		page.wait_for_load_state("networkidle")
		self.assert_fits_phone(page)
		self.assertEqual(english_on(page), [], f"English on a zh page at {page.url}")
		self.step += 1
		page.screenshot(
			path=os.path.join(SHOTS, f"portal-{self._testMethodName}-{self.step:02d}-{label}.png"),
			full_page=True,
		)

	def wait_or_say_why(self, page, url: str) -> None:
		"""Wait for the next page; if the form answered with an error instead, fail with its words."""
		try:
			page.wait_for_url(url)
		except Exception:
			alert = page.locator(".gs-alert:visible")
			self.fail(f"still at {page.url}: {alert.inner_text() if alert.count() else 'no message'}")

	def material_file(self, name: str) -> str:
		path = os.path.join(self.tmp, f"{self.stamp}-{name}.pdf")
		with open(path, "wb") as f:
			f.write(PDF)
		return path

	def test_catalogue_in_chinese_and_english(self):
		page = self.new_phone()
		page.goto(f"{BASE}/services?q=养老保险")
		expect(page.locator("h1")).to_have_text("政务服务事项目录")
		expect(page.locator(".gs-items")).to_contain_text("城乡居民养老保险参保登记")
		self.look(page, "catalogue")
		page.click("text=城乡居民养老保险参保登记")
		expect(page.locator(".gs-guide")).to_contain_text("居民身份证")
		expect(page.locator(".gs-guide")).to_contain_text("0718-5000000")
		expect(page.locator(".gs-guide a[href='tel:0718-5000000']").first).to_be_visible()
		self.look(page, "guide")
		page.goto(f"{BASE}/service-centres")
		expect(page.locator(".gs-portal")).to_contain_text("李代办")
		self.look(page, "centres")
		english = self.new_phone(locale="en-US")
		english.goto(f"{BASE}/services?_lang=en")
		expect(english.locator("h1")).to_have_text("Service Catalogue")

	def test_newcomer_signs_up_files_for_a_parent_and_hears_back(self):
		page = self.new_phone()
		phone = self.mobile(1)
		# the site's root is the portal home, in the county's words
		page.goto(f"{BASE}/")
		expect(page.locator(".gs-home h1")).to_be_visible()
		expect(page.locator(".gs-home")).to_contain_text("三种办理方式")
		self.assertNotIn("Login", page.title())
		self.look(page, "home")

		# 低保 finds 最低生活保障审核确认
		page.fill(".gs-home input[name=q]", "低保")
		page.press(".gs-home input[name=q]", "Enter")
		expect(page.locator(".gs-items")).to_contain_text("最低生活保障审核确认")
		self.look(page, "search")
		# the test county's item of that name (the demo county, when loaded, has one too)
		page.click(f".gs-items a[href='/services/{SETUP['dibao']}']")
		self.look(page, "guide")

		# applying leads to log-in, and from there to sign-up with a phone number and a texted code
		page.click("text=在线申请")
		page.wait_for_url(re.compile(r".*/portal-login\?redirect-to=.*"))
		self.look(page, "login")
		page.click("text=用手机号注册")
		page.wait_for_url(re.compile(r".*/portal-signup\?redirect-to=.*"))
		page.fill("#phone", phone)
		page.click(".gs-send-code")
		code = code_in(next_text(phone, 0))
		expect(page.locator(".gs-send-code")).to_be_disabled()
		page.fill("#code", code)
		page.fill("#full_name", "王小明")
		page.fill("#id_number", resident_id(self.serial, "19850101"))
		page.fill("#password", PASSWORD)
		self.look(page, "signup")
		page.click("#gs-signup button[type=submit]")
		self.wait_or_say_why(page, f"{BASE}/apply?item={SETUP['dibao']}")

		# a request for a parent, as their agent
		page.select_option("#service_centre", SETUP["centre"])
		page.check("#for_other")
		page.fill("#applicant_name", "王老汉")
		page.fill("#id_number", resident_id(self.serial, "19480101"))
		page.select_option("#relationship", "Father or Mother")
		page.set_input_files("#material-0", self.material_file("parent-id"))
		self.look(page, "apply")
		page.click("#gs-apply button[type=submit]")
		page.wait_for_url(f"{BASE}/my-requests/GS-CASE-*")
		case = page.url.rsplit("/", 1)[-1]
		status = page.locator(".gs-status")
		expect(status).to_have_attribute("data-status", "Registered")
		expect(page.locator(".gs-applicant")).to_contain_text("王老汉")
		expect(page.locator(".gs-applicant")).to_contain_text("王小明")
		expect(page.locator(".gs-materials")).to_contain_text("已上传，待核验")
		self.look(page, "request")

		# staff issue the one-time notice: a text, and the notice on the page; the upload resumes the clock
		staff = Staff()
		self.assertEqual(staff.act(case, "Request Materials"), "Awaiting Materials")
		notice_text = wait_for_text(phone, "需补齐材料")
		# the text, the page and the notice say the same: what the notice asks for, not the optional ones
		self.assertIn("家庭收入证明", notice_text)
		self.assertNotIn("残疾人证", notice_text)
		page.reload()
		expect(page.locator(".gs-notice")).to_be_visible()
		expect(page.locator("form.gs-upload")).to_contain_text("家庭收入证明")
		expect(page.locator("form.gs-upload")).not_to_contain_text("残疾人证")
		self.look(page, "notice")
		page.set_input_files("form.gs-upload input[type=file]", self.material_file("income"))
		page.click("form.gs-upload button[type=submit]")
		expect(status).to_have_attribute("data-status", "Registered")

		# accepted: a text, and a message under 我的申请
		staff.receive_all(case)
		self.assertEqual(staff.act(case, "Accept"), "Accepted")
		accepted = wait_for_text(phone, "已受理")
		self.assertIn(case, accepted)
		# the portal message is written with the acceptance, not by a worker behind other jobs: it is there
		page.goto(f"{BASE}/my-requests")
		expect(page.locator(".gs-notifications")).to_contain_text("已受理")
		self.look(page, "messages")

		self.assert_other_user_is_refused(case)

		# completed; the applicant rates the result
		staff.act(case, "Start Handling")
		staff.act(case, "Complete")
		wait_for_text(phone, "已办结")
		page.goto(f"{BASE}/my-requests/{case}")
		expect(status).to_have_attribute("data-status", "Completed")
		agreement = page.locator("a.gs-agreement")
		response = page.context.request.get(BASE + agreement.get_attribute("href"))
		self.assertEqual(response.status, 200)
		self.assertTrue(response.body().startswith(b"%PDF"))
		expect(page.locator(".gs-materials")).not_to_contain_text("待核验")  # accepted means checked
		page.check("text=非常满意")
		page.fill("#comment", "代办员上门取材料，很方便")
		page.click("#gs-rate button[type=submit]")
		expect(page.locator(".gs-rating")).to_contain_text("非常满意")
		self.look(page, "rated")

		# the next request offers the same centre first, in the township's group
		page.goto(f"{BASE}/apply?item={SETUP['dibao']}")
		expect(page.locator("#service_centre")).to_have_value(SETUP["centre"])
		self.assertGreaterEqual(page.locator("#service_centre optgroup").count(), 1)
		self.look(page, "second-request")
		# a page that does not exist says so in Chinese, and the menu names its entries
		page.goto(f"{BASE}/services/NO-SUCH-ITEM")
		expect(page.locator("body")).to_contain_text("页面不存在")
		self.look(page, "not-found")
		page.goto(f"{BASE}/my-projects")
		page.wait_for_url(f"{BASE}/my-requests")

		# the account page and the menu
		page.goto(f"{BASE}/my-account")
		expect(page.locator(".gs-holder")).to_have_text("王小明")
		expect(page.locator(".gs-account")).to_contain_text("已验证")
		self.look(page, "account")

	def test_enterprise_follows_its_key_project(self):
		"""The owner enterprise of a key project signs in on its phone, finds the project among its requests,
		reads its stages and approvals with their deadlines and what it still has to supply (容缺), and
		downloads its agency agreement and its timetable."""
		page = self.new_phone()
		page.goto(f"{BASE}/portal-login")
		page.fill("#login_phone", SETUP["enterprise_phone"])
		page.fill("#login_password", SETUP["enterprise_password"])
		page.click("#password button[type=submit]")
		page.wait_for_url(f"{BASE}/my-requests")
		projects = page.locator(".gs-projects")
		expect(projects).to_contain_text("浏览器测试茶叶加工厂建设项目")
		self.look(page, "requests-with-project")
		projects.locator("a").first.click()
		page.wait_for_url(f"{BASE}/my-projects/{SETUP['key_project']}")
		first, second = page.locator(".gs-stage").nth(0), page.locator(".gs-stage").nth(1)
		expect(first).to_contain_text("立项用地规划许可")
		expect(first.locator(".gs-approval")).to_have_count(2)
		expect(first.locator('.gs-approval[data-status="Approved"]')).to_have_count(2)
		expect(second.locator(".gs-approval").first).to_contain_text("办理中")
		expect(page.locator(".gs-missing")).to_contain_text("建设工程设计方案")
		expect(page.locator(".gs-agent")).to_contain_text("李代办")
		self.look(page, "project")
		# 资料互认: the land certificate is uploaded once for both approvals that need it
		material = page.locator('.gs-material[data-material="土地权属证明"]')
		expect(material).to_have_attribute("data-status", "Missing")
		material.locator("input[type=file]").set_input_files(self.material_file("land"))
		material.locator("button[type=submit]").click()
		expect(page.locator('.gs-material[data-material="土地权属证明"]')).to_have_attribute(
			"data-status", "Received"
		)
		expect(second.locator(".gs-approval").first).to_contain_text("土地权属证明")
		self.look(page, "material-uploaded")
		# 好差评: the first stage is done, so the enterprise rates the agency
		page.check("text=非常满意")
		page.fill("#comment", "代办员全程跟踪，并联审批很快")
		page.click("#gs-rate button[type=submit]")
		expect(page.locator(".gs-rating")).to_contain_text("非常满意")
		self.look(page, "rated")
		links = page.locator(".gs-documents a")
		expect(links).to_have_count(3)
		for index in range(3):
			response = page.context.request.get(BASE + links.nth(index).get_attribute("href"))
			self.assertEqual(response.status, 200)
			self.assertTrue(response.body().startswith(b"%PDF"))

	def test_log_in_with_a_code_and_reset_the_password(self):
		phone = self.mobile(2)
		api_sign_up(requests.Session(), phone, resident_id(self.serial + 1, "19700101"), "李秀英")
		time.sleep(SETUP["sms_gap_seconds"] + 0.5)  # one number gets one code per gap
		page = self.new_phone()
		page.goto(f"{BASE}/portal-login")
		page.click(".gs-tabs >> text=短信验证码")
		page.fill("#code_phone", phone)
		before = len(texts_to(phone))
		page.click("#code .gs-send-code")
		page.fill("#code_code", code_in(next_text(phone, before)))
		page.click("#code button[type=submit]")
		page.wait_for_url(f"{BASE}/my-requests")
		self.look(page, "requests")
		page.goto(f"{BASE}/portal-logout")
		page.goto(f"{BASE}/portal-login#reset")
		time.sleep(SETUP["sms_gap_seconds"] + 0.5)
		before = len(texts_to(phone))
		page.fill("#reset_phone", phone)
		page.click("#reset .gs-send-code")
		page.fill("#reset_code", code_in(next_text(phone, before)))
		page.fill("#reset_password", "Reset-Password-2026")
		page.click("#reset button[type=submit]")
		page.wait_for_url(f"{BASE}/my-requests")
		page.goto(f"{BASE}/portal-logout")
		page.goto(f"{BASE}/portal-login")
		page.fill("#login_phone", phone)
		page.fill("#login_password", "Reset-Password-2026")
		page.click("#password button[type=submit]")
		page.wait_for_url(f"{BASE}/my-requests")

	def test_report_a_problem_in_chinese(self):
		phone = self.mobile(3)
		session = requests.Session()
		api_sign_up(session, phone, resident_id(self.serial + 2, "19600101"), "赵桂兰")
		page = self.new_phone()
		page.context.add_cookies(
			[{"name": c.name, "value": c.value, "url": BASE} for c in session.cookies if c.name == "sid"]
		)
		page.goto(f"{BASE}/report-complaint/new")
		expect(page.locator(".web-form-title h1, .web-form-head h1").first).to_have_text("反映办不成事")
		self.look(page, "form")
		page.fill("input[data-fieldname=reporter_name]", "赵桂兰")
		page.fill("input[data-fieldname=reporter_phone]", phone)
		page.fill("textarea[data-fieldname=description]", "社保卡挂失补办跑了两次没办成")
		page.click("button.submit-btn")
		page.wait_for_url(re.compile(r".*/my-requests.*"))
		expect(page.locator(".gs-problems")).to_contain_text("社保卡挂失补办")
		self.look(page, "problems")

	def assert_other_user_is_refused(self, case: str) -> None:
		other = requests.Session()
		api_sign_up(other, self.mobile(9), resident_id(self.serial + 3, "19900101"), "赵六")
		self.assertEqual(other.get(f"{BASE}/api/resource/GS Case/{case}").status_code, 403)
		self.assertEqual(other.get(f"{BASE}/api/resource/GS Case").status_code, 403)  # no desk API at all
		self.assertEqual(
			other.put(f"{BASE}/api/resource/GS Case/{case}", json={"applicant_name": "x"}).status_code, 403
		)
		self.assertEqual(other.get(f"{BASE}/my-requests/{case}").status_code, 403)
		upload = other.post(
			f"{BASE}/api/method/govservice.api.portal.upload_material",
			data={"case": case, "material": "户口簿"},
			files={"file": ("x.pdf", PDF, "application/pdf")},
		)
		self.assertEqual(upload.status_code, 403)
		staff = Staff()
		files = staff.session.get(
			f"{BASE}/api/resource/File",
			params={"filters": json.dumps({"attached_to_name": case}), "fields": json.dumps(["file_url"])},
		).json()["data"]
		self.assertTrue(files)
		for file in files:
			self.assertEqual(staff.session.get(BASE + file["file_url"]).status_code, 200)
			self.assertEqual(other.get(BASE + file["file_url"]).status_code, 403)
		self.assertEqual(
			other.get(
				f"{BASE}/api/resource/File", params={"filters": json.dumps({"attached_to_name": case})}
			).status_code,
			403,
		)


if __name__ == "__main__":
	unittest.main()
