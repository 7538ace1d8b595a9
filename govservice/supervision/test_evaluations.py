"""三亮三评 and 双争: the rules without Frappe (a quarter, the citizens' score, colleagues' scores only from
enough raters, weights scaled over what is present, ranks, proposals), and a round done by its roles —
opened by the supervisory department with the administrator's weights, colleagues scored once and only at
their own centre, the rated person never reading who gave what, the leader's review by the centre's
supervisor, results computed from the quarter's ratings, titles confirmed, the round frozen, the titles on
the public page."""

import datetime

import frappe

from govservice.domain import evaluation_rules as rules
from govservice.supervision import evaluations
from govservice.supervision.evaluations import EvaluationError
from govservice.tests.utils import FrappeTestCase, make_agent, make_centre, make_supervisor, make_user


class TestEvaluationRules(FrappeTestCase):
	def test_quarters_scores_and_weights(self):
		self.assertEqual(
			rules.quarter_period(2026, 4), (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
		)
		self.assertEqual(
			rules.quarter_period(2024, 1), (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))
		)
		with self.assertRaises(ValueError):
			rules.quarter_period(2026, 5)
		self.assertEqual(rules.citizen_score({"Very Satisfied": 3, "Dissatisfied": 1}), 85.0)
		self.assertIsNone(rules.citizen_score({}))
		self.assertEqual(rules.good_share({"Very Satisfied": 3, "Very Dissatisfied": 1}), 75.0)
		self.assertIsNone(rules.peer_score(180, 2, 3))  # two raters would be known to the rated
		self.assertEqual(rules.peer_score(270, 3, 3), 90.0)
		weights = {"citizen": 50, "peer": 30, "leader": 20}
		self.assertEqual(rules.total_score({"citizen": 100, "peer": 90, "leader": 95}, weights), 96.0)
		# no colleagues' score: citizens 50 and leader 20 scaled to 100 %
		self.assertEqual(rules.total_score({"citizen": 100, "peer": None, "leader": 65}, weights), 90.0)
		self.assertIsNone(rules.total_score({}, weights))
		self.assertTrue(rules.weights_refusal([50, 30, 10]))
		self.assertFalse(rules.weights_refusal([50, 30, 20]))
		for bad in (101, -1, 9.5, "x", None, float("nan")):
			self.assertTrue(rules.score_refusal(bad), bad)
		self.assertFalse(rules.score_refusal("88"))

	def test_ranks_and_proposals(self):
		self.assertEqual(rules.ranks({"a": 90, "b": 95, "c": 90, "d": None}), {"b": 1, "a": 2, "c": 2})
		agents = {
			"best": {"total": 97, "ratings": 9, "red_cards": 0},
			"tied": {"total": 97, "ratings": 9, "red_cards": 0},
			"carded": {"total": 99, "ratings": 9, "red_cards": 1},
			"unrated": {"total": 98, "ratings": 1, "red_cards": 0},
			**{f"n{i}": {"total": 70, "ratings": 9, "red_cards": 0} for i in range(16)},
		}
		# 20 scored: the best 10 % are 2 places; a red card or too few citizens' ratings rule one out
		self.assertEqual(rules.propose_model_agents(agents, 10, 90, 5), {"best", "tied"})
		self.assertEqual(rules.propose_model_agents(agents, 10, 99.5, 5), set())
		centres = {
			"good": {"ratings": 30, "good_share": 97, "red_cards": 0, "inspection": 95},
			"few": {"ratings": 3, "good_share": 100, "red_cards": 0},
			"low": {"ratings": 30, "good_share": 90, "red_cards": 0},
			"badly_inspected": {"ratings": 30, "good_share": 99, "red_cards": 0, "inspection": 70},
			"carded": {"ratings": 30, "good_share": 99, "red_cards": 2},
		}
		self.assertEqual(rules.propose_windows(centres, 95, 20, 90), {"good"})


class TestEvaluationRound(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		county = make_centre("评议测试县", "County")
		cls.town = make_centre("评议测试镇", "Township", county)
		cls.village = make_centre("评议测试村", "Village", cls.town)
		cls.other_village = make_centre("评议测试二村", "Village", cls.town)
		cls.other_town = make_centre("评议测试二镇", "Township", county)
		names = ("amy", "ben", "cai", "dai")
		cls.agents = {
			n: make_agent(f"pj.{n}@test.govservice", cls.village, agent_name=f"评议{n}") for n in names
		}
		cls.agents["eve"] = make_agent("pj.eve@test.govservice", cls.other_village, agent_name="评议eve")
		cls.supervisor = make_supervisor("pj.supervisor@test.govservice", cls.town)
		cls.other_supervisor = make_supervisor("pj.supervisor2@test.govservice", cls.other_town)
		cls.supervisory = make_user("pj.supervisory@test.govservice", roles=("GS Supervisory Officer",))
		settings = frappe.get_single("GS Settings")
		settings.window_min_ratings = 5
		settings.save()
		# the quarter's citizens' ratings: ben five times 非常满意 at the village
		for _ in range(5):
			frappe.get_doc(
				{
					"doctype": "GS Rating",
					"name": frappe.generate_hash(length=10),
					"rating": "Very Satisfied",
					"rated_on": "2025-05-12 10:00:00",
					"service_centre": cls.village,
					"agent": cls.agents["ben"].name,
				}
			).db_insert()

	def tearDown(self):
		frappe.set_user("Administrator")

	def result_of(self, round_name: str, key: str):
		return frappe.get_doc("GS Evaluation Result", {"round": round_name, "agent": self.agents[key].name})

	def test_a_round_from_opening_to_titles(self):
		frappe.set_user(self.supervisor)
		with self.assertRaises(frappe.PermissionError):  # a supervisor does not open rounds
			frappe.get_doc({"doctype": "GS Evaluation Round", "year": 2025, "quarter": "2"}).insert()
		frappe.set_user(self.supervisory)
		with self.assertRaises(frappe.ValidationError):  # a quarter not yet begun
			frappe.get_doc({"doctype": "GS Evaluation Round", "year": 2099, "quarter": "1"}).insert()
		round_doc = frappe.get_doc(
			{"doctype": "GS Evaluation Round", "year": 2025, "quarter": "2", "weight_peer": 99}
		).insert()
		self.assertEqual(round_doc.name, "GS-EVAL-2025-Q2")
		self.assertEqual(
			(round_doc.weight_citizen, round_doc.weight_peer, round_doc.weight_leader), (50, 30, 20)
		)
		self.assertEqual(str(round_doc.period_end), "2025-06-30")
		ben = self.result_of(round_doc.name, "ben")
		self.assertEqual((ben.township_centre, ben.agent_user), (self.town, "pj.ben@test.govservice"))
		with self.assertRaises(frappe.PermissionError):  # a round changes through its actions only
			round_doc.status = "Confirmed"
			round_doc.save()

		# 同事互评: amy scores her village's colleagues, once each, not herself, not another village's
		frappe.set_user("pj.amy@test.govservice")
		mates = {c["agent_name"] for c in evaluations.colleagues(round_doc.name)}
		self.assertEqual(mates, {"评议ben", "评议cai", "评议dai"})
		agent = self.agents
		self.assertEqual(
			evaluations.submit_peer_ratings(
				round_doc.name,
				[{"agent": agent["ben"].name, "score": 90}, {"agent": agent["cai"].name, "score": 80}],
			),
			2,
		)
		for refused in (
			[{"agent": agent["ben"].name, "score": 60}],  # a second time
			[{"agent": agent["amy"].name, "score": 100}],  # herself
			[{"agent": agent["eve"].name, "score": 100}],  # another village's
			[{"agent": agent["dai"].name, "score": 101}],
			[{"agent": agent["dai"].name, "score": True}],
			[{"agent": agent["dai"].name, "score": 70}, {"agent": agent["dai"].name, "score": 70}],
		):
			with self.assertRaises(EvaluationError):
				evaluations.submit_peer_ratings(round_doc.name, refused)
		# the database keeps one score a rater and colleague, whatever arrives at the same moment
		from govservice.utils import bulk_insert_docs

		stored = frappe.get_all(
			"GS Peer Rating",
			filters={"rater": "pj.amy@test.govservice"},
			fields=[
				"round",
				"agent",
				"agent_name",
				"score",
				"rater",
				"service_centre",
				"rated_on",
				"docstatus",
			],
		)
		with self.assertRaises(Exception) as refused:
			bulk_insert_docs(
				"GS Peer Rating", [dict(stored[0], name="GS-EVAL-X-1")], frappe.utils.now_datetime()
			)
		self.assertTrue(frappe.db.is_unique_key_violation(refused.exception))
		for rater, score in (("cai", 95), ("dai", 85)):
			frappe.set_user(f"pj.{rater}@test.govservice")
			evaluations.submit_peer_ratings(round_doc.name, [{"agent": agent["ben"].name, "score": score}])

		# the rated never reads who gave what: ben lists no rating, reads none, and his own result only
		frappe.set_user("pj.ben@test.govservice")
		self.assertEqual(frappe.get_list("GS Peer Rating", fields=["name"]), [])
		given = frappe.get_all("GS Peer Rating", filters={"agent": agent["ben"].name}, pluck="name")
		self.assertEqual(len(given), 3)
		self.assertFalse(frappe.has_permission("GS Peer Rating", "read", doc=given[0]))
		self.assertEqual(
			{
				r.agent
				for r in frappe.get_list(
					"GS Evaluation Result", filters={"round": round_doc.name}, fields=["agent"]
				)
			},
			{agent["ben"].name},
		)
		frappe.set_user("pj.amy@test.govservice")
		self.assertEqual(len(frappe.get_list("GS Peer Rating", fields=["name"])), 2)

		# 领导点评: the township's supervisor reviews his villages' agents; an agent or another township's
		# supervisor cannot
		with self.assertRaises(frappe.PermissionError):
			evaluations.record_leader_review(ben.name, 95, "很好")
		frappe.set_user(self.other_supervisor)
		with self.assertRaises(frappe.PermissionError):
			evaluations.record_leader_review(ben.name, 95, "很好")
		frappe.set_user(self.supervisor)
		with self.assertRaises(EvaluationError):
			evaluations.record_leader_review(ben.name, 95, "")
		evaluations.record_leader_review(ben.name, 95, "主动上门代办，<img src=x onerror=alert(1)>群众认可")
		self.assertNotIn("<img", frappe.db.get_value("GS Evaluation Result", ben.name, "leader_comment"))
		with self.assertRaises(frappe.PermissionError):  # results are the actions', never a save's
			doc = frappe.get_doc("GS Evaluation Result", ben.name)
			doc.leader_score = 100
			doc.save()
		with self.assertRaises(frappe.PermissionError):
			evaluations.compute_round(round_doc.name)

		# results: ben 100 from citizens, 90 from three colleagues, 95 from the leader → 96.0, proposed
		frappe.set_user(self.supervisory)
		counts = evaluations.compute_round(round_doc.name)
		self.assertGreaterEqual(counts["agents"], 5)
		ben = self.result_of(round_doc.name, "ben")
		self.assertEqual(
			(ben.citizen_score, ben.ratings_count, ben.peer_score, ben.peer_count), (100, 5, 90, 3)
		)
		self.assertEqual((ben.leader_score, ben.total_score, ben.rank), (95, 96.0, 1))
		self.assertEqual(ben.proposed_title, rules.MODEL_AGENT)
		cai = self.result_of(round_doc.name, "cai")  # one colleague's score is not shown nor counted
		# one colleague's score is neither shown nor counted, nor is it told that someone scored
		self.assertEqual((cai.peer_score, cai.peer_count, cai.total_score, cai.rank), (0, 0, 0, 0))
		village = frappe.get_doc(
			"GS Evaluation Result",
			{"round": round_doc.name, "service_centre": self.village, "result_type": "Centre"},
		)
		self.assertEqual(
			(village.ratings_count, village.good_share, village.proposed_title),
			(5, 100, rules.SATISFIED_WINDOW),
		)
		self.assertEqual(frappe.db.get_value("GS Evaluation Round", round_doc.name, "status"), "Reviewing")

		# confirmed: ben's title, the window declined; the round is frozen
		self.assertEqual(evaluations.confirm_round(round_doc.name, [village.name]), 1)
		self.assertEqual(self.result_of(round_doc.name, "ben").confirmed_title, rules.MODEL_AGENT)
		village.reload()
		self.assertEqual((village.confirmed_title, village.title_declined), (None, 1))
		with self.assertRaises(EvaluationError):
			evaluations.compute_round(round_doc.name)
		frappe.set_user(self.supervisor)
		with self.assertRaises(EvaluationError):
			evaluations.record_leader_review(cai.name, 80, "继续努力")
		frappe.set_user("pj.dai@test.govservice")
		with self.assertRaises(EvaluationError):
			evaluations.submit_peer_ratings(round_doc.name, [{"agent": agent["cai"].name, "score": 80}])
		frappe.set_user("Guest")
		titles = evaluations.public_titles(round_name=round_doc.name)
		self.assertEqual(titles.get(agent["ben"].name), rules.MODEL_AGENT)
		self.assertNotIn(self.village, titles)
		frappe.set_user("Administrator")
		with self.assertRaises(frappe.PermissionError):
			frappe.delete_doc("GS Evaluation Round", round_doc.name)
