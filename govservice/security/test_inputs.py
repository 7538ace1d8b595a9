"""What people type, made safe at the boundary; fields above level 0 kept out of history, follows and
notifications; private files kept apart; Guest answers that do not tell who has an account."""

import json

import frappe
from frappe.utils.file_manager import get_file_path

from govservice.casework.doctype.gs_case.test_gs_case import CaseTestCase
from govservice.complaints.doctype.gs_complaint.test_gs_complaint import ComplaintTestCase
from govservice.organisation.utils import grant_centre_scope
from govservice.security import endpoints, history
from govservice.security.registry import app_doctypes
from govservice.security.requests import restricted_fields
from govservice.tests.utils import make_user, resident_id
from govservice.utils import IdentifierError

HOSTILE = (
	'"><svg onload=alert(1)><div style="position:fixed;inset:0"><a href="http://evil.test/">点击核验</a>'
)


class TestTypedInput(ComplaintTestCase):
	def test_phone_spellings_are_one_number_or_refused(self):
		doc = self.register(reporter_phone="１３９１２０６０００１")
		self.assertEqual(doc.reporter_phone, "13912060001")
		for spelling in ("139١2060001", "১৩৯১২০৬০০০১", "๑๓๙๑๒๐๖๐๐๐๑", "၁၃၉၁၂၀၆၀၀၀၁"):
			with self.assertRaises(IdentifierError, msg=spelling):
				self.register(reporter_phone=spelling)

	def test_one_phone_rule_for_every_phone_a_person_types(self):
		with self.assertRaises(IdentifierError):
			self.register(reporter_phone="12345")
		self.assertEqual(self.register(reporter_phone="0718-8230000").reporter_phone, "0718-8230000")

	def test_typed_text_is_plain_text(self):
		doc = self.register(description=HOSTILE, reporter_name="<b>张</b>")
		self.assertNotIn("<", doc.description + doc.reporter_name)
		self.assertNotIn(">", doc.description + doc.reporter_name)
		self.assertIn("＜svg onload=alert(1)＞", doc.description)
		self.assertEqual(doc.reporter_name, "＜b＞张＜/b＞")

	def test_values_are_not_repeated_in_messages(self):
		with self.assertRaises(frappe.ValidationError) as refused:
			self.register(channel=HOSTILE)
		self.assertNotIn("<", str(refused.exception))
		with self.assertRaises(frappe.ValidationError) as refused:
			self.register(department=HOSTILE)
		self.assertNotIn("<", str(refused.exception))


class TestRestrictedFields(CaseTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		super().tearDown()

	def test_full_identifiers_come_from_metadata_and_are_never_printed(self):
		self.assertLessEqual({"id_number", "filer_id_number"}, restricted_fields("GS Case"))
		self.assertIn("requests", restricted_fields("GS Collection Sheet"))
		self.assertIn("id_number", restricted_fields("GS Collection Request"))
		for doctype in app_doctypes():
			meta = frappe.get_meta(doctype)
			for df in meta.fields:
				if df.fieldtype == "Data" and df.permlevel:
					self.assertTrue(df.print_hide, f"{doctype}.{df.fieldname} is printed in full")
				if df.fieldname.endswith("id_number") and df.fieldtype == "Data":
					self.assertTrue(df.permlevel, f"{doctype}.{df.fieldname} is a full ID at level 0")

	def changed_id_case(self):
		case = self.new_case()
		case.id_number = resident_id(777)
		case.save(ignore_version=False)  # FrappeTestCase skips versions unless asked
		return case

	def id_changes_seen(self, user: str, case) -> list:
		frappe.set_user(user)
		frappe.response.pop("docinfo", None)
		history.getdoc("GS Case", case.name)
		versions = frappe.response["docinfo"]["versions"]
		return [c for v in versions for c in json.loads(v.data).get("changed", []) if c[0] == "id_number"]

	def test_history_shows_the_id_change_only_to_its_readers(self):
		case = self.changed_id_case()
		agent_user = frappe.db.get_value("GS Agent", self.agent, "user")
		self.assertTrue(self.id_changes_seen(agent_user, case))
		frappe.set_user("Administrator")
		# a township supervisor reads the case with the ID masked (no level 1)
		supervisor = make_user("inputs.supervisor@test.govservice", roles=("GS Supervisor",))
		grant_centre_scope(supervisor, self.town)
		self.assertEqual(self.id_changes_seen(supervisor, case), [])
		frappe.set_user(supervisor)
		self.assertIn("GS Case", history.version_query(supervisor))
		self.assertFalse(history.has_version_permission(frappe._dict(ref_doctype="GS Case"), user=supervisor))

	def test_the_apps_records_are_not_followed(self):
		case = self.new_case()
		with self.assertRaises(frappe.PermissionError):
			history.update_follow("GS Case", case.name, True)
		doc = frappe.get_doc(
			{
				"doctype": "Document Follow",
				"ref_doctype": "GS Case",
				"ref_docname": case.name,
				"user": "Guest",
			}
		).insert(ignore_permissions=True)
		self.assertFalse(frappe.db.exists("Document Follow", doc.name))

	def test_notification_templates_get_a_masked_record_and_no_database(self):
		from govservice.citizen_portal.notification import template_context

		case = self.new_case()
		context = template_context({"doc": case})
		self.assertEqual(context["doc"].id_number, "110105********002X")
		rendered = frappe.render_template(
			"{{ doc.id_number }}|{{ frappe.db.get_value is defined }}|{{ frappe.db.get_single_value('GS Settings', 'portal_name') is not none }}",
			context,
		)
		self.assertEqual(rendered, "110105********002X|False|True")
		self.assertEqual(case.id_number, "11010519491231002X")  # the record itself is untouched


class TestPrivateFilesAndAccounts(CaseTestCase):
	def test_the_same_bytes_uploaded_twice_are_two_files(self):
		content = b"%PDF-1.4\n% same bytes for two applicants\n%%EOF\n"
		first = frappe.get_doc(
			{"doctype": "File", "file_name": "证明.pdf", "is_private": 1, "content": content}
		)
		first.insert()
		second = frappe.get_doc(
			{"doctype": "File", "file_name": "证明.pdf", "is_private": 1, "content": content}
		)
		second.insert()
		self.assertNotEqual(first.file_url, second.file_url)
		for file in (first, second):
			with open(get_file_path(file.file_url), "rb") as f:
				self.assertEqual(f.read(), content)

	def test_password_reset_answers_alike_for_any_name(self):
		from govservice.tests.utils import make_portal_user

		phone_account = make_portal_user("13900000077@phone.invalid")
		frappe.set_user("Guest")
		try:
			answers = {endpoints.reset_password(name) for name in (phone_account, "nobody@nowhere.test")}
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(answers, {"sent"})
