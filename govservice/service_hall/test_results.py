"""统一出件: a result announced at a township is checked and handed over once at the county's results window
the applicant chose (全县域通办), to the person the case records, with the ID number it records and a
signature; the 领取回执 prints it; EMS needs the recorded address; officers of other centres are refused."""

import frappe
from frappe.tests.utils import FrappeTestCase

from govservice.service_hall import results
from govservice.tests.utils import (
	VALID_ID_NUMBER,
	make_agent,
	make_case,
	make_centre,
	make_portal_user,
	make_service_item,
	make_user,
)

SIGNATURE = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
OFFICER = "result.officer@example.com"
TOWN_OFFICER = "result.town.officer@example.com"


class TestResultsWindow(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_user(OFFICER, ("GS Window Officer",))
		make_user(TOWN_OFFICER, ("GS Window Officer",))
		cls.county = make_centre(
			"出件测试县",
			"County",
			windows=[
				{"window_name": "统一出证窗口", "window_type": "Certificate Issuance", "officer": OFFICER}
			],
		)
		cls.town = make_centre(
			"出件测试镇",
			"Township",
			cls.county,
			windows=[
				{
					"window_name": "综合受理窗口",
					"window_type": "Comprehensive Acceptance",
					"officer": TOWN_OFFICER,
				}
			],
		)
		cls.agent = make_agent("result.agent@example.com", cls.town, agent_name="出件代办员")
		cls.item = make_service_item("RESULT-ITEM-1", item_name="出件测试事项").name

	def tearDown(self):
		frappe.set_user("Administrator")

	def completed_case(self, **values):
		values = {"pickup_centre": self.county, "address": "鹤峰县容美镇1号", **values}
		case = make_case(self.item, self.town, self.agent.name, **values)
		frappe.db.set_value(
			"GS Case", case.name, {"stage": "Completed", "status": "Completed", "result": "准予许可"}
		)
		return frappe.get_doc("GS Case", case.name)

	def test_a_result_is_checked_and_issued_once_at_the_chosen_window(self):
		case = self.completed_case()
		frappe.set_user(self.agent.user)
		case.announce_result("Window Pickup")
		frappe.set_user("Administrator")
		name = frappe.db.get_value("GS Result Handover", {"gs_case": case.name})
		doc = frappe.get_doc("GS Result Handover", name)
		self.assertEqual(
			(doc.service_centre, doc.handling_centre, doc.is_cross_centre), (self.county, self.town, 1)
		)
		self.assertEqual(doc.status, "Awaiting Pickup")
		# announced again (EMS, electronically) or moved: refused, the results window hands it over
		frappe.set_user(self.agent.user)
		self.assertRaises(
			frappe.ValidationError,
			frappe.get_doc("GS Case", case.name).announce_result,
			"Electronic Certificate",
		)
		moved = frappe.get_doc("GS Case", case.name)
		moved.pickup_centre = self.town
		self.assertRaises(frappe.ValidationError, moved.save)
		frappe.set_user("Administrator")

		frappe.set_user(TOWN_OFFICER)  # the handling township's officer is not the results window
		self.assertRaises(frappe.PermissionError, results.check_result, name)
		frappe.set_user(OFFICER)
		issue = dict(
			recipient_type="Applicant", recipient_name="王大爷", signature=SIGNATURE, identity_checked=1
		)
		self.assertRaises(
			results.ResultError, results.issue, name, id_number=VALID_ID_NUMBER, **issue
		)  # unchecked
		results.check_result(name)
		wrong = VALID_ID_NUMBER[:-4] + ("0000" if not VALID_ID_NUMBER.endswith("0000") else "1111")
		self.assertRaises(results.ResultError, results.issue, name, id_number=wrong, **issue)
		self.assertRaises(results.ResultError, results.issue, name, id_number="<b>", **issue)
		for signature in (
			"javascript:x",
			SIGNATURE + "\n",
			"data:image/svg+xml;base64,PHN2Zz4=",
			SIGNATURE + '"',
		):
			self.assertRaises(
				results.ResultError,
				results.issue,
				name,
				id_number=VALID_ID_NUMBER,
				**{**issue, "signature": signature},
			)
		self.assertRaises(
			results.ResultError,
			results.issue,
			name,
			id_number=VALID_ID_NUMBER,
			**{**issue, "identity_checked": 0},
		)
		self.assertRaises(
			results.ResultError,
			results.issue,
			name,
			id_number=VALID_ID_NUMBER,
			**{**issue, "recipient_type": "Filer"},
		)  # the case records no filer
		results.issue(
			name, id_number=VALID_ID_NUMBER.lower(), **issue
		)  # the same number, its x in lower case
		self.assertRaises(
			results.ResultError, results.issue, name, id_number=VALID_ID_NUMBER, **issue
		)  # once
		frappe.set_user("Administrator")
		doc.reload()
		self.assertEqual((doc.status, doc.recipient_type, doc.issued_by), ("Issued", "Applicant", OFFICER))
		self.assertNotIn(VALID_ID_NUMBER[6:14], doc.recipient_id_masked)
		self.assertTrue(frappe.db.get_value("GS Case", case.name, "result_issued_on"))
		actions = frappe.get_all("GS Work Log", filters={"gs_case": case.name}, pluck="action")
		self.assertIn("Result Checked", actions)
		self.assertIn("Result Issued", actions)
		# announced again: refused, it was handed over
		frappe.set_user(self.agent.user)
		self.assertRaises(
			frappe.ValidationError, frappe.get_doc("GS Case", case.name).announce_result, "Window Pickup"
		)

		frappe.set_user(OFFICER)
		lang, frappe.local.lang = frappe.local.lang, "zh"
		self.addCleanup(setattr, frappe.local, "lang", lang)
		from govservice.api.printing import render_pdf
		from govservice.casework.test_printing import pdf_text

		text = pdf_text(render_pdf("GS Result Handover", name, "GS Result Receipt"))
		self.assertIn("领取回执", text)
		self.assertIn("王大爷", text)
		self.assertNotIn(VALID_ID_NUMBER, text)

	def test_the_result_is_collected_in_the_handling_county(self):
		other = make_centre("出件外县", "County")
		self.assertRaises(frappe.ValidationError, self.completed_case, pickup_centre=other)

	def test_the_proxy_agent_collects_by_name_and_ems_needs_the_address(self):
		case = self.completed_case()
		frappe.set_user(self.agent.user)
		case.announce_result("Window Pickup")
		name = frappe.db.get_value("GS Result Handover", {"gs_case": case.name})
		frappe.set_user(OFFICER)
		results.check_result(name)
		issue = dict(recipient_type="Proxy Agent", signature=SIGNATURE, identity_checked=1)
		self.assertRaises(results.ResultError, results.issue, name, recipient_name="别人", **issue)
		results.issue(name, recipient_name="出件代办员", **issue)

		frappe.set_user("Administrator")
		no_address = self.completed_case()
		frappe.db.set_value("GS Case", no_address.name, "address", "")
		frappe.set_user(self.agent.user)
		self.assertRaises(
			frappe.ValidationError,
			frappe.get_doc("GS Case", no_address.name).announce_result,
			"EMS",
			"EA000000001CN",
		)
		sent = self.completed_case()
		frappe.get_doc("GS Case", sent.name).announce_result("EMS", "EA000000002CN")
		frappe.set_user("Administrator")
		doc = frappe.get_doc("GS Result Handover", {"gs_case": sent.name})
		self.assertEqual(
			(doc.status, doc.ems_address, doc.ems_tracking_number),
			("Sent by EMS", "鹤峰县容美镇1号", "EA000000002CN"),
		)

	def test_an_electronic_result_is_downloaded_by_its_applicant_on_the_portal(self):
		"""网上出件: a result issued as an electronic certificate needs the electronic licence on the case (a
		private file of the case); its applicant downloads it on the portal once announced (the first
		download is logged), nobody else's account does, and not before it is issued."""
		citizen = make_portal_user("result.citizen@example.com")
		other = make_portal_user("result.other.citizen@example.com")
		case = self.completed_case(portal_user=citizen, delivery_method=None)
		frappe.set_user(self.agent.user)
		with self.assertRaises(results.ResultError):  # no licence yet
			case.announce_result("Electronic Certificate")
		licence = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "licence.pdf",
				"attached_to_doctype": "GS Case",
				"attached_to_name": case.name,
				"is_private": 1,
				"content": b"%PDF-1.4 electronic licence",
			}
		).insert()
		stranger = frappe.get_doc(  # a file of another record is not this case's licence
			{"doctype": "File", "file_name": "x.pdf", "is_private": 1, "content": b"%PDF-1.4 x"}
		).insert()
		frappe.set_user(citizen)
		frappe.local.form_dict = frappe._dict()
		with self.assertRaises(results.ResultError):  # not issued yet
			results.download_licence(case.name)
		frappe.set_user(self.agent.user)
		case = frappe.get_doc("GS Case", case.name)
		with self.assertRaises(results.ResultError):
			case.announce_result("Electronic Certificate", electronic_licence=stranger.file_url)
		case.announce_result("Electronic Certificate", electronic_licence=licence.file_url)
		self.assertEqual(frappe.db.get_value("GS Case", case.name, "electronic_licence"), licence.file_url)
		self.assertEqual(
			frappe.db.get_value("GS Result Handover", {"gs_case": case.name}, "status"),
			"Issued Electronically",
		)
		frappe.set_user(citizen)
		for _ in range(2):
			response = results.download_licence(case.name)
			self.assertEqual(response.get_data(), b"%PDF-1.4 electronic licence")
			self.assertEqual(response.mimetype, "application/pdf")
			self.assertTrue(response.headers["Content-Disposition"].startswith("attachment;"))
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.count("GS Work Log", {"gs_case": case.name, "action": "Electronic Licence Downloaded"}),
			1,
		)
		for user, name in ((other, case.name), (citizen, "GS-CASE-NO-SUCH")):
			frappe.set_user(user)
			self.assertRaises(frappe.PermissionError, results.download_licence, name)
		frappe.set_user(self.agent.user)  # the case's staff read it too
		self.assertEqual(results.download_licence(case.name).get_data(), b"%PDF-1.4 electronic licence")

	def test_the_cross_centre_ledger_shows_each_centre_its_part(self):
		"""全县域通办台账: the county's results window lists what it handed over for the township (代发), the
		township what the county handed over for it (异地出件); a centre outside both lists neither, and a
		centre outside the reader's scope is refused as a filter."""
		from govservice.service_hall.report.cross_centre_ledger import cross_centre_ledger as ledger

		case = self.completed_case()
		frappe.set_user(self.agent.user)
		case.announce_result("Window Pickup")
		today = frappe.utils.nowdate()
		period = {"from_date": today, "to_date": today}

		def kinds(user, **extra):
			frappe.set_user(user)
			_columns, rows = ledger.execute({**period, **extra})
			frappe.set_user("Administrator")
			return {
				(row["kind"], row["centre"], row["other_centre"])
				for row in rows
				if row["gs_case"] == case.name
			}

		frappe.local.lang = "en"
		self.assertEqual(
			kinds(OFFICER),
			{
				("Issued for Another Centre", self.county, self.town),
				("Issued Elsewhere", self.town, self.county),
			},
		)
		self.assertEqual(kinds(self.agent.user), {("Issued Elsewhere", self.town, self.county)})
		outsider_centre = make_centre("出件无关镇", "Township", self.county)
		outsider = make_agent("result.outsider@example.com", outsider_centre)
		self.assertEqual(kinds(outsider.user), set())
		frappe.set_user(outsider.user)
		self.assertRaises(frappe.ValidationError, ledger.execute, {**period, "service_centre": self.town})
