"""三亮三评 and 双争: the quarterly evaluation of every agent and centre.

A round (GS Evaluation Round, one a quarter) is opened by the supervisory department with the weights the
administrator set (GS Settings), and holds one result (GS Evaluation Result) per active agent and per
centre. While it is open:

- 同事互评: each agent scores each colleague of their own centre once (`submit_peer_ratings`); a score is a
  GS Peer Rating that only its rater reads, and a colleague's average counts only from the minimum number
  of raters on, so the rated person never learns who gave what;
- 领导点评: the centre's supervisor (or the supervisory department) scores and comments each agent of their
  centres (`record_leader_review`);
- 服务对象评议 is the citizens' 好差评 of the quarter, counted by the database (`compute_round`).

`compute_round` totals the three with the weights, ranks agents within their level, and proposes 代办服务标兵
(best agents) and 群众满意窗口 (centres) by the rules of govservice.domain.evaluation_rules; the supervisory
department confirms or declines each proposal (`confirm_round`), and the round is frozen. Results and
ratings are written by these actions only: nobody edits a score by a save.
"""

from __future__ import annotations

import json
import secrets

import frappe
from frappe import _
from frappe.utils import add_days, cint, flt, now_datetime

from govservice.domain.evaluation_rules import (
	MODEL_AGENT,
	SATISFIED_WINDOW,
	citizen_score,
	good_share,
	peer_score,
	propose_model_agents,
	propose_windows,
	ranks,
	score_refusal,
	total_score,
)
from govservice.security.registry import is_admin
from govservice.supervision.permissions import (
	SUPERVISOR_ROLE,
	SUPERVISORY_ROLE,
	is_supervisory,
	require_supervisory,
)
from govservice.utils import bulk_insert_docs, shown

ROUND = "GS Evaluation Round"
RESULT = "GS Evaluation Result"
PEER = "GS Peer Rating"
MAX_COMMENT = 500


class EvaluationError(frappe.ValidationError):
	pass


def check_supervisory() -> None:
	require_supervisory(_("Only the supervisory department runs the quarterly evaluation."))


def open_round(round_name: str) -> int:
	"""One result per active agent and per centre, written with two bulk inserts; their township and county
	are filled from the tree in one statement."""
	from govservice.security.scope import refill_scope_centres

	now = now_datetime()
	common = {"round": round_name, "docstatus": 0, "idx": 0}
	# numbered names (a code, not a hash, in the lists the desk shows)
	numbers = iter(range(1, 10**6))
	agents = frappe.get_all(
		"GS Agent",
		filters={"is_active": 1, "user": ["is", "set"], "service_centre": ["is", "set"]},
		fields=["name", "agent_name", "agent_role", "user", "service_centre", "level"],
	)
	bulk_insert_docs(
		RESULT,
		[
			{
				**common,
				"name": f"{round_name}-{next(numbers):05d}",
				"result_type": "Agent",
				"agent": a.name,
				"agent_name": a.agent_name,
				"post": a.agent_role,
				"agent_user": a.user,
				"service_centre": a.service_centre,
				"level": a.level,
			}
			for a in agents
		],
		now,
	)
	centres = frappe.get_all("GS Service Centre", fields=["name", "official_name", "level"])
	bulk_insert_docs(
		RESULT,
		[
			{
				**common,
				"name": f"{round_name}-{next(numbers):05d}",
				"result_type": "Centre",
				"agent": None,
				"agent_name": c.official_name or c.name,
				"post": None,
				"agent_user": None,
				"service_centre": c.name,
				"level": c.level,
			}
			for c in centres
		],
		now,
	)
	refill_scope_centres([RESULT])
	tell_staff(round_name, {a.user for a in agents})
	return len(agents)


def tell_staff(round_name: str, users: set[str]) -> None:
	"""A desk notification to every agent: the round is open for scoring colleagues."""
	from govservice.casework.reminders import Alerts

	told = Alerts(ROUND)
	told.add(
		round_name,
		_("The quarterly evaluation {0} is open: score your colleagues.").format(round_name),
		users,
	)
	told.send(now_datetime(), email=False, title=_("{0} evaluations"))


def open_round_or_throw(doc) -> None:
	if doc.status == "Confirmed":
		frappe.throw(_("This evaluation is confirmed: its results do not change."), EvaluationError)


def my_agent(user: str | None = None):
	"""The caller's active agent record (their centre), or None."""
	return frappe.db.get_value(
		"GS Agent",
		{"user": user or frappe.session.user, "is_active": 1},
		["name", "service_centre", "agent_name"],
		as_dict=True,
	)


@frappe.whitelist()
def colleagues(round_name: str) -> list[dict]:
	"""The colleagues the caller scores in this round: the active agents of their own centre but themselves,
	each with whether the caller has scored them already."""
	doc = frappe.get_doc(ROUND, round_name)
	doc.check_permission("read")
	me = my_agent()
	if not me:
		raise frappe.PermissionError(_("Only staff with an agent record score their colleagues."))
	rated = set(
		frappe.get_all(PEER, filters={"round": doc.name, "rater": frappe.session.user}, pluck="agent")
	)
	return [
		{"agent": a.name, "agent_name": a.agent_name, "post": a.agent_role, "rated": a.name in rated}
		for a in frappe.get_all(
			"GS Agent",
			filters={
				"is_active": 1,
				"service_centre": me.service_centre,
				"name": ["!=", me.name],
				"user": ["is", "set"],
			},
			fields=["name", "agent_name", "agent_role"],
			order_by="agent_name asc",
		)
	]


@frappe.whitelist(methods=["POST"])
def submit_peer_ratings(round_name: str, ratings: str | list) -> int:
	"""同事互评: the caller's scores for colleagues of their centre (each once a round, 0-100)."""
	doc = frappe.get_doc(ROUND, round_name)
	doc.check_permission("read")
	# one rater's scores at a time in a round: the check for scores given and the insert are one step (a
	# unique key on round, rater and colleague is the last guard)
	frappe.db.get_value(ROUND, doc.name, "name", for_update=True)
	if doc.status != "Peer Rating":
		frappe.throw(_("Colleagues are scored only while the round is open for it."), EvaluationError)
	if isinstance(ratings, str):
		try:
			ratings = json.loads(ratings)
		except ValueError:
			frappe.throw(_("The scores could not be read."), EvaluationError)
	if not isinstance(ratings, list) or not ratings or len(ratings) > 500:
		frappe.throw(_("Give at least one colleague a score."), EvaluationError)
	allowed = {c["agent"]: c for c in colleagues(doc.name)}
	me = my_agent()
	rows, seen = [], set()
	for entry in ratings:
		agent = entry.get("agent") if isinstance(entry, dict) else None
		score = entry.get("score") if isinstance(entry, dict) else None
		if not isinstance(agent, str) or agent not in allowed:
			frappe.throw(_("You score only colleagues of your own centre, not yourself."), EvaluationError)
		if allowed[agent]["rated"] or agent in seen:
			frappe.throw(
				_("You have scored {0} already in this round.").format(shown(allowed[agent]["agent_name"])),
				EvaluationError,
			)
		if isinstance(score, bool) or score_refusal(score):
			frappe.throw(_("A score is a whole number from 0 to 100."), EvaluationError)
		seen.add(agent)
		rows.append(
			{
				# digits in no order: a score's name tells nothing of who gave it or when
				"name": f"{doc.name}-{secrets.randbelow(10**12):012d}",
				"round": doc.name,
				"agent": agent,
				"agent_name": allowed[agent]["agent_name"],
				"score": int(float(score)),
				"rater": frappe.session.user,
				"service_centre": me.service_centre,
				"rated_on": now_datetime(),
				"docstatus": 0,
			}
		)
	bulk_insert_docs(PEER, rows, now_datetime())
	return len(rows)


@frappe.whitelist(methods=["POST"])
def record_leader_review(result: str, score, comment: str | None = None) -> None:
	"""领导点评: the supervisor of the agent's centre (or the supervisory department) scores and comments."""
	doc = frappe.get_doc(RESULT, result)
	roles = set(frappe.get_roles())
	if not (is_supervisory() or SUPERVISOR_ROLE in roles) or not frappe.has_permission(
		RESULT, "read", doc=doc
	):
		raise frappe.PermissionError(_("Only the centre's supervisor reviews its agents."))
	if doc.result_type != "Agent":
		frappe.throw(_("A leader reviews agents; a centre is evaluated by its figures."), EvaluationError)
	if doc.agent_user == frappe.session.user:
		raise frappe.PermissionError(_("Nobody reviews themselves."))
	open_round_or_throw(frappe.get_doc(ROUND, doc.round))
	if isinstance(score, bool) or score_refusal(score):
		frappe.throw(_("A score is a whole number from 0 to 100."), EvaluationError)
	from govservice.security.inputs import plain

	# typed text is plain text wherever it is shown: the desk, the prints (set_value skips the save's cleaning)
	comment = plain((comment or "").strip()) if isinstance(comment, str) else ""
	if not comment:
		frappe.throw(_("Write the leader's comment."), EvaluationError)
	frappe.db.set_value(
		RESULT,
		doc.name,
		{
			"leader_score": int(float(score)),
			"leader_comment": comment[:MAX_COMMENT],
			"reviewed_by": frappe.session.user,
		},
	)
	count_progress(doc.round)


def count_progress(round_name: str, with_scores: bool = False) -> None:
	"""The round's progress: leaders' reviews as they come; colleagues' scores only when results are computed
	(a count that moves with every score would tell who scored when)."""
	values = {"reviews_count": frappe.db.count(RESULT, {"round": round_name, "reviewed_by": ["is", "set"]})}
	if with_scores:
		values["peer_ratings_count"] = frappe.db.count(PEER, {"round": round_name})
	frappe.db.set_value(ROUND, round_name, values, update_modified=False)


def quarter_figures(doc) -> dict:
	"""The quarter's ratings by agent and by centre (counts per level), red cards by agent's user and by
	centre, inspection scores by centre, and colleagues' scores by agent: four grouped queries."""
	args = {"start": f"{doc.period_start} 00:00:00", "stop": f"{add_days(doc.period_end, 1)} 00:00:00"}
	args |= {"start_day": doc.period_start, "end_day": doc.period_end, "round": doc.name}
	by_agent: dict = {}
	by_centre: dict = {}
	for row in frappe.db.sql(
		"""select agent, service_centre, rating, count(*) as n from `tabGS Rating`
		where rated_on >= %(start)s and rated_on < %(stop)s
		group by agent, service_centre, rating""",
		args,
		as_dict=True,
	):
		for key, into in ((row.agent, by_agent), (row.service_centre, by_centre)):
			if key:
				levels = into.setdefault(key, {})
				levels[row.rating] = levels.get(row.rating, 0) + row.n
	red_users: dict = {}
	red_centres: dict = {}
	for user, centre, count in frappe.db.sql(
		"""select responsible_user, service_centre, count(*) from `tabGS Supervision Alert`
		where level = 'Red Card' and issued_on >= %(start)s and issued_on < %(stop)s
		group by responsible_user, service_centre""",
		args,
	):
		for key, into in ((user, red_users), (centre, red_centres)):
			if key:
				into[key] = into.get(key, 0) + count
	inspections = dict(
		frappe.db.sql(
			"""select service_centre, avg(score) from `tabGS Inspection`
			where status = 'Completed' and inspection_date between %(start_day)s and %(end_day)s
			group by service_centre""",
			args,
		)
	)
	peers = {
		row.agent: row
		for row in frappe.db.sql(
			"""select agent, sum(score) as total, count(*) as n, count(distinct rater) as raters
			from `tabGS Peer Rating` where round = %(round)s group by agent""",
			args,
			as_dict=True,
		)
	}
	return {
		"by_agent": by_agent,
		"by_centre": by_centre,
		"red_users": red_users,
		"red_centres": red_centres,
		"inspections": inspections,
		"peers": peers,
	}


@frappe.whitelist(methods=["POST"])
def compute_round(round_name: str) -> dict:
	"""Scores, totals, ranks and proposals of every result, from the quarter's records (again, until the
	round is confirmed). Written back in one statement."""
	check_supervisory()
	doc = frappe.get_doc(ROUND, round_name)
	open_round_or_throw(doc)
	settings = frappe.get_cached_doc("GS Settings")
	figures = quarter_figures(doc)
	weights = {"citizen": doc.weight_citizen, "peer": doc.weight_peer, "leader": doc.weight_leader}
	results = frappe.get_all(
		RESULT,
		filters={"round": doc.name},
		fields=[
			"name",
			"result_type",
			"agent",
			"agent_user",
			"service_centre",
			"level",
			"reviewed_by",
			"leader_score",
		],
	)
	computed: dict[str, dict] = {}
	for r in results:
		if r.result_type == "Agent":
			counts = figures["by_agent"].get(r.agent, {})
			peer = figures["peers"].get(r.agent)
			scores = {
				"citizen": citizen_score(counts),
				# one score a rater (the unique key); raters counted apart in case a site holds older rows
				"peer": peer_score(peer.total, peer.n, doc.min_peer_raters)
				if peer and peer.raters == peer.n
				else None,
				"leader": flt(r.leader_score) if r.reviewed_by else None,
			}
			computed[r.name] = {
				"citizen": scores["citizen"],
				"ratings": sum(counts.values()),
				"good": good_share(counts),
				"peer": scores["peer"],
				# how many colleagues scored is shown only once it counts (fewer would point at them)
				"peer_count": peer.n if peer and peer.n >= doc.min_peer_raters else 0,
				"total": total_score(scores, weights),
				"red_cards": cint(figures["red_users"].get(r.agent_user)),
				"inspection": None,
				"level": r.level,
			}
		else:
			counts = figures["by_centre"].get(r.service_centre, {})
			inspection = figures["inspections"].get(r.service_centre)
			citizens = citizen_score(counts)  # a centre's total is its citizens' score
			computed[r.name] = {
				"citizen": citizens,
				"ratings": sum(counts.values()),
				"good": good_share(counts),
				"peer": None,
				"peer_count": 0,
				"total": citizens,
				"red_cards": cint(figures["red_centres"].get(r.service_centre)),
				"inspection": flt(inspection, 1) if inspection is not None else None,
				"level": r.level,
			}
	agents = {r.name: computed[r.name] for r in results if r.result_type == "Agent"}
	centres = {r.name: computed[r.name] for r in results if r.result_type == "Centre"}
	rank: dict[str, int] = {}
	for level in ("County", "Township", "Village"):
		rank |= ranks({k: v["total"] for k, v in agents.items() if v["level"] == level})
		rank |= ranks({k: v["total"] for k, v in centres.items() if v["level"] == level})
	models = propose_model_agents(
		agents,
		settings.model_agent_share,
		settings.model_agent_min_score,
		settings.model_agent_min_ratings,
	)
	windows = propose_windows(
		{k: {**v, "good_share": v["good"]} for k, v in centres.items()},
		settings.window_min_good_share,
		settings.window_min_ratings,
		settings.window_min_inspection,
	)
	rows = [
		[
			name,
			v["citizen"] or 0,
			v["ratings"],
			v["good"] or 0,
			v["peer"] or 0,
			v["peer_count"],
			v["total"] or 0,
			rank.get(name, 0),
			v["red_cards"],
			v["inspection"] or 0,
			MODEL_AGENT if name in models else SATISFIED_WINDOW if name in windows else "",
		]
		for name, v in computed.items()
	]
	if rows:
		frappe.db.sql(
			f"""update `tab{RESULT}` r join json_table(%(rows)s, '$[*]' columns(
				name varchar(140) path '$[0]', citizen double path '$[1]', ratings int path '$[2]',
				good double path '$[3]', peer double path '$[4]', peer_count int path '$[5]',
				total double path '$[6]', rnk int path '$[7]', red int path '$[8]', insp double path '$[9]',
				title varchar(140) path '$[10]')) j on j.name = r.name
			set r.citizen_score = j.citizen, r.ratings_count = j.ratings, r.good_share = j.good,
				r.peer_score = j.peer, r.peer_count = j.peer_count, r.total_score = j.total, r.`rank` = j.rnk,
				r.red_cards = j.red, r.inspection_score = j.insp, r.proposed_title = j.title,
				r.modified = %(now)s""",
			{"rows": json.dumps(rows), "now": now_datetime()},
		)
	doc.status, doc.computed_on = "Reviewing", now_datetime()
	doc.agents_count = len(agents)
	from govservice.security.writes import save_as_action

	save_as_action(doc, evaluation_action=True)
	count_progress(doc.name, with_scores=True)
	return {"agents": len(agents), "models": len(models), "windows": len(windows)}


@frappe.whitelist()
def proposals(round_name: str) -> list[dict]:
	"""The round's proposed titles, for the supervisory department to confirm."""
	check_supervisory()
	return frappe.get_all(
		RESULT,
		filters={"round": round_name, "proposed_title": ["is", "set"]},
		fields=["name", "agent_name", "service_centre", "proposed_title", "total_score", "good_share"],
		order_by="proposed_title asc, total_score desc",
	)


@frappe.whitelist(methods=["POST"])
def confirm_round(round_name: str, declined: str | list | None = None) -> int:
	"""The supervisory department confirms the proposals but those it declines; the round is frozen."""
	check_supervisory()
	doc = frappe.get_doc(ROUND, round_name)
	if doc.status != "Reviewing":
		frappe.throw(_("Compute the results before confirming them."), EvaluationError)
	if isinstance(declined, str):
		declined = json.loads(declined or "[]")
	declined = {d for d in declined or [] if isinstance(d, str)}
	proposed = {p.name for p in proposals(doc.name)}
	if declined - proposed:
		frappe.throw(_("Only proposed titles can be declined."), EvaluationError)
	for name in proposed:
		if name in declined:
			frappe.db.set_value(RESULT, name, {"title_declined": 1, "confirmed_title": None})
		else:
			title = frappe.db.get_value(RESULT, name, "proposed_title")
			frappe.db.set_value(RESULT, name, {"title_declined": 0, "confirmed_title": title})
	doc.status, doc.confirmed_by, doc.confirmed_on = "Confirmed", frappe.session.user, now_datetime()
	from govservice.security.writes import save_as_action

	save_as_action(doc, evaluation_action=True)
	doc.add_comment(
		"Info",
		_("Evaluation confirmed: {0} titles, {1} declined.").format(
			len(proposed) - len(declined), len(declined)
		),
	)
	return len(proposed) - len(declined)


def public_titles(centres: list[str] | None = None, round_name: str | None = None) -> dict:
	"""The titles of a confirmed round (the latest), for the public page: {agent or centre: title}."""
	latest = frappe.get_all(
		ROUND,
		filters={"status": "Confirmed", **({"name": round_name} if round_name else {})},
		pluck="name",
		order_by="period_start desc",
		limit=1,
	)
	if not latest:
		return {}
	filters = {"round": latest[0], "confirmed_title": ["is", "set"]}
	if centres:
		filters["service_centre"] = ["in", centres]
	titles = {}
	for row in frappe.get_all(
		RESULT, filters=filters, fields=["result_type", "agent", "service_centre", "confirmed_title"]
	):
		titles[row.agent if row.result_type == "Agent" else row.service_centre] = row.confirmed_title
	return titles


def result_query(user: str | None = None, doctype: str | None = None) -> str:
	"""An agent reads their own result; supervisors their centres' (the centre scope, added in hooks); the
	supervisory department and the administrators all."""
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	if is_admin(user) or roles & {SUPERVISORY_ROLE, SUPERVISOR_ROLE}:
		return ""
	return f"`tab{RESULT}`.`agent_user` = {frappe.db.escape(user)}"


def has_result_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if ptype not in (None, "read", "print", "report", "export"):
		return False  # written by the round's actions only
	roles = set(frappe.get_roles(user))
	if is_admin(user) or roles & {SUPERVISORY_ROLE, SUPERVISOR_ROLE}:
		return True
	return bool(doc.get("agent_user")) and doc.agent_user == user


def peer_query(user: str | None = None, doctype: str | None = None) -> str:
	"""A colleague's score is read by whoever gave it, and nobody else: no supervisor, no administrator
	role (only the site's own Administrator account, which reads the database anyway)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	return f"`tab{PEER}`.`rater` = {frappe.db.escape(user)}"


def has_peer_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	return ptype in (None, "read") and doc.get("rater") == (user or frappe.session.user)
