"""双重考核: the township's supervisor scores the staff stationed in the township, the department's contact or
leader its own staff; each reads and scores only their rows and side, never a published assessment; the
supervisory department reads every row; the total follows the administrator's weights."""

import frappe

from govservice.supervision import stationed
from govservice.supervision.stationed import StationedError
from govservice.tests.utils import (
	FrappeTestCase,
	make_centre,
	make_department,
	make_department_liaison,
	make_supervisor,
	make_user,
)


class TestStationedStaff(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		county = make_centre("双考测试县", "County")
		cls.town = make_centre("双考测试镇", "Township", county)
		cls.other_town = make_centre("双考测试二镇", "Township", county)
		cls.supervisor = make_supervisor("sk.supervisor@test.govservice", cls.town)
		cls.other_supervisor = make_supervisor("sk.supervisor2@test.govservice", cls.other_town)
		cls.supervisory = make_user("sk.supervisory@test.govservice", roles=("GS Supervisory Officer",))
		cls.department = make_department("双考测试人社局")
		cls.other_department = make_department("双考测试自然资源局")
		cls.contact = make_user("sk.contact@test.govservice", roles=("GS Department Contact",))
		cls.leader = make_user("sk.leader@test.govservice", roles=("GS Department Contact",))
		make_department_liaison(cls.department, cls.contact, cls.leader)
		cls.other_contact = make_user("sk.contact2@test.govservice", roles=("GS Department Contact",))
		make_department_liaison(cls.other_department, cls.other_contact)
		cls.agent = make_user("sk.agent@test.govservice", roles=("GS Agent",))
		frappe.set_user(cls.supervisory)
		cls.assessment = frappe.get_doc(
			{
				"doctype": "GS Township Assessment",
				"year": 2025,
				"quarter": "2",
				"stationed_staff": [
					{"staff_name": "派驻甲", "department": cls.department, "township": cls.town},
					{"staff_name": "派驻乙", "department": cls.other_department, "township": cls.town},
					{"staff_name": "派驻丙", "department": cls.department, "township": cls.other_town},
				],
			}
		).insert()
		frappe.set_user("Administrator")
		cls.rows = {row.staff_name: row.name for row in cls.assessment.stationed_staff}

	def tearDown(self):
		frappe.set_user("Administrator")

	def mine(self, user: str) -> dict:
		frappe.set_user(user)
		answer = stationed.stationed_rows(self.assessment.name)
		return {row["staff_name"]: row["sides"] for row in answer["rows"]}

	def test_each_side_reads_its_own_rows(self):
		self.assertEqual(self.mine(self.supervisor), {"派驻甲": ["township"], "派驻乙": ["township"]})
		self.assertEqual(self.mine(self.other_supervisor), {"派驻丙": ["township"]})
		self.assertEqual(self.mine(self.contact), {"派驻甲": ["department"], "派驻丙": ["department"]})
		self.assertEqual(self.mine(self.leader), {"派驻甲": ["department"], "派驻丙": ["department"]})
		self.assertEqual(self.mine(self.other_contact), {"派驻乙": ["department"]})
		self.assertEqual(set(self.mine(self.supervisory)), {"派驻甲", "派驻乙", "派驻丙"})
		frappe.set_user(self.agent)
		with self.assertRaises(frappe.PermissionError):
			stationed.stationed_rows()
		# the department's contact does not read the assessment itself
		frappe.set_user(self.contact)
		self.assertFalse(frappe.has_permission("GS Township Assessment", "read", doc=self.assessment.name))
		# a township's supervisor reads the ranking, not the stationed staff's rows (every township's, both
		# sides), on any path
		from frappe.client import get, get_list

		frappe.set_user(self.supervisor)
		self.assertEqual(get("GS Township Assessment", self.assessment.name).get("stationed_staff"), [])
		try:
			listed = get_list(
				"GS Stationed Staff Score",
				fields=["staff_name", "department_score"],
				parent="GS Township Assessment",
			)
		except frappe.PermissionError:
			listed = []
		self.assertEqual(listed, [])
		frappe.set_user(self.supervisory)
		self.assertEqual(len(get("GS Township Assessment", self.assessment.name)["stationed_staff"]), 3)

	def test_both_sides_score_and_the_total_follows(self):
		frappe.set_user(self.supervisor)
		scores = [{"row": self.rows["派驻甲"], "side": "township", "score": 92}]
		self.assertEqual(stationed.score_stationed(self.assessment.name, frappe.as_json(scores)), 1)
		frappe.set_user(self.contact)
		scores = [{"row": self.rows["派驻甲"], "side": "department", "score": "85"}]
		self.assertEqual(stationed.score_stationed(self.assessment.name, scores), 1)
		row = frappe.get_all(
			"GS Stationed Staff Score",
			filters={"name": self.rows["派驻甲"]},
			fields=["township_score", "department_score", "total_score"],
		)[0]
		self.assertEqual((row.township_score, row.department_score, row.total_score), (92, 85, 89.2))
		# each scoring is said on the assessment by who gave it (a Version of the change too, outside tests)
		said = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "GS Township Assessment", "reference_name": self.assessment.name},
			pluck="owner",
		)
		self.assertIn(self.supervisor, said)
		self.assertIn(self.contact, said)

	def test_no_one_scores_another_side_or_row(self):
		for user, entry in (
			(
				self.supervisor,
				{"row": self.rows["派驻甲"], "side": "department", "score": 90},
			),  # not its side
			(self.supervisor, {"row": self.rows["派驻丙"], "side": "township", "score": 90}),  # another town
			(self.other_contact, {"row": self.rows["派驻甲"], "side": "department", "score": 90}),
			(self.contact, {"row": "' or 1=1 -- ", "side": "department", "score": 90}),
			(self.contact, {"row": self.rows["派驻甲"], "side": "total_score", "score": 90}),
			(self.supervisory, {"row": self.rows["派驻甲"], "side": "township", "score": 90}),
			(self.agent, {"row": self.rows["派驻甲"], "side": "township", "score": 90}),
		):
			frappe.set_user(user)
			with self.assertRaises(frappe.PermissionError, msg=f"{user} {entry}"):
				stationed.score_stationed(self.assessment.name, [entry])
		frappe.set_user(self.supervisor)
		for bad in (101, -1, 90.5, "九十", "nan", "1e3", "1e2", True, "90.0", [90], {"v": 90}):
			with self.assertRaises(StationedError, msg=bad):
				stationed.score_stationed(
					self.assessment.name, [{"row": self.rows["派驻乙"], "side": "township", "score": bad}]
				)
		with self.assertRaises(StationedError):
			stationed.score_stationed(self.assessment.name, "not a list")
		with self.assertRaises(frappe.PermissionError):  # a side that is no text
			stationed.score_stationed(
				self.assessment.name, [{"row": self.rows["派驻乙"], "side": ["township"], "score": 90}]
			)
		# full-width digits are the same score; giving 0 (no score) twice changes nothing the second time
		entry = {"row": self.rows["派驻乙"], "side": "township", "score": "８８"}
		self.assertEqual(stationed.score_stationed(self.assessment.name, [entry]), 1)
		self.assertEqual(stationed.score_stationed(self.assessment.name, [entry]), 0)
		entry["score"] = 0
		self.assertEqual(stationed.score_stationed(self.assessment.name, [entry]), 1)
		self.assertEqual(stationed.score_stationed(self.assessment.name, [entry]), 0)
		with self.assertRaises(StationedError):
			stationed.score_stationed("GS-NOT-THERE", [])

	def test_a_published_assessment_does_not_change(self):
		frappe.db.set_value("GS Township Assessment", self.assessment.name, "status", "Published")
		self.addCleanup(
			frappe.db.set_value, "GS Township Assessment", self.assessment.name, "status", "Draft"
		)
		frappe.set_user(self.supervisor)
		with self.assertRaises(StationedError):
			stationed.score_stationed(
				self.assessment.name, [{"row": self.rows["派驻甲"], "side": "township", "score": 60}]
			)
