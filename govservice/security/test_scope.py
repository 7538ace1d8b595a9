"""The centre scope as SQL: an indexed `in (…)` on the record's own centre, for every scoped DocType."""

import frappe

from govservice.casework.doctype.gs_case.test_gs_case import CaseTestCase
from govservice.security.scope import SCOPE_FIELD, centre_scope_query
from govservice.tests.utils import make_user


class TestScopeQuery(CaseTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		super().tearDown()

	def test_an_agent_gets_an_in_list_of_their_centres(self):
		user = frappe.db.get_value("GS Agent", self.town_agent, "user")
		condition = centre_scope_query(user, "GS Case")
		self.assertTrue(condition.startswith("`tabGS Case`.`service_centre` in ("), condition)
		self.assertIn(frappe.db.escape(self.town), condition)
		self.assertIn(frappe.db.escape(self.village), condition)  # the township's villages come along
		self.assertNotIn(frappe.db.escape(self.other_town), condition)
		self.assertNotIn("ifnull", condition)

	def test_every_scoped_doctype_is_scoped_by_its_own_centre(self):
		user = frappe.db.get_value("GS Agent", self.agent, "user")
		for doctype, field in SCOPE_FIELD.items():
			self.assertTrue(frappe.get_meta(doctype).has_field(field), doctype)
			self.assertIn(f"`tab{doctype}`.`{field}` in (", centre_scope_query(user, doctype))

	def test_the_list_query_carries_the_condition_and_reads_only_the_scope(self):
		user = frappe.db.get_value("GS Agent", self.agent, "user")
		case = self.new_case()
		other = self.new_case(centre=self.other_town, agent=self.other_agent)
		frappe.set_user(user)
		sql = frappe.get_list("GS Case", fields=["name"], run=0)
		self.assertIn("`tabGS Case`.`service_centre` in (", sql)
		names = frappe.get_list("GS Case", pluck="name", limit_page_length=0)
		self.assertIn(case.name, names)
		self.assertNotIn(other.name, names)

	def test_county_wide_roles_and_staff_without_a_centre(self):
		admin = make_user("scope.admin@test.govservice", roles=("GS Administrator",))
		self.assertEqual(centre_scope_query(admin, "GS Case"), "")
		nobody = make_user("scope.nobody@test.govservice", roles=("GS Agent",))
		self.assertEqual(centre_scope_query(nobody, "GS Case"), "1=0")
		self.assertEqual(centre_scope_query("Administrator", "GS Case"), "")
