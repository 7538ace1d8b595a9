"""综合考核: the rules without Frappe (each source's value, points with the weights of the indicators that have
data scaled up, the two-sided score of stationed staff), and a quarter assessed by the supervisory department
from the records — published monthly figures of a township and its villages, inspections, questionnaires
(a portal answer keeps no account and no address), the staff's 三亮三评 —, ranked and published, then frozen."""

import frappe

from govservice.domain import assessment_rules as rules
from govservice.supervision import assessments
from govservice.supervision.assessments import AssessmentError
from govservice.tests.utils import FrappeTestCase, make_centre, make_department, make_user

YEAR, QUARTER = 2024, "3"


class TestAssessmentRules(FrappeTestCase):
	def test_values_points_and_stationed_staff(self):
		figures = {"completed_on_time": 9, "cases_completed": 10, "ratings": 0, "red_cards": 2}
		data = {"figures": figures, "answers": {"Very Satisfied": 1, "Satisfied": 1}, "inspection": 88.04}
		self.assertEqual(rules.indicator_value("On-Time Completion Share", data), 90.0)
		self.assertIsNone(rules.indicator_value("Good Rating Share", data))  # nobody rated: no data, not 0
		self.assertEqual(rules.indicator_value("No Red Cards", data), 60.0)
		self.assertEqual(rules.indicator_value("Questionnaire Satisfaction", data), 90.0)
		self.assertEqual(rules.indicator_value("Inspection Score", data), 88.0)
		self.assertIsNone(rules.indicator_value("Staff Evaluation Score", data))
		points, total = rules.township_points(
			{"a": 90.0, "b": None, "c": 80.0}, {"a": 50, "b": 30, "c": 20}
		)  # a and c have data: 50 and 20 scaled to 100
		self.assertEqual(points, {"a": 64.29, "b": None, "c": 22.86})
		self.assertEqual(total, 87.15)
		self.assertEqual(rules.township_points({"a": None}, {"a": 100}), ({"a": None}, None))
		self.assertTrue(rules.weights_refusal([50, 30]))
		self.assertFalse(rules.weights_refusal([25, 20, 15, 10, 10, 15, 5]))
		self.assertEqual(rules.stationed_score(90, 80, 60), 86.0)
		self.assertIsNone(rules.stationed_score(90, None, 60))


class TestTownshipAssessment(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		county = make_centre("考核测试县", "County")
		cls.town = make_centre("考核测试镇", "Township", county)
		cls.village = make_centre("考核测试村", "Village", cls.town)
		cls.other_town = make_centre("考核测试二镇", "Township", county)
		cls.supervisory = make_user("kh.supervisory@test.govservice", roles=("GS Supervisory Officer",))
		cls.supervisor = make_user("kh.supervisor@test.govservice", roles=("GS Supervisor",))
		cls.department = make_department("考核测试局")
		assessments.ensure_assessment_indicators()
		# the installed weights, whatever an administrator of this site changed (rolled back with the class)
		for name, _source, weight in rules.DEFAULT_INDICATORS:
			frappe.db.set_value("GS Assessment Indicator", name, {"weight": weight, "is_active": 1})
		# the quarter's published figures: the village 8 of 10 on time, the township 10 of 10; ratings 4 good
		# of 5 at the village; the other township nothing but an inspection
		for centre, month, on_time, completed, ratings, good in (
			(cls.village, "2024-07-01", 8, 10, 5, 4),
			(cls.town, "2024-08-01", 10, 10, 0, 0),
			(cls.village, "2024-10-01", 0, 50, 0, 0),  # the next quarter: not counted
		):
			frappe.get_doc(
				{
					"doctype": "GS Performance Report",
					"name": frappe.generate_hash(length=10),
					"month": month,
					"service_centre": centre,
					"township_centre": cls.town,
					"status": "Published",
					"completed_on_time": on_time,
					"cases_completed": completed,
					"done_in_village": completed if centre == cls.village else 0,
					"one_time_done": completed,
					"ratings": ratings,
					"good_ratings": good,
				}
			).db_insert()
		frappe.get_doc(
			{
				"doctype": "GS Inspection",
				"name": frappe.generate_hash(length=10),
				"service_centre": cls.other_town,
				"township_centre": cls.other_town,
				"status": "Completed",
				"inspection_date": "2024-09-02",
				"score": 70,
				"inspectors": "考核测试组",
				"template": "x",
			}
		).db_insert()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_a_quarter_assessed_ranked_published_and_frozen(self):
		# a citizen's anonymous answer on the portal, and a paper answer entered by the supervisory department
		frappe.set_user("Guest")
		for refused in ((self.village, "Bogus"), ("考核测试县", "Satisfied")):
			with self.assertRaises(AssessmentError):
				assessments.submit_questionnaire(*refused)
		with self.assertRaises(AssessmentError):  # a question answered off the five levels
			assessments.submit_questionnaire(self.village, "Satisfied", attitude="<b>100</b>")
		# overall 非常满意; attitude 满意, efficiency 非常满意, hall 基本满意, openness left out
		assessments.submit_questionnaire(
			self.village,
			"Very Satisfied",
			"<b>很好</b>",
			attitude="Satisfied",
			efficiency="Very Satisfied",
			environment="Basically Satisfied",
		)
		# staff enter what they collected in the desk, as themselves; the portal's method is not theirs
		frappe.set_user(self.supervisory)
		with self.assertRaises(frappe.PermissionError):
			assessments.submit_questionnaire(self.village, "Very Satisfied")
		frappe.get_doc(
			{
				"doctype": "GS Questionnaire Response",
				"service_centre": self.town,
				"satisfaction": "Satisfied",
				"channel": "Portal",
			}
		).insert()
		answers = frappe.get_all(
			"GS Questionnaire Response",
			filters={"township_centre": self.town},
			fields=["channel", "entered_by", "owner", "comment", "attitude", "openness"],
			order_by="creation asc",
		)
		self.assertEqual((answers[0].channel, answers[0].entered_by), ("Portal", None))
		self.assertEqual(answers[0].owner, "Guest")  # no account of the citizen's, no address
		self.assertNotIn("<b>", answers[0].comment)
		self.assertEqual((answers[0].attitude, answers[0].openness or None), ("Satisfied", None))
		self.assertEqual(
			(answers[1].channel, answers[1].entered_by), ("Paper Questionnaire", self.supervisory)
		)
		frappe.db.set_value(
			"GS Questionnaire Response",
			{"township_centre": self.town},
			"answered_on",
			"2024-08-15 10:00:00",
		)

		frappe.set_user(self.supervisor)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc({"doctype": "GS Township Assessment", "year": YEAR, "quarter": QUARTER}).insert()
		frappe.set_user(self.supervisory)
		doc = frappe.get_doc(
			{
				"doctype": "GS Township Assessment",
				"year": YEAR,
				"quarter": QUARTER,
				"stationed_staff": [
					{
						"staff_name": "派驻人员甲",
						"department": self.department,
						"township": self.town,
						"township_score": 90,
						"department_score": 80,
					}
				],
			}
		).insert()
		self.assertEqual(doc.stationed_staff[0].total_score, 86.0)
		with self.assertRaises(frappe.PermissionError):
			frappe.set_user(self.supervisor)
			assessments.compute_assessment(doc.name)
		frappe.set_user(self.supervisory)
		self.assertGreaterEqual(assessments.compute_assessment(doc.name), 2)
		doc.reload()
		lines = {(row.township, row.indicator): row for row in doc.lines}
		self.assertEqual(lines[(self.town, "按时办结率")].value, 90.0)  # 18 of 20, summed then divided
		self.assertEqual(lines[(self.town, "群众好评率")].value, 80.0)
		self.assertEqual(lines[(self.town, "不出村办结率")].value, 50.0)
		# every answer given: 100, 80, 100, 60 on the portal and 80 on paper
		self.assertEqual(lines[(self.town, "满意度问卷")].value, 84.0)
		self.assertFalse(lines[(self.town, "督查检查得分")].has_value)
		self.assertEqual(lines[(self.other_town, "督查检查得分")].value, 70.0)
		ranking = {row.township: row for row in doc.rankings}
		# the township: 25×.9 + 20×.8 + 15×.5 + 10×1 + 15×.84 of 85 points with data, scaled to 100
		self.assertAlmostEqual(
			ranking[self.town].total_score, (22.5 + 16 + 7.5 + 10 + 12.6) * 100 / 85, delta=0.03
		)
		self.assertEqual(ranking[self.other_town].total_score, 70.0)
		self.assertEqual((ranking[self.town].rank, ranking[self.town].indicators_with_data), (1, 5))
		self.assertLess(ranking[self.town].rank, ranking[self.other_town].rank)

		assessments.publish_assessment(doc.name)
		doc.reload()
		self.assertEqual((doc.status, doc.published_by), ("Published", self.supervisory))
		with self.assertRaises(AssessmentError):
			assessments.compute_assessment(doc.name)
		doc.stationed_staff[0].township_score = 100
		with self.assertRaises(frappe.PermissionError):
			doc.save()
		frappe.set_user(self.supervisor)
		self.assertTrue(frappe.has_permission("GS Township Assessment", "read", doc=doc.name))
		self.assertFalse(frappe.has_permission("GS Township Assessment", "write", doc=doc.name))
		frappe.set_user("Administrator")
		with self.assertRaises(frappe.PermissionError):
			frappe.delete_doc("GS Township Assessment", doc.name)

	def test_indicator_weights_must_add_up(self):
		frappe.set_user(self.supervisory)
		doc = frappe.get_doc({"doctype": "GS Township Assessment", "year": 2024, "quarter": "1"}).insert()
		frappe.set_user("Administrator")
		indicator = frappe.get_doc("GS Assessment Indicator", "按时办结率")
		indicator.weight = 30
		indicator.save()
		frappe.set_user(self.supervisory)
		with self.assertRaises(AssessmentError):
			assessments.compute_assessment(doc.name)
