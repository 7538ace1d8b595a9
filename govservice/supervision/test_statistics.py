"""统计分析: the charts and number cards counted in each reader's scope (a township's supervisor, the
supervisory department, an agent of a village), translated labels, unknown charts refused, and the 月报 of
the published figures with the total of the reader's scope, emailed on request."""

import frappe
from frappe.utils import add_days, get_first_day, getdate, now_datetime

from govservice.supervision import statistics
from govservice.supervision.report.monthly_service_report import monthly_service_report
from govservice.tests.utils import (
	FrappeTestCase,
	make_agent,
	make_case,
	make_centre,
	make_outgoing_email_account,
	make_service_item,
	make_supervisor,
	make_user,
)


class TestStatistics(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		county = make_centre("统计测试县", "County")
		cls.town = make_centre("统计测试镇", "Township", county)
		cls.village = make_centre("统计测试村", "Village", cls.town)
		cls.other_town = make_centre("统计测试二镇", "Township", county)
		cls.agent = make_agent("tj.agent@test.govservice", cls.village)
		cls.other_agent = make_agent("tj.agent2@test.govservice", cls.other_town)
		cls.item = make_service_item("TJ-ITEM", item_name="统计测试事项").name
		cls.supervisor = make_supervisor("tj.supervisor@test.govservice", cls.town)
		cls.supervisory = make_user("tj.supervisory@test.govservice", roles=("GS Supervisory Officer",))
		now = now_datetime()
		for centre, agent, channel, count in (
			(cls.village, cls.agent, "Village Collection", 3),
			(cls.other_town, cls.other_agent, "Window", 2),
		):
			for _ in range(count):
				case = make_case(cls.item, centre, agent.name, intake_channel=channel)
				frappe.db.set_value("GS Case", case.name, {"received_on": now, "completed_on": now})

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_each_reader_counts_their_scope(self):
		frappe.set_user(self.supervisor)
		labels, values = statistics.channel_mix()
		self.assertEqual(values, [3])  # the township's village only, not the other township's window
		self.assertEqual(labels, [frappe._("Village Collection")])
		self.assertGreaterEqual(statistics.received_this_month()["value"], 3)
		self.assertEqual(statistics.level_mix(), ([frappe._("Finished in the Village")], [3]))
		months, counts = statistics.monthly_trend()
		self.assertEqual((len(months), counts[-1]), (13, 3))
		frappe.set_user(self.other_agent.user)
		self.assertEqual(sum(statistics.chart_data("Top Service Items")["datasets"][0]["values"]), 2)
		frappe.set_user(self.agent.user)
		self.assertEqual(statistics.village_share()["value"], 100.0)  # the village's year: all in the village
		frappe.set_user(self.supervisory)  # reads no case, counts the county's
		self.assertGreaterEqual(statistics.received_this_month()["value"], 5)
		with self.assertRaises(frappe.ValidationError):
			statistics.chart_data("Anything Else")

	def test_the_monthly_report_of_my_scope(self):
		from govservice.supervision import performance

		month = get_first_day(add_days(get_first_day(getdate()), -1))
		frappe.db.delete("GS Performance Row", {"parent": ["like", f"GS-PERF-{month:%Y%m}-%"]})
		frappe.db.delete("GS Performance Report", {"month": month})
		performance.compute_month(month)
		frappe.set_user(self.supervisory)
		performance.publish_month(str(month))
		frappe.set_user(self.supervisor)
		_columns, rows, message = monthly_service_report.execute({"month": str(month)})
		centres = {row.get("service_centre") for row in rows if not row.get("bold")}
		self.assertEqual(centres, {self.town, self.village})
		self.assertTrue(rows[-1]["bold"])
		self.assertIsNone(message)
		self.assertEqual(statistics.monthly_report_mail(), {"enabled": False})
		self.assertEqual(statistics.set_monthly_report_mail(1), {"enabled": True})
		subscription = frappe.get_doc(
			"Auto Email Report", {"report": "Monthly Service Report", "user": self.supervisor}
		)
		self.assertEqual((subscription.frequency, subscription.format), ("Monthly", "XLSX"))
		frappe.set_user(self.agent.user)
		with self.assertRaises(frappe.PermissionError):
			statistics.set_monthly_report_mail(1)

	def test_the_monthly_report_pdf_and_its_mail_on_publication(self):
		from govservice.casework.test_printing import pdf_text
		from govservice.supervision import monthly_report, performance

		month = get_first_day(add_days(get_first_day(getdate()), -1))
		# two cases of the village received and completed last month
		for _ in range(2):
			case = make_case(self.item, self.village, self.agent.name, intake_channel="Village Collection")
			frappe.db.set_value(
				"GS Case", case.name, {"received_on": add_days(month, 9), "completed_on": add_days(month, 9)}
			)
		frappe.db.delete("GS Performance Row", {"parent": ["like", f"GS-PERF-{month:%Y%m}-%"]})
		frappe.db.delete("GS Performance Report", {"month": month})
		performance.compute_month(month)
		lang, frappe.local.lang = frappe.local.lang, "zh"
		self.addCleanup(setattr, frappe.local, "lang", lang)
		frappe.set_user(self.supervisor)
		with self.assertRaises(monthly_report.MonthlyReportError):  # computed, not published: nothing to show
			monthly_report.render(month)
		frappe.set_user(self.supervisory)
		performance.publish_month(str(month))
		# a hostile name reaches the template escaped
		frappe.db.set_value("GS Service Centre", self.village, "official_name", "统计测试村<b>粗</b>")
		frappe.set_user(self.supervisor)
		context = monthly_report.context(month)
		town = frappe.db.get_value("GS Service Centre", self.town, "official_name")
		self.assertEqual({c["centre"] for c in context["centres"]}, {town, "统计测试村<b>粗</b>"})
		self.assertEqual(context["scope"], town)
		self.assertEqual(context["total"]["cases_received"], 2)
		self.assertEqual([(i.label, int(i.received)) for i in context["items"]], [("统计测试事项", 2)])
		html = frappe.render_template("govservice/templates/print/monthly_report.html", context)
		self.assertIn("统计测试村&lt;b&gt;粗&lt;/b&gt;", html)
		self.assertNotIn("<b>粗", html)
		text = pdf_text(monthly_report.render(month))
		self.assertIn("政务服务月报", text)
		self.assertIn("一、总体情况", text)
		self.assertIn("统计测试事项", text)
		self.assertIn(town, text)
		self.assertNotIn("统计测试二镇", text)  # the other township is not the supervisor's
		with self.assertRaises(monthly_report.MonthlyReportError):
			monthly_report.month_given("not a month")
		# the county reads townships, each with its villages summed into it
		frappe.set_user(self.supervisory)
		rows = {c["centre"]: c for c in monthly_report.context(month)["centres"]}
		self.assertEqual(rows[f"{town}（含所辖村）"]["cases_received"], 2)
		self.assertNotIn("统计测试村<b>粗</b>", rows)
		frappe.set_user(self.supervisor)
		# 办不成事 is the county's: a township's report says so instead of the county's causes
		self.assertEqual((context["county_reader"], context["causes"]), (False, []))
		self.assertIn("县级窗口受理", text)
		# a subscription is its own user's, to their own address: an administrator can neither subscribe
		# someone else (it would run as them), nor redirect someone's mail, nor read or send theirs
		frappe.set_user("Administrator")
		admin = make_user("tj.gsadmin@test.govservice", roles=("GS Administrator",))
		frappe.set_user(self.supervisor)
		statistics.set_monthly_report_mail(1)
		own = frappe.db.get_value(
			"Auto Email Report", {"report": "Monthly Service Report", "user": self.supervisor}
		)
		frappe.set_user(admin)
		for fields in (
			{"user": self.supervisory, "email_to": admin},
			{"user": admin, "email_to": "someone@elsewhere.test"},
		):
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc(
					{
						"doctype": "Auto Email Report",
						"report": "Monthly Service Report",
						"format": "XLSX",
						"frequency": "Monthly",
						**fields,
					}
				).insert()
		self.assertFalse(frappe.has_permission("Auto Email Report", "read", doc=own))
		self.assertNotIn(own, frappe.get_list("Auto Email Report", pluck="name"))
		frappe.set_user(self.supervisor)
		doc = frappe.get_doc("Auto Email Report", own)
		doc.email_to = "evil@elsewhere.test"
		with self.assertRaises(frappe.PermissionError):
			doc.save()
		frappe.set_user(self.agent.user)  # an agent of a village reads no 月报
		with self.assertRaises(frappe.PermissionError):
			monthly_report.monthly_report_pdf(str(month))
		# mailed on publication only, as each reader's scope, PDF beside the Excel table
		frappe.set_user(self.supervisor)
		statistics.set_monthly_report_mail(1)
		frappe.set_user("Administrator")
		make_outgoing_email_account()
		name = frappe.db.get_value(
			"Auto Email Report", {"report": "Monthly Service Report", "user": self.supervisor}
		)
		queued = frappe.db.count("Email Queue", {"reference_name": name})
		frappe.get_doc("Auto Email Report", name).send()  # Frappe's monthly run: not published then, nothing
		self.assertEqual(frappe.db.count("Email Queue", {"reference_name": name}), queued)
		self.assertGreaterEqual(monthly_report.mail_subscribers(str(month)), 1)
		mail = frappe.get_last_doc("Email Queue", filters={"reference_name": name})
		self.assertIn(self.supervisor, [r.recipient for r in mail.recipients])
		message = mail.message
		self.assertIn(f"{month:%Y-%m}.pdf", message)
		self.assertIn(f"{month:%Y-%m}.xlsx", message)
