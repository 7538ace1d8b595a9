"""三亮三评 and 双争, the rules without Frappe: a quarter's period, the citizens' score from their ratings,
the weighted total of 服务对象评议 / 同事互评 / 领导点评, ranks, and who is proposed 代办服务标兵 or
群众满意窗口.

A component that is missing (no ratings, fewer colleagues' ratings than the minimum that keeps them
anonymous, no leader's review yet) does not count as zero: the weights of the components present are
scaled up to 100 %. Scores are 0-100.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping

from govservice.domain.rating_rules import BAD_LEVELS, SCORES

COMPONENTS = ("citizen", "peer", "leader")
MODEL_AGENT = "Model Proxy Agent"  # 代办服务标兵
SATISFIED_WINDOW = "Citizen-Satisfied Window"  # 群众满意窗口
MIN_SCORE, MAX_SCORE = 0, 100


def quarter_of(day: datetime.date) -> int:
	"""The quarter (1-4) `day` falls in."""
	return (day.month - 1) // 3 + 1


def quarter_period(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
	"""First and last day of the quarter."""
	if not 1 <= int(quarter) <= 4 or not 2000 <= int(year) <= 2100:
		raise ValueError("no such quarter")
	first_month = 3 * (int(quarter) - 1) + 1
	start = datetime.date(int(year), first_month, 1)
	stop = datetime.date(int(year) + (first_month == 10), (first_month + 2) % 12 + 1, 1)
	return start, stop - datetime.timedelta(days=1)


def score_refusal(value) -> bool:
	"""Whether a typed score is no whole number from 0 to 100."""
	try:
		number = float(value)
	except (TypeError, ValueError):
		return True
	return not (math.isfinite(number) and number == int(number) and MIN_SCORE <= number <= MAX_SCORE)


def citizen_score(counts: Mapping[str, int]) -> float | None:
	"""服务对象评议: the mean of the ratings' five levels as 20-100 (非常满意 100 … 非常不满意 20); None
	without ratings."""
	total = sum(int(counts.get(level) or 0) for level in SCORES)
	if not total:
		return None
	points = sum(SCORES[level] * int(counts.get(level) or 0) for level in SCORES)
	return round(20.0 * points / total, 1)


def good_share(counts: Mapping[str, int]) -> float | None:
	"""The share of ratings that are not 差评 (不满意, 非常不满意), in per cent."""
	total = sum(int(counts.get(level) or 0) for level in SCORES)
	if not total:
		return None
	bad = sum(int(counts.get(level) or 0) for level in BAD_LEVELS)
	return round(100.0 * (total - bad) / total, 1)


def peer_score(total: float, count: int, min_raters: int) -> float | None:
	"""同事互评: the mean of colleagues' scores, only from `min_raters` colleagues on (fewer would tell the
	rated person who gave what)."""
	if count < max(int(min_raters), 1):
		return None
	return round(float(total) / count, 1)


def total_score(scores: Mapping[str, float | None], weights: Mapping[str, float]) -> float | None:
	"""The weighted total over the components present, their weights scaled up to 100 %."""
	present = [
		(float(scores[c]), float(weights.get(c) or 0))
		for c in COMPONENTS
		if scores.get(c) is not None and (weights.get(c) or 0) > 0
	]
	weight = sum(w for _, w in present)
	if not weight:
		return None
	return round(sum(s * w for s, w in present) / weight, 1)


def weights_refusal(weights: Iterable[float]) -> bool:
	"""Whether the three weights are not shares that add up to 100 %."""
	values = [float(w or 0) for w in weights]
	return any(w < 0 for w in values) or abs(sum(values) - 100.0) > 0.01


def ranks(totals: Mapping[str, float | None]) -> dict[str, int]:
	"""1 for the highest total; equal totals share a rank (1, 2, 2, 4); a key without a total has none."""
	ordered = sorted((t, k) for k, t in totals.items() if t is not None)
	ordered.sort(key=lambda pair: -pair[0])
	result: dict[str, int] = {}
	previous, rank = None, 0
	for position, (total, key) in enumerate(ordered, start=1):
		if total != previous:
			rank, previous = position, total
		result[key] = rank
	return result


def propose_model_agents(
	results: Mapping[str, dict], share: float, min_score: float, min_ratings: int
) -> set[str]:
	"""代办服务标兵: of the agents with a total of at least `min_score`, rated by at least `min_ratings`
	citizens and without a red card in the quarter, the best `share` per cent of all agents with a total
	(at least one when anyone qualifies); ties at the cut are all proposed."""
	scored = [key for key, r in results.items() if r.get("total") is not None]
	if not scored:
		return set()
	places = max(1, math.floor(len(scored) * float(share) / 100.0))
	eligible = {
		key: float(r["total"])
		for key, r in results.items()
		if r.get("total") is not None
		and float(r["total"]) >= float(min_score)
		and int(r.get("ratings") or 0) >= int(min_ratings)
		and not int(r.get("red_cards") or 0)
	}
	ordered = sorted(eligible.values(), reverse=True)
	if not ordered:
		return set()
	cut = ordered[min(places, len(ordered)) - 1]
	return {key for key, total in eligible.items() if total >= cut}


def propose_windows(
	centres: Mapping[str, dict], min_good_share: float, min_ratings: int, min_inspection: float
) -> set[str]:
	"""群众满意窗口: a centre rated by at least `min_ratings` citizens with a 好评率 of at least
	`min_good_share`, no red card in the quarter, and an inspection score (where it was inspected) of at
	least `min_inspection`."""
	proposed = set()
	for key, c in centres.items():
		if int(c.get("ratings") or 0) < int(min_ratings) or c.get("good_share") is None:
			continue
		if float(c["good_share"]) < float(min_good_share) or int(c.get("red_cards") or 0):
			continue
		if c.get("inspection") is not None and float(c["inspection"]) < float(min_inspection):
			continue
		proposed.add(key)
	return proposed
