"""综合考核: the quarterly assessment of every township, with the indicators and weights the administrator
keeps (GS Assessment Indicator), from the records:

- the quarter's published monthly figures of the township and its villages (按时办结率, 好评率, 不出村,
  一次办成, 差评整改, red cards), summed and divided again, not averaged;
- the quarter's inspections (督查检查) of the township and its villages, their mean score;
- the questionnaires (满意度问卷) answered about the township and its villages, on the portal (anonymous:
  no account, no address is kept) or entered from paper, forums and field visits;
- the quarter's 三亮三评: the mean total of the township's and its villages' agents.

The supervisory department computes (again, while a draft) and publishes; a published assessment does
not change. Department staff stationed in townships are scored by the township and by their department
(双重考核) on the same record. Rules in govservice.domain.assessment_rules.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import add_days, cint, now_datetime

from govservice.domain.assessment_rules import (
	DEFAULT_INDICATORS,
	FIGURE_FIELDS,
	QUESTIONS,
	indicator_value,
	stationed_score,
	township_points,
	weights_refusal,
)
from govservice.domain.evaluation_rules import ranks
from govservice.domain.rating_rules import RATING_LEVELS
from govservice.security.writes import save_as_action
from govservice.supervision.permissions import require_supervisory

ASSESSMENT = "GS Township Assessment"
INDICATOR = "GS Assessment Indicator"
QUESTIONNAIRE = "GS Questionnaire Response"
MAX_COMMENT = 500


class AssessmentError(frappe.ValidationError):
	pass


def ensure_assessment_indicators() -> None:
	"""The default indicators, once (the administrators change them from then on, deletions included)."""
	if frappe.db.get_single_value("GS Settings", "assessment_indicators_created") or frappe.db.count(
		INDICATOR
	):
		return
	for name, source, weight in DEFAULT_INDICATORS:
		frappe.get_doc(
			{"doctype": INDICATOR, "indicator_name": name, "source": source, "weight": weight, "is_active": 1}
		).insert(ignore_permissions=True)
	frappe.db.set_single_value("GS Settings", "assessment_indicators_created", 1)


def quarter_data(doc) -> dict:
	"""{township: {"figures", "inspection", "answers", "evaluation"}}: four grouped queries."""
	args = {
		"start": doc.period_start,
		"end": doc.period_end,
		"start_at": f"{doc.period_start} 00:00:00",
		"stop_at": f"{add_days(doc.period_end, 1)} 00:00:00",
		"year": doc.year,
		"quarter": str(doc.quarter),
	}
	data: dict[str, dict] = {}
	sums = ", ".join(f"sum(`{field}`) as `{field}`" for field in FIGURE_FIELDS)
	for row in frappe.db.sql(
		f"""select township_centre as township, {sums} from `tabGS Performance Report`
		where status = 'Published' and month between %(start)s and %(end)s and township_centre is not null
		group by township_centre""",
		args,
		as_dict=True,
	):
		data.setdefault(row.pop("township"), {})["figures"] = row
	for township, score in frappe.db.sql(
		"""select township_centre, avg(score) from `tabGS Inspection`
		where status = 'Completed' and inspection_date between %(start)s and %(end)s
			and township_centre is not null
		group by township_centre""",
		args,
	):
		data.setdefault(township, {})["inspection"] = score
	# every answer given (the overall satisfaction and each question answered), by level
	answered = " union all ".join(
		f"""select township_centre, `{field}` as level from `tabGS Questionnaire Response`
		where answered_on >= %(start_at)s and answered_on < %(stop_at)s and township_centre is not null
			and ifnull(`{field}`, '') != ''"""
		for field in ("satisfaction", *QUESTIONS)
	)
	for township, level, count in frappe.db.sql(
		f"select township_centre, level, count(*) from ({answered}) a group by township_centre, level",
		args,
	):
		data.setdefault(township, {}).setdefault("answers", {})[level] = count
	for township, total in frappe.db.sql(
		"""select r.township_centre, avg(r.total_score) from `tabGS Evaluation Result` r
		join `tabGS Evaluation Round` e on e.name = r.round
		where e.year = %(year)s and e.quarter = %(quarter)s and r.result_type = 'Agent' and r.`rank` > 0
			and r.township_centre is not null
		group by r.township_centre""",
		args,
	):
		data.setdefault(township, {})["evaluation"] = total
	return data


@frappe.whitelist(methods=["POST"])
def compute_assessment(name: str) -> int:
	"""Every township's indicator values, points, total and rank, and the stationed staff's totals."""
	require_supervisory(_("Only the supervisory department runs the township assessment."))
	doc = frappe.get_doc(ASSESSMENT, name)
	if doc.status != "Draft":
		frappe.throw(_("A published assessment does not change."), AssessmentError)
	indicators = frappe.get_all(
		INDICATOR, filters={"is_active": 1, "weight": [">", 0]}, fields=["name", "source", "weight"]
	)
	if weights_refusal([i.weight for i in indicators]):
		frappe.throw(
			_("The active indicators' weights must add up to 100 points (now {0}).").format(
				sum(i.weight for i in indicators)
			),
			AssessmentError,
		)
	data = quarter_data(doc)
	townships = frappe.get_all(
		"GS Service Centre", filters={"level": "Township"}, pluck="name", order_by="lft asc"
	)
	weights = {i.name: i.weight for i in indicators}
	totals, lines, with_data = {}, [], {}
	for township in townships:
		values = {i.name: indicator_value(i.source, data.get(township, {})) for i in indicators}
		points, totals[township] = township_points(values, weights)
		with_data[township] = sum(1 for v in values.values() if v is not None)
		for i in indicators:
			lines.append(
				{
					"township": township,
					"indicator": i.name,
					"source": i.source,
					"value": values[i.name] or 0,
					"has_value": int(values[i.name] is not None),
					"weight": i.weight,
					"points": points[i.name] or 0,
				}
			)
	ranked = ranks(totals)
	doc.set("lines", lines)
	doc.set(
		"rankings",
		sorted(
			(
				{
					"township": t,
					"total_score": totals[t] or 0,
					"rank": ranked.get(t, 0),
					"indicators_with_data": with_data[t],
				}
				for t in townships
			),
			key=lambda row: (row["rank"] or 10**6, row["township"]),
		),
	)
	doc.computed_on = now_datetime()  # the stationed staff's totals are the save's (the controller)
	save_as_action(doc, assessment_action=True)
	return len(townships)


def fill_stationed_totals(doc) -> None:
	weight = frappe.db.get_single_value("GS Settings", "stationed_township_weight")
	weight = 60 if weight is None else weight
	for row in doc.stationed_staff:
		# a score of 0 is a score not yet given (the field holds a number)
		total = stationed_score(row.township_score or None, row.department_score or None, weight)
		row.total_score = total or 0


@frappe.whitelist(methods=["POST"])
def publish_assessment(name: str) -> None:
	require_supervisory(_("Only the supervisory department runs the township assessment."))
	doc = frappe.get_doc(ASSESSMENT, name)
	if doc.status != "Draft" or not doc.computed_on or not doc.rankings:
		frappe.throw(_("Compute the results before publishing them."), AssessmentError)
	doc.status, doc.published_by, doc.published_on = "Published", frappe.session.user, now_datetime()
	save_as_action(doc, assessment_action=True)
	doc.add_comment("Info", _("Assessment published."))


def questionnaires_per_hour() -> int:
	return cint(frappe.db.get_single_value("GS Settings", "questionnaires_per_hour")) or 10


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=questionnaires_per_hour, seconds=60 * 60)
def submit_questionnaire(
	centre: str,
	satisfaction: str,
	comment: str | None = None,
	attitude: str | None = None,
	efficiency: str | None = None,
	environment: str | None = None,
	openness: str | None = None,
) -> dict:
	"""满意度问卷 on the portal: anonymous (no account, no address kept), about a township or village centre:
	the overall satisfaction and, if the citizen answers them, the questions (service attitude, efficiency,
	hall and facilities, openness). Open to guests and citizens; staff enter what they collected in the desk,
	as themselves."""
	from govservice.citizen_portal.utils import is_portal_user

	if frappe.session.user != "Guest" and not is_portal_user():
		raise frappe.PermissionError(_("Staff enter questionnaires in the desk."))
	if satisfaction not in RATING_LEVELS:
		frappe.throw(_("Choose how satisfied you are."), AssessmentError)
	answers = {
		"attitude": attitude,
		"efficiency": efficiency,
		"environment": environment,
		"openness": openness,
	}
	for value in answers.values():
		if value not in (None, "") and value not in RATING_LEVELS:
			frappe.throw(
				_("Answer each question with one of the five levels, or leave it out."), AssessmentError
			)
	if not isinstance(centre, str) or frappe.db.get_value("GS Service Centre", centre, "level") not in (
		"Township",
		"Village",
	):
		frappe.throw(_("Choose the township or village service centre you visited."), AssessmentError)
	answer = frappe.get_doc(
		{
			"doctype": QUESTIONNAIRE,
			"service_centre": centre,
			"satisfaction": satisfaction,
			**{field: value or None for field, value in answers.items()},
			"channel": "Portal",
			"comment": (comment or "").strip()[:MAX_COMMENT] if isinstance(comment, str) else "",
		}
	)
	answer.flags.portal_answer = True
	answer.insert(ignore_permissions=True)
	# the record keeps no account: a citizen's answer is anonymous too
	frappe.db.set_value(
		QUESTIONNAIRE, answer.name, {"owner": "Guest", "modified_by": "Guest"}, update_modified=False
	)
	return {"thanks": True}


def public_centres() -> list[dict]:
	"""Townships and villages, for the questionnaire's choice."""
	return frappe.get_all(
		"GS Service Centre",
		filters={"level": ["in", ("Township", "Village")]},
		fields=["name", "official_name", "level"],
		order_by="lft asc",
	)
