"""The service hall as its people use it, in Chromium: a citizen takes a number on a phone, the hall screen
calls it, the window officer serves it on 叫号台 and the citizen rates the service; a citizen books on the
portal and checks in at the kiosk with the code of today's appointment, which is called before the queue;
the hotline seat books for a caller in the desk. Over HTTP, the rules that need care: two officers pressing
叫号 together never get the same ticket; fifty callers for the last place of a slot: exactly one gets it;
the hall's public pages show no personal data."""

import json
import os
import random
import re
from concurrent.futures import ThreadPoolExecutor

import requests
from playwright.sync_api import expect

from e2e.desk import BASE, SHOTS, english_on
from e2e.test_desk import SETUP, DeskTestCase

COUNTY = "鹤峰县"
CATEGORY = "社保医保"
CALL = "govservice.service_hall.calling"


def login(user: str) -> requests.Session:
	session = requests.Session()
	answer = session.post(
		f"{BASE}/api/method/login", data={"usr": user, "pwd": SETUP["password"]}, timeout=60
	)
	answer.raise_for_status()
	return session


def api(session: requests.Session, method: str, post: bool = True, **params) -> requests.Response:
	url = f"{BASE}/api/method/{method}"
	headers = {"Accept": "application/json"}
	if post:
		return session.post(url, data=params, headers=headers, timeout=120)
	return session.get(url, params=params, headers=headers, timeout=120)


def slots_of(session: requests.Session, day: str, category: str = CATEGORY) -> list[dict]:
	"""The county centre's slots of a day for a category, as the booking page reads them."""
	answer = api(
		session,
		"govservice.service_hall.appointments.available_slots",
		post=False,
		centre=COUNTY,
		category=category,
		day=day,
	)
	return answer.json()["message"]["slots"]


def on_a_phone(test: DeskTestCase, user: str):
	"""A page on a phone's screen, signed in to the portal as `user` (closed when the test ends)."""
	portal = test.browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
	test.addCleanup(portal.close)
	answer = portal.request.post(f"{BASE}/api/method/login", form={"usr": user, "pwd": SETUP["password"]})
	test.assertEqual(answer.status, 200)
	return portal.new_page()


class TestHallAtTheWindow(DeskTestCase):
	def page_shot(self, page, label: str) -> None:
		page.screenshot(path=os.path.join(SHOTS, f"{self._testMethodName}-{label}.png"), full_page=True)

	def serve_until(self, officer, number: str) -> None:
		"""叫号 until the citizen's number is called (numbers taken earlier on a reused site are passed)."""
		for _attempt in range(60):
			officer.page.locator(".page-actions .btn-primary:visible", has_text="叫号").first.click()
			officer.wait()
			shown = officer.page.locator(".gs-ticket-no").inner_text().strip()
			if shown == number:
				return
			officer.page.locator(".gs-ticket-actions .btn", has_text="过号").click()
			officer.wait()
		self.fail(f"{number} was never called")

	def test_a_number_taken_on_a_phone_is_called_served_and_rated(self):
		officer = self.desk("window")
		officer.goto("/app/hall-window")
		signed = officer.page.locator(".gs-session")
		if not signed.count():
			officer.page.locator(".gs-window-choice").select_option(label="鹤峰县政务服务中心 · 综合受理窗口")
			officer.shot("sign-in")
			self.assert_chinese(officer)
			officer.page.locator(".gs-sign-in").click()
			officer.wait()
		expect(officer.page.locator(".gs-session")).to_contain_text("综合受理窗口")

		phone = self.browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
		self.addCleanup(phone.close)
		citizen = phone.new_page()
		citizen.goto(f"{BASE}/hall-ticket?centre={COUNTY}")
		take = citizen.locator(".gs-take", has_text=CATEGORY)
		expect(take).to_be_visible()
		self.page_shot(citizen, "phone-categories")
		self.assertEqual(english_on(citizen), [])
		take.click()
		number_box = citizen.locator(".gs-number")
		expect(number_box).to_have_text(re.compile(r"^A\d{3,}$"))
		number = number_box.inner_text().strip()
		expect(citizen.locator(".gs-status")).to_contain_text("位")
		self.page_shot(citizen, "phone-ticket")
		self.assertEqual(english_on(citizen), [])

		hall = self.browser.new_context(locale="zh-CN", viewport={"width": 1600, "height": 900})
		self.addCleanup(hall.close)
		screen = hall.new_page()
		screen.goto(f"{BASE}/hall-screen?centre={COUNTY}")
		expect(screen.locator(".gs-waiting tbody")).to_contain_text(CATEGORY)

		officer.goto("/app/hall-window")
		self.serve_until(officer, number)
		officer.shot("called")
		self.assert_chinese(officer)
		# the screen shows the number and the window; the phone tells its holder where to go
		expect(screen.locator(".gs-called tbody")).to_contain_text(number, timeout=20000)
		expect(screen.locator(".gs-called tbody")).to_contain_text("综合受理窗口")
		self.page_shot(screen, "hall-screen")
		self.assertEqual(english_on(screen), [])
		expect(citizen.locator(".gs-status")).to_contain_text("请到综合受理窗口", timeout=20000)
		self.page_shot(citizen, "phone-called")

		officer.page.locator(".gs-ticket-actions .btn", has_text="重呼").click()
		officer.wait()
		expect(officer.page.locator(".gs-current-ticket")).to_contain_text("2")
		officer.page.locator(".gs-ticket-actions .btn", has_text="开始办理").click()
		officer.wait()
		officer.page.locator(".gs-ticket-actions .btn", has_text="办结").click()
		expect(officer.dialog()).to_be_visible()
		officer.shot("finish-dialog")
		self.assert_chinese(officer)
		officer.dialog_primary()
		expect(officer.page.locator(".gs-no-ticket")).to_be_visible()

		# 好差评 on the phone once served
		rate = citizen.locator(".gs-rate")
		expect(rate).to_be_visible(timeout=20000)
		rate.get_by_text("非常满意", exact=True).click()
		self.page_shot(citizen, "phone-rate")
		self.assertEqual(english_on(citizen), [])
		rate.locator("button[type=submit]").click()
		expect(citizen.locator(".gs-rated")).to_contain_text("非常满意", timeout=20000)
		self.page_shot(citizen, "phone-rated")
		officer.page.locator(".gs-sign-out").click()
		officer.wait()

	def test_a_booked_citizen_checks_in_and_is_called_first(self):
		hall = SETUP["hall"]
		citizen = on_a_phone(self, hall["citizen"])
		citizen.goto(f"{BASE}/appointments")
		expect(citizen.locator(".gs-my-appointments")).to_contain_text(hall["code"])
		citizen.select_option("#centre", label="鹤峰县政务服务中心")
		expect(citizen.locator("#category option", has_text=CATEGORY)).to_have_count(1)
		citizen.select_option("#category", label=f"A · {CATEGORY}")
		days = citizen.locator("#day option")
		citizen.select_option("#day", index=min(2, days.count() - 1))
		slot = citizen.locator(".gs-slots input:not([disabled])").first
		expect(slot).to_be_visible()
		slot.check()
		self.page_shot(citizen, "portal-booking")
		self.assertEqual(english_on(citizen), [])
		citizen.locator("#gs-book button[type=submit]").click()
		booked = citizen.locator(".gs-booked")
		expect(booked).to_contain_text("签到码")
		self.page_shot(citizen, "portal-booked")
		self.assertEqual(english_on(citizen), [])

		# a walk-in takes a number first; the booked citizen checks in at the kiosk
		kiosk = self.browser.new_context(locale="zh-CN", viewport={"width": 1080, "height": 1920})
		self.addCleanup(kiosk.close)
		page = kiosk.new_page()
		walk_in = requests.post(
			f"{BASE}/api/method/govservice.service_hall.tickets.take_ticket",
			data={"centre": COUNTY, "category": CATEGORY},
			timeout=60,
		)
		self.assertEqual(walk_in.status_code, 200, walk_in.text[:300])
		page.goto(f"{BASE}/hall-ticket?centre={COUNTY}&kiosk=1")
		page.locator(".gs-check-in-box summary").click()
		page.fill("#code", hall["code"])
		self.page_shot(page, "kiosk-check-in")
		self.assertEqual(english_on(page), [])
		page.locator(".gs-check-in button[type=submit]").click()
		number = page.locator(".gs-number")
		expect(number).to_have_text(re.compile(r"^A\d{3,}$"))
		checked_in = number.inner_text().strip()
		self.page_shot(page, "kiosk-ticket")

		officer = self.desk("window2")
		officer.goto("/app/hall-window")
		if not officer.page.locator(".gs-session").count():
			officer.page.locator(".gs-window-choice").select_option(
				label="鹤峰县政务服务中心 · 城乡居民医保缴费窗口"
			)
			officer.page.locator(".gs-sign-in").click()
			officer.wait()
		officer.page.locator(".page-actions .btn-primary:visible", has_text="叫号").first.click()
		officer.wait()
		# the appointment whose slot has begun before every walk-in, the earlier ones included
		expect(officer.page.locator(".gs-ticket-no")).to_have_text(checked_in)
		expect(officer.page.locator(".gs-current-ticket")).to_contain_text("预约")
		officer.shot("appointment-called")
		self.assert_chinese(officer)
		officer.page.locator(".gs-ticket-actions .btn", has_text="过号").click()
		officer.wait()
		officer.page.locator(".gs-sign-out").click()
		officer.wait()

	def test_the_hotline_seat_books_for_a_caller(self):
		seat = self.desk("hotline")
		seat.goto("/app/gs-appointment/new")
		seat.fill("applicant_name", "来电市民")
		seat.fill("mobile", f"139{random.randrange(10**7, 10**8)}")  # a caller of this run
		seat.link("service_centre", "鹤峰县", pick="鹤峰县")
		seat.link("category", CATEGORY)
		seat.page.wait_for_timeout(500)
		day = requests.get(
			f"{BASE}/api/method/govservice.service_hall.appointments.available_slots",
			params={"centre": COUNTY, "category": CATEGORY, "day": "2000-01-01"},
			timeout=60,
		)
		self.assertEqual(day.json()["message"]["slots"], [])  # a past non-day offers nothing
		date_box = seat.field("appointment_date").locator("input").first
		for offset in range(3, 12):
			date_box.fill("")
			date_box.fill(self.working_day(offset))
			date_box.press("Escape")
			seat.page.keyboard.press("Tab")
			seat.page.wait_for_timeout(800)
			if seat.field("slot_start").locator("select option").count() > 1:
				break
		seat.field("slot_start").locator("select").select_option(index=1)
		seat.shot("booking")
		self.assert_chinese(seat)
		seat.save()
		doc = seat.doc()
		self.assertEqual((doc["status"], doc["booked_via"]), ("Booked", "Hotline Booking"))
		self.assertEqual(len(doc["check_in_code"]), 8)
		seat.shot("booked")
		self.assert_chinese(seat)

	def working_day(self, offset: int) -> str:
		from datetime import date, timedelta

		day = date.today() + timedelta(days=offset)
		return day.strftime("%Y-%m-%d")


class TestHallRules(DeskTestCase):
	def test_two_officers_calling_together_never_get_the_same_ticket(self):
		first, second = login(SETUP["users"]["window"]), login(SETUP["users"]["window2"])
		for session, window in ((first, "综合受理窗口"), (second, "城乡居民医保缴费窗口")):
			self.assertEqual(api(session, f"{CALL}.sign_in", centre=COUNTY, window=window).status_code, 200)
		for _n in range(12):
			taken = requests.post(
				f"{BASE}/api/method/govservice.service_hall.tickets.take_ticket",
				data={"centre": COUNTY, "category": CATEGORY},
				timeout=60,
			)
			self.assertEqual(taken.status_code, 200)

		def call_and_pass(session) -> list[str]:
			names = []
			for _n in range(5):
				answer = api(session, f"{CALL}.call_next")
				if answer.status_code != 200:
					continue
				ticket = answer.json()["message"]["ticket"]["name"]
				names.append(ticket)
				api(session, f"{CALL}.skip", ticket=ticket)
			return names

		with ThreadPoolExecutor(2) as pool:
			one, two = pool.map(call_and_pass, (first, second))
		self.assertTrue(one and two)
		self.assertEqual(set(one) & set(two), set(), "a ticket was called to two windows")
		self.assertEqual(len(set(one + two)), len(one + two))
		for session in (first, second):
			api(session, f"{CALL}.sign_out")

	def test_kiosks_taking_numbers_together_get_distinct_numbers(self):
		"""Sixteen kiosks and phones press 取号 at the same moment: sixteen numbers, none twice, none refused
		(the day's counter is taken in one statement: no deadlock between them)."""

		def take(_n) -> requests.Response:
			return requests.post(
				f"{BASE}/api/method/govservice.service_hall.tickets.take_ticket",
				data={"centre": COUNTY, "category": "其他事务代办"},
				timeout=60,
			)

		with ThreadPoolExecutor(16) as pool:
			answers = list(pool.map(take, range(16)))
		self.assertEqual([a.status_code for a in answers].count(200), 16, [a.text[:120] for a in answers])
		numbers = [a.json()["message"]["ticket_no"] for a in answers]
		self.assertEqual(len(set(numbers)), 16, numbers)

	def test_fifty_callers_for_the_last_place_of_a_slot(self):
		seat = login(SETUP["users"]["hotline"])
		from datetime import date, timedelta

		target = None
		for offset in range(2, 8):
			day = (date.today() + timedelta(days=offset)).isoformat()
			slots = slots_of(seat, day, CATEGORY)
			fresh = [s for s in slots if s["open"] and s["left"] == s["capacity"] and s["capacity"] > 1]
			if fresh:
				target = (day, fresh[-1])
				break
		self.assertIsNotNone(target, "no fresh slot in the coming week")
		day, slot = target

		def book(mobile: str) -> int:
			return seat.post(
				f"{BASE}/api/resource/GS Appointment",
				json={
					"applicant_name": "来电市民",
					"mobile": mobile,
					"service_centre": COUNTY,
					"category": CATEGORY,
					"appointment_date": day,
					"slot_start": slot["start"],
				},
				headers={"Accept": "application/json"},
				timeout=120,
			).status_code

		run = random.randrange(100, 999)  # callers of this run (a reused site keeps earlier runs' bookings)
		for i in range(slot["capacity"] - 1):
			self.assertEqual(book(f"13{run}90{i:04d}"), 200)
		with ThreadPoolExecutor(50) as pool:
			answers = list(pool.map(book, [f"13{run}91{i:04d}" for i in range(50)]))
		self.assertEqual(answers.count(200), 1, answers)
		left = slots_of(seat, day, CATEGORY)
		self.assertEqual(next(s for s in left if s["start"] == slot["start"])["left"], 0)

	def test_a_burst_of_bookings_and_cancels_counts_once(self):
		"""One mobile, eight slots of a day at once: one appointment (the one-a-day rule holds under a
		burst); its cancel sent eight times at once: one cancel, one place given back."""
		citizen = login(SETUP["hall"]["citizen"])
		from datetime import date, timedelta

		day = None
		for offset in range(3, 9):
			candidate = (date.today() + timedelta(days=offset)).isoformat()
			slots = slots_of(citizen, candidate, "公安服务")
			free = [s for s in slots if s["open"] and s["left"] > 0]
			if len(free) >= 8:
				day, free = candidate, free[:8]
				break
		self.assertIsNotNone(day, "no day with eight free slots")

		def book(slot) -> requests.Response:
			return api(
				citizen,
				"govservice.service_hall.appointments.book_on_portal",
				centre=COUNTY,
				category="公安服务",
				day=day,
				slot_start=slot["start"],
			)

		with ThreadPoolExecutor(8) as pool:
			answers = list(pool.map(book, free))
		booked = [a.json()["message"] for a in answers if a.status_code == 200]
		self.assertEqual(len(booked), 1, [a.status_code for a in answers])
		slot = booked[0]["start"]

		def left() -> int:
			slots = slots_of(citizen, day, "公安服务")
			return next(s for s in slots if s["start"] == slot)["left"]

		before = left()
		with ThreadPoolExecutor(8) as pool:
			cancels = list(
				pool.map(
					lambda _n: api(
						citizen, "govservice.service_hall.appointments.cancel", name=booked[0]["name"]
					),
					range(8),
				)
			)
		self.assertEqual([c.status_code for c in cancels].count(200), 1)
		self.assertEqual(left(), before + 1)
		# the check-in code is the booker's and the hotline's, not every reader's of the appointment
		officer = login(SETUP["users"]["window"])
		listed = officer.get(
			f"{BASE}/api/resource/GS Appointment",
			params={"fields": json.dumps(["name", "check_in_code", "mobile"]), "limit_page_length": 0},
			timeout=60,
		)
		self.assertIn(listed.status_code, (200, 403))
		if listed.status_code == 200:
			self.assertTrue(all(not row.get("check_in_code") for row in listed.json()["data"]))

	def test_the_halls_public_answers_hold_no_personal_data(self):
		guest = requests.Session()
		taken = api(
			guest,
			"govservice.service_hall.tickets.take_ticket",
			centre=COUNTY,
			category=CATEGORY,
			source="Window",
		)
		self.assertEqual(taken.status_code, 200)
		ticket = taken.json()["message"]
		for method, params in (
			("tickets.screen_state", {"centre": COUNTY}),
			("tickets.kiosk_state", {"centre": COUNTY}),
			("tickets.ticket_status", {"key": ticket["key"]}),
			("appointments.available_slots", {"centre": COUNTY, "category": CATEGORY, "day": "2026-12-31"}),
		):
			answer = api(guest, f"govservice.service_hall.{method}", post=False, **params)
			self.assertEqual(answer.status_code, 200, method)
			text = answer.text
			self.assertIsNone(re.search(r"1[3-9]\d{9}", text), method)  # no mobile number
			for private in ("陈大厅", "来电市民", "follow_key", "check_in_code", "@"):
				self.assertNotIn(private, text, method)
		# forged and hostile values are refused plainly
		for params in (
			{"centre": COUNTY, "category": "<img src=x onerror=alert(1)>"},
			{"centre": "不存在的中心", "category": CATEGORY},
			{"centre": COUNTY, "category": "市场监管' or '1'='1"},
		):
			answer = api(guest, "govservice.service_hall.tickets.take_ticket", **params)
			self.assertEqual(answer.status_code, 417, params)
			self.assertNotIn("<img", answer.text)
		self.assertEqual(
			api(guest, "govservice.service_hall.tickets.ticket_status", post=False, key="x").status_code, 417
		)
		self.assertEqual(
			api(
				guest, "govservice.service_hall.tickets.rate_ticket", key=ticket["key"], level="<b>"
			).status_code,
			417,
		)
		# the desk's calling and booking are staff's: a guest and a citizen are refused
		for method in ("calling.call_next", "calling.desk_state", "appointments.cancel"):
			self.assertIn(
				api(guest, f"govservice.service_hall.{method}", name="x").status_code, (401, 403), method
			)


class TestResultsWindow(DeskTestCase):
	def test_the_result_is_checked_signed_for_and_its_receipt_printed(self):
		"""统一出件 (全县域通办): 金龙村's case, handled in the village, is collected at the county's results window."""
		result = SETUP["hall"]["result"]
		officer = self.desk("window")
		officer.goto("/app/my-work")
		officer.page.locator(".shortcut-widget-box", has_text="待出件").first.click()
		officer.wait()
		officer.page.locator(".list-row-container", has_text=result["applicant"]).first.locator(
			"a.list-row-col, a"
		).first.click()
		officer.page.wait_for_function(
			"() => window.cur_frm && cur_frm.doc && cur_frm.doc.name && !cur_frm.is_new()"
		)
		officer.wait()
		self.assertEqual(officer.doc()["name"], result["handover"])
		officer.shot("awaiting")
		self.assert_chinese(officer)
		officer.button("办结核验")
		officer.page.wait_for_function("() => cur_frm.doc.result_checked === 1")
		officer.wait()
		officer.button("出件")
		dialog = officer.dialog()
		expect(dialog).to_be_visible()
		officer.dialog_fill("id_number", result["id_number"])
		officer.check("identity_checked", ".modal.show")
		pad = dialog.locator("canvas").first
		expect(pad).to_be_visible()
		box = pad.bounding_box()
		officer.page.mouse.move(box["x"] + 20, box["y"] + 30)
		officer.page.mouse.down()
		for step in range(1, 12):
			officer.page.mouse.move(box["x"] + 20 + step * 15, box["y"] + 30 + (step % 3) * 12)
		officer.page.mouse.up()
		officer.shot("signing")
		self.assert_chinese(officer)
		officer.dialog_primary()
		officer.page.wait_for_function("() => cur_frm.doc.status === 'Issued'")
		officer.wait()
		doc = officer.doc()
		self.assertEqual((doc["recipient_type"], doc["recipient_name"]), ("Applicant", result["applicant"]))
		self.assertTrue(doc["signature"].startswith("data:image/png;base64,"))
		officer.shot("issued")
		self.assert_chinese(officer)
		pdf = self.assert_pdf(
			officer,
			"govservice.api.printing.download_pdf",
			doctype="GS Result Handover",
			name=result["handover"],
			print_format="GS Result Receipt",
		)
		path = os.path.join(SHOTS, f"{self._testMethodName}-receipt.pdf")
		with open(path, "wb") as out:
			out.write(pdf)
		# the village's agent sees on the case that the result was collected
		agent = self.desk("village_agent")
		agent.open_form(f"/app/gs-case/{result['case']}")
		self.assertTrue(agent.doc()["result_issued_on"])
		agent.shot("case-issued")


LICENCE_PDF = b"%PDF-1.4\n% electronic licence of the browser test\n%%EOF\n"


class TestBackOffice(DeskTestCase):
	def test_the_front_passes_the_case_and_the_department_returns_the_licence_number(self):
		"""前台受理、后台审批: 金龙村's agent passes an accepted case to 县人社局's back office; the department's
		contact finds it in 后台办理 and returns the result with the licence number; the case shows it."""
		setup = SETUP["hall"]["back_office"]
		agent = self.desk("village_agent")
		agent.open_form(f"/app/gs-case/{setup['case']}")
		agent.button("按责转办")
		dialog = agent.dialog()
		expect(dialog).to_be_visible()
		agent.select("department", value=setup["department"], scope=".modal.show")
		agent.dialog_fill("limit_days", "3")
		agent.dialog_fill("note", "请审核，原件已核")
		agent.shot("pass-to-back-office")
		self.assert_chinese(agent)
		agent.dialog_primary()
		task = None
		for _ in range(30):
			task = agent.page.evaluate(
				"""(c) => frappe.db.get_value('GS Back Office Task', {gs_case: c}, 'name')
					.then((r) => r.message && r.message.name)""",
				setup["case"],
			)
			if task:
				break
			agent.page.wait_for_timeout(300)
		self.assertTrue(task, "the back office record was not made")
		contact = self.desk("contact")
		contact.goto("/app/complaint-window")
		contact.page.locator(".shortcut-widget-box", has_text="后台办理").first.click()
		contact.wait()
		contact.page.locator(".list-row-container", has_text=setup["applicant"]).first.locator(
			"a.list-row-col, a"
		).first.click()
		contact.page.wait_for_function(
			"() => window.cur_frm && cur_frm.doc && cur_frm.doc.name && !cur_frm.is_new()"
		)
		contact.wait()
		self.assertEqual(contact.doc()["name"], task)
		contact.shot("department-record")
		self.assert_chinese(contact)
		contact.button("返回办理结果")
		expect(contact.dialog()).to_be_visible()
		contact.dialog_fill("result_summary", "准予换领居民身份证")
		contact.dialog_fill("licence_number", "４２２８２８—２０２６—０００１")
		# the electronic licence, uploaded onto the record (private) from the dialog
		contact.field("result_file", ".modal.show").locator("button").first.click()
		uploader = contact.page.locator(".modal.show").last
		uploader.locator("input[type=file]").set_input_files(
			files=[{"name": "电子证照.pdf", "mimeType": "application/pdf", "buffer": LICENCE_PDF}]
		)
		uploader.locator(".btn-primary").last.click()
		contact.page.wait_for_function(
			"""() => [...document.querySelectorAll('.modal.show [data-fieldname="result_file"] a')]
				.some((a) => (a.getAttribute('href') || '').startsWith('/private/files/'))"""
		)
		expect(contact.page.locator(".modal:visible")).to_have_count(1)  # the uploader has closed
		contact.shot("return-result")
		self.assert_chinese(contact)
		contact.dialog_primary()
		contact.page.wait_for_function("() => cur_frm.doc.status === 'Result Returned'")
		contact.wait()
		self.assertEqual(contact.doc()["licence_number"], "422828—2026—0001")
		contact.shot("returned")
		self.assert_chinese(contact)
		agent.open_form(f"/app/gs-case/{setup['case']}")
		doc = agent.doc()
		self.assertEqual((doc["licence_number"], doc["result"]), ("422828—2026—0001", "准予换领居民身份证"))
		self.assertTrue(doc["electronic_licence"].startswith("/private/files/"), doc["electronic_licence"])
		agent.shot("case-with-licence-number")
		self.assert_chinese(agent)
		# 网上出件: the case is completed and its result issued as the electronic licence the department
		# returned; its applicant downloads it from the request's page on the portal
		agent.action("开始办理")
		agent.wait()
		agent.action("办结")
		agent.wait()
		agent.expect_state("已办结")
		agent.button("办理结果已出")
		dialog = agent.dialog()
		dialog.locator('select[data-fieldname="delivery_method"]').select_option("Electronic Certificate")
		expect(agent.field("electronic_licence", ".modal.show")).to_contain_text("/private/files/")
		agent.shot("issue-electronically")
		self.assert_chinese(agent)
		agent.dialog_primary()
		agent.page.wait_for_function("() => cur_frm.doc.delivery_method === 'Electronic Certificate'")
		self.assertTrue(agent.doc()["result_ready_on"])
		citizen = on_a_phone(self, setup["citizen"])
		citizen.goto(f"{BASE}/my-requests/{setup['case']}")
		link = citizen.locator("a.gs-licence")
		expect(link).to_have_text("电子证照")
		citizen.screenshot(
			path=os.path.join(SHOTS, f"{self._testMethodName}-portal-electronic-licence.png"), full_page=True
		)
		self.assertEqual(english_on(citizen), [])
		with citizen.expect_download() as download:
			link.click()
		with open(download.value.path(), "rb") as saved:
			self.assertEqual(saved.read(), LICENCE_PDF)
		self.assertTrue(download.value.suggested_filename.endswith(".pdf"))


class TestHotlinePlatform(DeskTestCase):
	def test_a_work_order_arrives_by_the_api_and_its_reply_goes_back(self):
		"""12345: the platform files a work order with its token; the village agent handles the case in the
		desk and completes it; the platform reads the reply and is called back, signed."""
		platform = SETUP["hall"]["platform"]
		token = {
			"Authorization": f"token {platform['key']}:{platform['secret']}",
			"Accept": "application/json",
		}
		base = f"{BASE}/api/method/govservice.api.hotline"
		self.assertEqual(
			requests.get(
				f"{base}.services", headers={"Authorization": "token nope:nope"}, timeout=60
			).status_code,
			401,
		)
		services = requests.get(f"{base}.services", headers=token, timeout=60)
		self.assertEqual(services.status_code, 200, services.text[:300])
		codes = {row["service_code"] for row in services.json()["message"]}
		self.assertIn(SETUP["items"]["village"], codes)
		number = f"GD{random.randrange(10**9, 10**10)}"
		filed = requests.post(
			f"{base}.create_request",
			headers=token,
			data={
				"work_order_no": number,
				"service_code": SETUP["items"]["village"],
				"description": "来电人要求代办身份证换领",
				"last_name": "向",
				"first_name": "热线",
				"phone": "13907186666",
				"id_number": "42282819500101001X",
				"centre": "走马镇金龙村",
				"address_string": "走马镇金龙村5组",
			},
			timeout=60,
		)
		self.assertEqual(filed.status_code, 200, filed.text[:500])
		order = filed.json()["message"][0]
		again = requests.post(
			f"{base}.create_request", headers=token, data={"work_order_no": number}, timeout=60
		)
		self.assertEqual(again.status_code, 417)  # filed once
		# the platform's key opens nothing else: no REST, no desk, no accounts, no uploads
		for path in ("/api/resource/GS Case", "/api/resource/GS Work Order", "/api/resource/User", "/app"):
			self.assertEqual(requests.get(f"{BASE}{path}", headers=token, timeout=60).status_code, 403, path)
		upload = requests.post(
			f"{BASE}/api/method/upload_file",
			headers=token,
			files={"file": ("b.html", b"<script>alert(1)</script>", "text/html")},
			data={"is_private": "0"},
			timeout=60,
		)
		self.assertEqual(upload.status_code, 403)
		# the same number sent eight times at once: one work order
		burst = f"GD{random.randrange(10**9, 10**10)}"
		with ThreadPoolExecutor(8) as pool:
			codes = list(
				pool.map(
					lambda _n: (
						requests.post(
							f"{base}.create_request",
							headers=token,
							data={
								"work_order_no": burst,
								"kind": "complaint",
								"description": "同一工单重复推送",
								"name": "重复来电人",
								"phone": "13907186667",
							},
							timeout=60,
						).status_code
					),
					range(8),
				)
			)
		self.assertEqual(codes.count(200), 1, codes)

		agent = self.desk("village_agent")
		case = requests.get(
			f"{base}.get_request", headers=token, params={"work_order_no": number}, timeout=60
		).json()["message"][0]
		self.assertEqual(case["status"], "open")
		case_name = re.search(r"GS-CASE-\d{4}-\d+", order["service_notice"]).group(0)
		agent.open_form(f"/app/gs-case/{case_name}")
		agent.shot("work-order-case")
		self.assert_chinese(agent)
		agent.button("材料已收齐")
		agent.save()
		for action, state in (("受理", "已受理"), ("开始办理", "办理中"), ("办结", "已办结")):
			if action == "办结":
				agent.fill("result", "已换领居民身份证，请到村便民服务站领取")
				agent.save()
			agent.action(action)
			agent.wait()
			agent.expect_state(state)
		self.assertEqual(agent.doc()["stage"], "Completed")
		reply = requests.get(
			f"{base}.get_request", headers=token, params={"work_order_no": number}, timeout=60
		)
		self.assertEqual(reply.json()["message"][0]["status"], "closed")
		self.assertIn("已换领", reply.json()["message"][0]["status_notes"])
		# the callback, from Frappe's worker: waited for, not slept on
		callbacks_url = os.environ.get("GS_SMS_URL", "http://127.0.0.1:8025") + "/callbacks"
		found = None
		for _attempt in range(120):
			found = next(
				(c for c in requests.get(callbacks_url, timeout=30).json() if number in c["body"]), None
			)
			if found:
				break
			agent.page.wait_for_timeout(500)
		self.assertIsNotNone(found, "the platform was not called back")
		self.assertTrue(found["signature"])
		self.assertEqual(json.loads(found["body"])["status"], "closed")
