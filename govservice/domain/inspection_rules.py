"""督查检查, the rules without Frappe: an inspection's score from its checklist, and what must be recorded
before it is completed."""

from __future__ import annotations

NOT_APPLICABLE = "Not Applicable"
# the share of an item's points a result earns
RESULT_FACTORS = {"Met": 1.0, "Partly Met": 0.5, "Not Met": 0.0}
RESULTS = (*RESULT_FACTORS, NOT_APPLICABLE)
MAX_DEADLINE_DAYS = 60


def inspection_score(results: list[tuple[str | None, int]]) -> float | None:
	"""The score in per cent: points earned over the points of the items that apply (an item not applicable
	counts neither way); None when no item applies."""
	earned = possible = 0.0
	for result, points in results:
		if result == NOT_APPLICABLE or result not in RESULT_FACTORS:
			continue
		weight = max(int(points or 0), 0)
		possible += weight
		earned += weight * RESULT_FACTORS[result]
	return round(100.0 * earned / possible, 1) if possible else None


def unrecorded(results: list[tuple[str | None, int]]) -> list[int]:
	"""The 1-based positions of checklist items without a result."""
	return [index for index, (result, _points) in enumerate(results, start=1) if result not in RESULTS]


def deadline_days_refusal(days: int | None) -> bool:
	"""Whether a finding's time for rectification (working days) is out of bounds."""
	return days is None or not 1 <= int(days) <= MAX_DEADLINE_DAYS
