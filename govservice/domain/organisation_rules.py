"""Rules of the three-level service network (县 → 乡镇 → 村) that need no database."""

from __future__ import annotations

LEVELS = ("County", "Township", "Village")

# 县政务服务中心 has no parent; 乡镇便民服务中心 hangs under the county; 村便民服务站 under its township.
PARENT_LEVEL: dict[str, str | None] = {"County": None, "Township": "County", "Village": "Township"}


def expected_parent_level(level: str) -> str | None:
	"""The level a centre of `level` must hang under (None for the county centre)."""
	if level not in PARENT_LEVEL:
		raise ValueError(f"unknown level {level!r}")
	return PARENT_LEVEL[level]


def uncovered_days(working_days: list, covered_days: set) -> list:
	"""Working days of a duty period that have nobody on duty, in order."""
	return [day for day in working_days if day not in covered_days]


def rotate(agents: list, days: list) -> list[tuple]:
	"""Assign agents to days in turn: [(day, agent), ...]. Empty when there is nobody to assign."""
	if not agents:
		return []
	return [(day, agents[index % len(agents)]) for index, day in enumerate(days)]


def continue_rotation(agents: list, last_on_duty: str | None) -> list:
	"""The agents in rotation order, starting with the one after `last_on_duty` (who ended the previous
	period), so a new month carries on the turn instead of starting over with the same person."""
	if last_on_duty not in agents:
		return list(agents)
	start = agents.index(last_on_duty) + 1
	return agents[start:] + agents[:start]
