"""Rules of a proxy-handling case (代办件) that need no database.

Sources: 鹤峰县“三办三不出”实施方案 (seed 000) section 四 — one-time notice of every missing material,
same-day transfer to the level that handles the item, first-contact responsibility; 一窗受理 rules (seed 001)
— 容缺受理 lets handling start while non-key materials are missing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Material:
	name: str
	is_required: bool
	allows_deferred: bool
	is_received: bool


def missing_materials(materials: Iterable[Material]) -> tuple[list[str], list[str]]:
	"""(missing key materials, missing materials that 容缺受理 allows to come later)."""
	blocking, deferrable = [], []
	for material in materials:
		if material.is_required and not material.is_received:
			(deferrable if material.allows_deferred else blocking).append(material.name)
	return blocking, deferrable


def materials_not_in_earlier_notices(
	missing: Iterable[str], earlier_notices: Iterable[Iterable[str]]
) -> list[str]:
	"""Missing materials that no earlier one-time notice listed (a second notice must justify them)."""
	listed = {name for notice in earlier_notices for name in notice}
	return [name for name in missing if name not in listed]


def transfer_due_date(received: datetime.date, is_working_day) -> datetime.date:
	"""A case at the wrong level is transferred on the working day of receipt (the next one if it arrived
	on a day off)."""
	day = received
	while not is_working_day(day):
		day += datetime.timedelta(days=1)
	return day


def pause_interval(
	issued: datetime.date, supplied: datetime.date | None
) -> tuple[datetime.date, datetime.date] | None:
	"""The clock stops from the day after a one-time notice until the day the materials arrive."""
	if supplied is None:
		return None
	start = issued + datetime.timedelta(days=1)
	return (start, supplied) if supplied >= start else None


def nearest_handling_centre(chain: Iterable[tuple[str, str]], handled_levels: Iterable[str]) -> str | None:
	"""The first centre of `chain` (the chosen centre, then its parent, up to the county) whose level handles
	the item; None when no centre on the way up does (the item is handled only below the chosen level).

	三办三不出 (seed 000): a request is handled at the level the item belongs to; the nearest such level
	above the applicant's station takes it.
	"""
	levels = set(handled_levels)
	return next((centre for centre, level in chain if level in levels), None)
