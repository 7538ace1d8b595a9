"""Browser tests of the citizen portal: headless Debian Chromium driven by Playwright against a running
bench (scripts/test starts one on 127.0.0.1). Environment: GS_E2E_URL, GS_E2E_SETUP (the JSON printed by
govservice.tests.e2e_setup.prepare) and optionally GS_CHROMIUM."""

import json
import os
import time
import unittest

import requests
from playwright.sync_api import expect, sync_playwright

BASE = os.environ.get("GS_E2E_URL", "http://127.0.0.1:8010")
SETUP = json.loads(os.environ.get("GS_E2E_SETUP", "{}"))
CHROMIUM = os.environ.get("GS_CHROMIUM", "/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
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
		materials = [{"name": row["name"], "is_received": 1} for row in doc["materials"]]
		self.session.put(
			f"{BASE}/api/resource/GS Case/{case}", json={"materials": materials}
		).raise_for_status()


class PortalFlowTest(unittest.TestCase):
	@classmethod
	def setUpClass(cls):
		cls.playwright = sync_playwright().start()
		cls.browser = cls.playwright.chromium.launch(
			executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
		)
		cls.stamp = str(int(time.time() * 1000))
		cls.tmp = os.environ.get("TMPDIR", "/tmp")

	@classmethod
	def tearDownClass(cls):
		cls.browser.close()
		cls.playwright.stop()

	def new_phone(self, locale: str = "zh-CN"):
		context = self.browser.new_context(viewport=PHONE, locale=locale, is_mobile=True, has_touch=True)
		self.addCleanup(context.close)
		return context.new_page()

	def assert_fits_phone(self, page):
		overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
		self.assertLessEqual(overflow, 1, f"{page.url} is wider than a phone screen")

	def material_file(self, name: str) -> str:
		path = os.path.join(self.tmp, f"{self.stamp}-{name}.pdf")
		with open(path, "wb") as f:
			f.write(PDF)
		return path

	def sign_up(self, page, email: str) -> None:
		page.goto(f"{BASE}/portal-signup")
		expect(page.locator("h1")).to_have_text("注册门户账户")
		self.assert_fits_phone(page)
		page.fill("#full_name", "王小明")
		page.fill("#phone", "13912345678")
		page.fill("#email", email)
		page.fill("#password", "Portal-Test-2026!x")
		page.click("button[type=submit]")
		page.wait_for_url(f"{BASE}/my-requests")
		expect(page.locator("h1")).to_have_text("我的申请")

	def test_catalogue_in_chinese_and_english(self):
		page = self.new_phone()
		page.goto(f"{BASE}/services?q=养老保险")
		expect(page.locator("h1")).to_have_text("政务服务事项目录")
		expect(page.locator(".gs-items")).to_contain_text("城乡居民养老保险参保登记")
		self.assert_fits_phone(page)
		page.click("text=城乡居民养老保险参保登记")
		expect(page.locator(".gs-guide")).to_contain_text("居民身份证")
		expect(page.locator(".gs-guide")).to_contain_text("0718-5000000")
		self.assert_fits_phone(page)
		page.goto(f"{BASE}/service-centres")
		expect(page.locator(".gs-portal")).to_contain_text("李代办")
		english = self.new_phone(locale="en-US")
		english.goto(f"{BASE}/services?_lang=en")
		expect(english.locator("h1")).to_have_text("Service Catalogue")

	def test_request_notice_upload_state_pdf_and_rating(self):
		page = self.new_phone()
		self.sign_up(page, f"citizen-{self.stamp}@e2e.test")
		self.assert_fits_phone(page)

		# submit a request with one of the two materials
		page.goto(f"{BASE}/services/{SETUP['item']}")
		page.click("text=在线申请")
		page.fill("#id_number", "11010519491231002X")
		page.set_input_files("#material-0", self.material_file("id-card"))
		self.assert_fits_phone(page)
		page.click("button[type=submit]")
		page.wait_for_url(f"{BASE}/my-requests/GS-CASE-*")
		case = page.url.rsplit("/", 1)[-1]
		status = page.locator(".gs-status")
		expect(status).to_have_attribute("data-status", "Registered")
		expect(page.locator(".gs-agent")).to_contain_text("李代办")
		self.assert_fits_phone(page)

		# staff issue the one-time notice; the applicant sees it and uploads what is missing
		staff = Staff()
		self.assertEqual(staff.act(case, "Request Materials"), "Awaiting Materials")
		page.reload()
		expect(page.locator(".gs-notice")).to_be_visible()
		expect(status).to_have_attribute("data-status", "Awaiting Materials")
		page.set_input_files("form.gs-upload input[type=file]", self.material_file("household"))
		page.click("form.gs-upload button[type=submit]")
		expect(status).to_have_attribute("data-status", "Registered")
		expect(page.locator(".gs-notice")).to_have_count(0)

		# another account is refused on every path
		self.assert_other_user_is_refused(case)

		# staff accept and complete; the applicant sees each state and downloads the agreement
		self.assertEqual(staff.act(case, "Accept"), "Accepted")
		page.reload()
		expect(status).to_have_attribute("data-status", "Accepted")
		expect(page.locator(".gs-deadline")).to_contain_text("个工作日")
		agreement = page.locator("a.gs-agreement")
		response = page.context.request.get(BASE + agreement.get_attribute("href"))
		self.assertEqual(response.status, 200)
		self.assertTrue(response.body().startswith(b"%PDF"))
		with page.expect_download() as download:
			agreement.click()
		self.assertTrue(download.value.suggested_filename.endswith(".pdf"))
		staff.act(case, "Start Handling")
		staff.act(case, "Complete")
		page.reload()
		expect(status).to_have_attribute("data-status", "Completed")

		# a bad rating opens a rectification, which the applicant is told about
		page.check("text=不满意")
		page.fill("#comment", "材料要求没有一次说清")
		page.click("#gs-rate button[type=submit]")
		expect(page.locator(".gs-rating")).to_contain_text("不满意")
		expect(page.locator(".gs-rectification")).to_be_visible()
		self.assert_fits_phone(page)

	def assert_other_user_is_refused(self, case: str) -> None:
		other = requests.Session()
		email = f"other-{self.stamp}@e2e.test"
		response = other.post(
			f"{BASE}/api/method/govservice.api.portal.sign_up",
			data={
				"email": email,
				"full_name": "赵六",
				"password": "Other-Test-2026!x",
				"phone": "13912340000",
			},
		)
		self.assertEqual(response.status_code, 200, response.text)
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
