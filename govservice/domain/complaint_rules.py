"""Rules of the "办不成事" (couldn't get it done) window that need no database.

Source: 《政务服务大厅设立“办不成事”反映窗口实施方案》 (seed 004) 三(二): simple matters (即办件) are
transferred at once and done and replied within 3 working days; general matters (承诺件) within 5; complex
or historical matters get a deadline from the supervisory department; matters that cannot be solved are
answered with the reasons within 3 working days. Other cities use other limits, so they are settings.
"""

from __future__ import annotations

ESCALATION_CHAIN = ("Department Contact", "Leader in Charge", "Supervisory Department")


def reply_days(classification: str, simple: int, general: int, unsolvable: int) -> int | None:
	"""Working days from registration to the reply; None when the supervisory department sets it."""
	return {"Simple": simple, "General": general, "Unsolvable": unsolvable, "Complex": None}[classification]


def next_escalation_level(level: str | None) -> str | None:
	"""Contact → leader in charge → supervisory department; None past the top."""
	if not level:
		return ESCALATION_CHAIN[0]
	index = ESCALATION_CHAIN.index(level)
	return ESCALATION_CHAIN[index + 1] if index + 1 < len(ESCALATION_CHAIN) else None
