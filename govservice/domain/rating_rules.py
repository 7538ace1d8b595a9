"""好差评: the national five-level rating and what a centre's figures are made of.

Levels and the bad-rating rule follow 国办发〔2019〕51号 (政务服务“好差评”制度): 非常满意, 满意, 基本满意,
不满意, 非常不满意; 不满意 or worse is a bad rating that the centre must verify and rectify.
"""

from collections.abc import Iterable, Mapping

# English source values (translated to the national Chinese terms), best first.
RATING_LEVELS = (
	"Very Satisfied",
	"Satisfied",
	"Basically Satisfied",
	"Dissatisfied",
	"Very Dissatisfied",
)
SCORES = dict(zip(RATING_LEVELS, (5, 4, 3, 2, 1), strict=True))
BAD_LEVELS = frozenset(("Dissatisfied", "Very Dissatisfied"))


def is_bad(level: str) -> bool:
	"""True for 不满意 and 非常不满意, which open a rectification task."""
	if level not in SCORES:
		raise ValueError(f"unknown rating level: {level!r}")
	return level in BAD_LEVELS


def summarise(levels: Iterable[str]) -> dict:
	"""Counts per level, the satisfaction rate (share of 基本满意 or better, in %) and the average score."""
	counts = dict.fromkeys(RATING_LEVELS, 0)
	for level in levels:
		if level not in counts:
			raise ValueError(f"unknown rating level: {level!r}")
		counts[level] += 1
	return summarise_counts(counts)


def summarise_counts(counted: Mapping[str, int]) -> dict:
	"""`summarise` from the number of ratings at each level (as a database counts them)."""
	counts = dict.fromkeys(RATING_LEVELS, 0)
	for level, number in counted.items():
		if level not in counts:
			raise ValueError(f"unknown rating level: {level!r}")
		counts[level] += number
	total = sum(counts.values())
	good = total - sum(counts[level] for level in BAD_LEVELS)
	return {
		"counts": counts,
		"total": total,
		"bad": total - good,
		"satisfaction_rate": round(100.0 * good / total, 1) if total else 0.0,
		"average_score": round(sum(SCORES[k] * v for k, v in counts.items()) / total, 2) if total else 0.0,
	}
