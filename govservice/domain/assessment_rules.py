"""综合考核 of townships, the rules without Frappe: what each indicator's source measures (0-100), a
township's points from the administrator's weights, the ranking, and the two-sided score of a department's
staff stationed in a township (双重考核).

An indicator a township has no data for (no rated case, not inspected, no questionnaire) does not count as
zero: the weights of the indicators it has are scaled up to the full score, and the line says so.
"""

from __future__ import annotations

from collections.abc import Mapping

from govservice.domain.evaluation_rules import citizen_score
from govservice.domain.performance_rules import share

# the questionnaire's questions beside the overall satisfaction (each answered on the same five levels, each
# optional); the questionnaire's value is the mean of every answer given, overall and per question
QUESTIONS = ("attitude", "efficiency", "environment", "openness")

# source: what it measures, 0-100 (higher is better)
SOURCES = (
	"On-Time Completion Share",  # 按时办结率 (the published monthly figures)
	"Good Rating Share",  # 好评率
	"Done in the Village Share",  # 不出村 share
	"Done at Once Share",  # 一次办成
	"Share of Bad Ratings Rectified in Time",  # 差评整改率
	"Inspection Score",  # 督查检查
	"Questionnaire Satisfaction",  # 满意度问卷
	"Staff Evaluation Score",  # 三亮三评 (the agents' average total)
	"No Red Cards",  # 100 less 20 a red card
)
# source: (numerator, denominator) of the quarter's summed monthly figures
FIGURE_SHARES = {
	"On-Time Completion Share": ("completed_on_time", "cases_completed"),
	"Good Rating Share": ("good_ratings", "ratings"),
	"Done in the Village Share": ("done_in_village", "cases_completed"),
	"Done at Once Share": ("one_time_done", "cases_completed"),
	"Share of Bad Ratings Rectified in Time": ("bad_rectified_in_time", "bad_ratings"),
}
FIGURE_FIELDS = tuple(sorted({field for pair in FIGURE_SHARES.values() for field in pair} | {"red_cards"}))
RED_CARD_POINTS = 20
DEFAULT_INDICATORS = (
	# (name, source, weight)
	("按时办结率", "On-Time Completion Share", 25),
	("群众好评率", "Good Rating Share", 20),
	("不出村办结率", "Done in the Village Share", 15),
	("一次办成率", "Done at Once Share", 10),
	("督查检查得分", "Inspection Score", 10),
	("满意度问卷", "Questionnaire Satisfaction", 15),
	("三亮三评平均分", "Staff Evaluation Score", 5),
)


def indicator_value(source: str, data: Mapping) -> float | None:
	"""The township's value of one indicator, 0-100, or None without data.

	`data`: the quarter's summed monthly figures ("figures"), the mean inspection score ("inspection"), the
	questionnaire answers by level ("answers": the overall satisfaction and every question answered) and the mean staff evaluation total ("evaluation")."""
	figures = data.get("figures") or {}
	if source in FIGURE_SHARES:
		numerator, denominator = FIGURE_SHARES[source]
		return share(float(figures.get(numerator) or 0), float(figures.get(denominator) or 0))
	if source == "No Red Cards":
		if not figures:
			return None
		return float(max(0, 100 - RED_CARD_POINTS * int(figures.get("red_cards") or 0)))
	if source == "Inspection Score":
		return None if data.get("inspection") is None else round(float(data["inspection"]), 1)
	if source == "Staff Evaluation Score":
		return None if data.get("evaluation") is None else round(float(data["evaluation"]), 1)
	if source == "Questionnaire Satisfaction":  # the five levels scored as a rating's: 20-100
		return citizen_score(data.get("answers") or {})
	raise ValueError(f"unknown source {source}")


def weights_refusal(weights: list[float]) -> bool:
	"""Whether the active indicators' weights do not add up to 100 points."""
	return (
		not weights or any(float(w) < 0 for w in weights) or abs(sum(float(w) for w in weights) - 100) > 0.01
	)


def township_points(
	values: Mapping[str, float | None], weights: Mapping[str, float]
) -> tuple[dict, float | None]:
	"""Each indicator's points (value × weight / 100, the weights of the indicators with data scaled up to
	100) and the total; None for an indicator without data, and a total of None without any data."""
	present = {
		k: float(weights[k]) for k, v in values.items() if v is not None and float(weights.get(k) or 0) > 0
	}
	scale = 100.0 / sum(present.values()) if present else 0.0
	points = {
		k: (round(float(values[k]) * present[k] * scale / 100.0, 2) if k in present else None) for k in values
	}
	total = round(sum(p for p in points.values() if p is not None), 2) if present else None
	return points, total


def stationed_score(township: float | None, department: float | None, township_weight: float) -> float | None:
	"""双重考核: the township's score and the department's, weighted (the township's share in per cent); one
	missing side gives no total (both assess)."""
	if township is None or department is None:
		return None
	weight = min(max(float(township_weight), 0.0), 100.0)
	return round((float(township) * weight + float(department) * (100.0 - weight)) / 100.0, 1)
