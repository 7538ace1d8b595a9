"""The service hall as its roles use it: categories and windows, tickets taken, called, passed, sent to
another window, served and rated; appointments booked to the last place and no further, checked in and
called at their slot first, cancelled, barred after no-shows; each refusal for the wrong person."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, getdate, now_datetime, nowdate

from govservice.organisation.calendar import is_working_day
from govservice.service_hall import appointments, calling, tickets
from govservice.service_hall.categories import HallCategoryError
from govservice.tests.utils import make_centre, make_portal_user, make_user

COUNTY = "大厅测试县"
TOWN = "大厅测试镇"
OFFICER = "hall.officer@example.com"
OFFICER2 = "hall.officer2@example.com"
TOWN_OFFICER = "hall.town@example.com"
HOTLINE = "hall.hotline@example.com"
CITIZEN = "hall.citizen@example.com"


def next_working_day(offset: int = 1):
	day = getdate(add_days(nowdate(), offset))
	while not is_working_day(day):
		day = getdate(add_days(day, 1))
	return day


class TestServiceHall(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		for user, roles in (
			(OFFICER, ("GS Window Officer",)),
			(OFFICER2, ("GS Window Officer",)),
			(TOWN_OFFICER, ("GS Window Officer",)),
			(HOTLINE, ("GS Hotline Seat",)),
		):
			make_user(user, roles)
		make_centre(
			COUNTY,
			"County",
			opening_hours="工作日 8:30-12:00, 14:30-17:30",
			windows=[
				{"window_name": "1号窗口", "window_type": "Comprehensive Acceptance", "officer": OFFICER},
				{"window_name": "2号窗口", "window_type": "Comprehensive Acceptance", "officer": OFFICER2},
				{"window_name": "3号窗口", "window_type": "Other Proxy Affairs"},
			],
		)
		make_centre(
			TOWN,
			"Township",
			COUNTY,
			windows=[
				{
					"window_name": "综合受理窗口",
					"window_type": "Comprehensive Acceptance",
					"officer": TOWN_OFFICER,
				}
			],
		)
		make_portal_user(CITIZEN, phone="13912345678", full_name="李四")
		if not frappe.db.exists("GS Hall Category", "大厅测试社保"):
			frappe.get_doc(
				{
					"doctype": "GS Hall Category",
					"category_name": "大厅测试社保",
					"prefix": "Ｓ",  # a full-width letter is taken as S
					"service_minutes": 15,
					"windows": [
						{"service_centre": COUNTY, "window_name": "1号窗口"},
						{"service_centre": COUNTY, "window_name": "2号窗口"},
						{"service_centre": TOWN, "window_name": "综合受理窗口"},
					],
				}
			).insert()
		if not frappe.db.exists("GS Hall Category", "大厅测试其他"):
			frappe.get_doc(
				{
					"doctype": "GS Hall Category",
					"category_name": "大厅测试其他",
					"prefix": "T",
					"service_minutes": 30,
					"windows": [{"service_centre": COUNTY, "window_name": "3号窗口"}],
				}
			).insert()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_a_category_is_checked(self):
		self.assertEqual(frappe.db.get_value("GS Hall Category", "大厅测试社保", "prefix"), "S")
		for prefix in ("SS", "1", "甲"):
			doc = frappe.get_doc(
				{"doctype": "GS Hall Category", "category_name": "坏类别" + prefix, "prefix": prefix}
			)
			self.assertRaises(HallCategoryError, doc.insert)
		doc = frappe.get_doc(
			{
				"doctype": "GS Hall Category",
				"category_name": "坏窗口",
				"prefix": "W",
				"windows": [{"service_centre": COUNTY, "window_name": "9号窗口"}],
			}
		)
		self.assertRaises(HallCategoryError, doc.insert)

	def test_a_ticket_from_the_kiosk_to_the_rating(self):
		first, key1 = tickets.issue_ticket(COUNTY, "大厅测试社保", "Kiosk")
		second, key2 = tickets.issue_ticket(COUNTY, "大厅测试社保", "Phone")
		self.assertEqual(int(second.ticket_no[1:]), int(first.ticket_no[1:]) + 1)
		self.assertTrue(first.ticket_no.startswith("S"))
		self.assertNotIn(key1, str(frappe.db.get_value("GS Queue Ticket", first.name, "follow_key")))
		frappe.set_user("Guest")
		status = tickets.ticket_status(key2)
		self.assertEqual((status["status"], status["ahead"]), ("In Queue", 1))
		self.assertEqual(status["wait_minutes"], 8)  # one ahead, 15 minutes, two windows
		# the screen and the kiosk show numbers and counts, never a key or a name
		screen = tickets.screen_state(COUNTY)
		self.assertNotIn(key1, frappe.as_json(screen))

		frappe.set_user(OFFICER)
		self.assertRaises(tickets.HallError, calling.call_next)  # not signed in
		self.assertRaises(frappe.PermissionError, calling.sign_in, TOWN, "综合受理窗口")
		calling.sign_in(COUNTY, "1号窗口")
		frappe.set_user(OFFICER2)
		self.assertRaises(tickets.HallError, calling.sign_in, COUNTY, "1号窗口")  # a colleague holds it
		frappe.set_user(OFFICER)
		called = calling.call_next()
		self.assertEqual(called["ticket"]["name"], first.name)
		self.assertEqual(called["called"]["text"], f"请{first.ticket_no}号到1号窗口办理")
		self.assertRaises(tickets.HallError, calling.call_next)  # one ticket in hand at a time
		calling.recall(first.name)
		self.assertEqual(frappe.db.get_value("GS Queue Ticket", first.name, "call_count"), 2)
		calling.skip(first.name)  # 过号
		called = calling.call_next()
		self.assertEqual(called["ticket"]["name"], second.name)
		calling.transfer(second.name, "3号窗口")  # 转窗口: waits for window 3 only
		self.assertEqual(
			frappe.db.get_value("GS Queue Ticket", second.name, ["status", "sent_to_window"]),
			("In Queue", "3号窗口"),
		)
		self.assertRaises(tickets.HallError, calling.call_next)  # window 1 no longer calls it
		calling.sign_out()
		calling.sign_in(COUNTY, "3号窗口")
		called = calling.call_next()
		self.assertEqual(called["ticket"]["name"], second.name)
		self.assertRaises(tickets.HallError, calling.finish, second.name)  # not started
		calling.start(second.name)
		calling.finish(second.name)
		done = frappe.db.get_value(
			"GS Queue Ticket",
			second.name,
			["status", "window_name", "wait_seconds", "service_seconds"],
			as_dict=True,
		)
		self.assertEqual((done.status, done.window_name), ("Done", "3号窗口"))
		self.assertIsNotNone(done.wait_seconds)
		self.assertIsNotNone(done.service_seconds)
		calling.sign_out()

		frappe.set_user("Guest")
		self.assertRaises(tickets.HallError, tickets.rate_ticket, key1, "Satisfied")  # passed, not served
		self.assertRaises(tickets.HallError, tickets.rate_ticket, key2, "Excellent")
		tickets.rate_ticket(key2, "Very Satisfied", '<img src="/api/method/logout">快')
		self.assertNotIn("<", frappe.db.get_value("GS Queue Ticket", second.name, "rating_comment"))
		self.assertRaises(tickets.HallError, tickets.rate_ticket, key2, "Dissatisfied")  # once
		self.assertEqual(frappe.db.get_value("GS Queue Ticket", second.name, "rating"), "Very Satisfied")
		self.assertRaises(tickets.HallError, tickets.ticket_status, "x" * 32)

	def test_the_halls_month_feeds_the_performance_figures(self):
		from govservice.domain.performance_rules import finish, month_of
		from govservice.supervision.performance import month_figures

		month = month_of(getdate(nowdate()))

		def hall() -> dict:
			return finish(dict(month_figures(month, TOWN).get(TOWN, {}).get("total") or {}))

		before = hall()
		ticket, _key = tickets.issue_ticket(TOWN, "大厅测试社保", "Kiosk")
		frappe.db.set_value(
			"GS Queue Ticket", ticket.name, {"status": "Done", "wait_seconds": 600, "service_seconds": 300}
		)
		after = hall()
		self.assertEqual(after["hall_tickets"], (before.get("hall_tickets") or 0) + 1)
		self.assertEqual(after["hall_served"], (before.get("hall_served") or 0) + 1)
		self.assertIsNotNone(after["avg_wait_minutes"])
		if not before.get("hall_wait_count"):
			self.assertEqual((after["avg_wait_minutes"], after["avg_service_minutes"]), (10.0, 5.0))

	def test_a_centre_is_its_exact_name_and_the_hall_keeps_its_hours(self):
		frappe.set_user("Guest")
		for spelling in (COUNTY + " ", COUNTY + "\x00", COUNTY + "\u200b", COUNTY.encode().decode() + "\t"):
			self.assertRaises(tickets.HallError, tickets.take_ticket, spelling, "大厅测试社保")
			self.assertRaises(tickets.HallError, tickets.kiosk_state, spelling)
			self.assertRaises(tickets.HallError, tickets.screen_state, spelling)
			self.assertEqual(appointments.day_slots(spelling, "大厅测试社保", next_working_day(2)), [])
		frappe.set_user("Administrator")
		now = now_datetime()
		later = add_to_date(now, hours=2)
		closed = (
			f"{later:%H:%M}-{add_to_date(later, hours=1):%H:%M}"
			if later.date() == now.date() and add_to_date(later, hours=1).date() == now.date()
			else f"{add_to_date(now, hours=-3):%H:%M}-{add_to_date(now, hours=-2):%H:%M}"
		)
		frappe.db.set_value("GS Service Centre", TOWN, "opening_hours", f"工作日 {closed}")
		frappe.db.set_single_value("GS Settings", "hall_open_hours_only", 1)
		frappe.set_user("Guest")
		self.assertRaises(tickets.HallError, tickets.take_ticket, TOWN, "大厅测试社保")
		frappe.set_user("Administrator")
		frappe.db.set_single_value("GS Settings", "hall_open_hours_only", 0)
		frappe.set_user("Guest")
		self.assertTrue(tickets.take_ticket(TOWN, "大厅测试社保")["ticket_no"].startswith("S"))

	def test_the_days_queue_closes_after_midnight(self):
		ticket, _key = tickets.issue_ticket(COUNTY, "大厅测试其他", "Kiosk")
		frappe.db.set_value("GS Queue Ticket", ticket.name, "ticket_date", add_days(nowdate(), -1))
		today, _key = tickets.issue_ticket(COUNTY, "大厅测试其他", "Kiosk")
		self.assertGreaterEqual(calling.close_the_day()["tickets"], 1)
		self.assertEqual(frappe.db.get_value("GS Queue Ticket", ticket.name, "status"), "Cancelled")
		self.assertEqual(frappe.db.get_value("GS Queue Ticket", today.name, "status"), "In Queue")
		frappe.db.set_value("GS Queue Ticket", today.name, "status", "Cancelled")  # not for the next tests

	def test_finishing_links_only_a_case_the_officer_reads(self):
		frappe.set_user("Administrator")
		other = frappe.get_all("GS Case", filters={"service_centre": ["!=", COUNTY]}, pluck="name", limit=1)
		tickets.issue_ticket(TOWN, "大厅测试社保", "Kiosk")
		frappe.set_user(TOWN_OFFICER)
		calling.sign_in(TOWN, "综合受理窗口")
		ticket = frappe._dict(calling.call_next()["ticket"])  # the township's first waiting number
		calling.start(ticket.name)
		self.assertRaises(tickets.HallError, calling.finish, ticket.name, "GS-CASE-NONE")
		if other:  # another centre's case answers as one that does not exist
			self.assertRaises(tickets.HallError, calling.finish, ticket.name, other[0])
		frappe.set_user(OFFICER)
		self.assertRaises(tickets.HallError, calling.skip, ticket.name)  # not at this officer's window
		frappe.set_user(TOWN_OFFICER)
		calling.finish(ticket.name)
		calling.sign_out()

	def test_an_appointment_books_the_last_place_and_no_more(self):
		day = next_working_day(2)
		slot = next(s for s in appointments.day_slots(COUNTY, "大厅测试社保", day) if s["start"] == "14:30")
		self.assertEqual(slot["capacity"], 2)  # 2 windows × 2 services of 15 minutes, half for appointments
		frappe.set_user(HOTLINE)
		booked = [
			appointments.book(
				{
					"applicant_name": f"来电人{i}",
					"mobile": f"1380000{i:04d}",
					"service_centre": COUNTY,
					"category": "大厅测试社保",
					"appointment_date": day,
					"slot_start": "14:30",
				},
				"Hotline",
			)
			for i in range(2)
		]
		self.assertEqual([b.booked_via for b in booked], ["Hotline Booking", "Hotline Booking"])
		self.assertTrue(all(len(b.check_in_code) == 8 for b in booked))
		extra = {
			"applicant_name": "来电人9",
			"mobile": "13800009999",
			"service_centre": COUNTY,
			"category": "大厅测试社保",
			"appointment_date": day,
			"slot_start": "14:30",
		}
		self.assertRaises(appointments.SlotFull, appointments.book, extra, "Hotline")
		appointments.cancel(booked[0].name)
		self.assertEqual(appointments.book(extra, "Hotline").status, "Booked")  # the place came back
		# a slot not offered, a day off, a forged status or code
		for change in ({"slot_start": "12:30"}, {"slot_start": "<b>"}, {"appointment_date": "2026-10-01"}):
			self.assertRaises(
				appointments.HallError,
				appointments.book,
				{**extra, "mobile": "13800008888", **change},
				"Hotline",
			)
		forged = appointments.book(
			{
				**extra,
				"mobile": "13800007777",
				"slot_start": "15:00",
				"status": "Checked In",
				"check_in_code": "00000000",
			},
			"Hotline",
		)
		self.assertEqual(forged.status, "Booked")
		self.assertNotEqual(forged.check_in_code, "00000000")
		# the same caller twice on a day and category
		self.assertRaises(
			appointments.HallError, appointments.book, {**extra, "slot_start": "15:30"}, "Hotline"
		)

	def test_the_portal_books_in_the_account_holders_name(self):
		day = next_working_day(3)
		frappe.set_user(CITIZEN)
		booked = appointments.book_on_portal(COUNTY, "大厅测试其他", str(day), "09:00")
		doc = frappe.get_doc("GS Appointment", booked["name"])
		self.assertEqual((doc.applicant_name, doc.mobile, doc.portal_user), ("李四", "13912345678", CITIZEN))
		# moved to another time the same day (the appointment being moved is not a second one)
		moved = appointments.reschedule(doc.name, str(day), "09:30")["name"]
		self.assertEqual(
			frappe.db.get_value("GS Appointment", doc.name, ["status", "rescheduled_to"]),
			("Cancelled", moved),
		)
		self.assertEqual(frappe.db.get_value("GS Appointment", moved, "portal_user"), CITIZEN)
		self.assertRaises(appointments.HallError, appointments.cancel, doc.name)  # cancelled already
		doc = frappe.get_doc("GS Appointment", moved)
		frappe.set_user(HOTLINE)
		doc.mobile = "13900000999"  # not afterwards: the texts and the one-a-day rule follow the number
		self.assertRaises(frappe.ValidationError, doc.save)
		doc.reload()
		appointments.cancel(doc.name)  # the hotline seat may cancel for a caller
		frappe.set_user(OFFICER)
		self.assertRaises(frappe.PermissionError, appointments.cancel, doc.name)
		frappe.set_user("Guest")
		self.assertRaises(
			frappe.PermissionError, appointments.book_on_portal, COUNTY, "大厅测试其他", str(day), "09:00"
		)

	def test_check_in_gives_a_ticket_called_at_its_slot_first(self):
		frappe.set_user("Administrator")
		walk_in, _key = tickets.issue_ticket(COUNTY, "大厅测试其他", "Kiosk")
		# an appointment of today whose slot began (written as the booking would have, earlier; just after
		# midnight the day's first minute)
		start = max(add_to_date(now_datetime(), minutes=-20), frappe.utils.get_datetime(nowdate()))
		appointment = frappe.get_doc(
			{
				"doctype": "GS Appointment",
				"applicant_name": "王五",
				"mobile": "13700001111",
				"service_centre": COUNTY,
				"category": "大厅测试其他",
				"appointment_date": nowdate(),
				"slot_start": start.strftime("%H:%M"),
				"slot_end": add_to_date(start, minutes=30).strftime("%H:%M"),
				"status": "Booked",
				"check_in_code": "12345678",
			}
		)
		appointment.db_insert()
		frappe.set_user("Guest")
		self.assertRaises(tickets.HallError, appointments.check_in, COUNTY, "87654321")
		self.assertRaises(tickets.HallError, appointments.check_in, COUNTY, "１２３４５６７８")
		self.assertRaises(tickets.HallError, appointments.check_in, TOWN, "12345678")  # another centre
		ticket = appointments.check_in(COUNTY, "12345678")
		self.assertRaises(tickets.HallError, appointments.check_in, COUNTY, "12345678")  # once
		frappe.set_user(OFFICER)
		calling.sign_in(COUNTY, "3号窗口")
		called = calling.call_next()
		self.assertEqual(called["ticket"]["ticket_no"], ticket["ticket_no"])  # before the earlier walk-in
		self.assertEqual(called["ticket"]["source"], "Appointment")
		calling.skip(called["ticket"]["name"])
		self.assertEqual(calling.call_next()["ticket"]["name"], walk_in.name)
		calling.skip(walk_in.name)
		calling.sign_out()

	def test_no_shows_bar_booking(self):
		frappe.set_user("Administrator")
		for days in (3, 10, 20):
			frappe.get_doc(
				{
					"doctype": "GS Appointment",
					"applicant_name": "赵六",
					"mobile": "13600001111",
					"service_centre": COUNTY,
					"category": "大厅测试其他",
					"appointment_date": add_days(nowdate(), -days),
					"slot_start": "09:00",
					"slot_end": "09:30",
					"status": "Booked",
				}
			).db_insert()
		self.assertGreaterEqual(appointments.mark_no_shows(), 3)
		self.assertEqual(frappe.db.count("GS Appointment", {"mobile": "13600001111", "status": "No-show"}), 3)
		frappe.set_user(HOTLINE)
		with self.assertRaises(appointments.HallError) as refused:
			appointments.book(
				{
					"applicant_name": "赵六",
					"mobile": "13600001111",
					"service_centre": COUNTY,
					"category": "大厅测试其他",
					"appointment_date": next_working_day(1),
					"slot_start": "15:00",
				},
				"Hotline",
			)
		self.assertIn("3", str(refused.exception))


class TestAppointmentTexts(FrappeTestCase):
	def test_each_text_renders_in_the_notifications_context(self):
		"""The texts render in the context Notification gives its templates (no database calls there)."""
		from frappe.email.doctype.notification.notification import get_context

		from govservice.citizen_portal.notification import template_context
		from govservice.service_hall.notifications import appointment_notifications

		doc = frappe.get_doc(
			{
				"doctype": "GS Appointment",
				"applicant_name": "李四",
				"mobile": "13912345678",
				"service_centre": "大厅测试县",
				"centre_title": "大厅测试县政务服务中心",
				"category": "大厅测试社保",
				"appointment_date": "2026-12-10",
				"slot_start": "09:00",
				"slot_end": "09:30",
				"check_in_code": "12345678",
			}
		)
		for record in appointment_notifications():
			text = frappe.render_template(record["message"], template_context(get_context(doc)))
			self.assertIn("大厅测试县政务服务中心", text, record["name"])
			self.assertIn("09:00", text)
			self.assertNotIn("{{", text)
