"""电子监察 (electronic supervision), the rules without Frappe: which clocks are red, what a red clock
issues, and when a yellow warning becomes a red card.

A clock is red once its deadline has passed (its working days counted on China's working-day calendar). A
red clock issues one 监察预警 (supervision alert): a yellow warning (黄牌预警) while it is at most
`red_after` working days overdue, a red card (红牌) beyond that; an open yellow warning whose clock stays red
becomes a red card once, and the responsible person is told again. A clock whose alert was closed issues no
second one for the same deadline.
"""

from __future__ import annotations

YELLOW = "Yellow Warning"
RED = "Red Card"
LEVELS = (YELLOW, RED)

# what runs against a clock, and who answers for it (post), as the alert names them
CLOCKS = {
	"Case Deadline": "Agent",
	"Complaint Deadline": "Department Contact",
	"Project Approval": "Department Contact",
	"Project Stage": "Department Contact",  # the stage's lead department (牵头部门)
	"Rectification": "Responsible Person",
	"Inspection Finding": "Responsible Person",
	"Visit Due": "Agent",
	"Collection Answer": "Agent",
}


def alert_level(overdue_working_days: int, red_after: int) -> str | None:
	"""The level a clock `overdue_working_days` past its deadline deserves, or None when it is not red."""
	if overdue_working_days <= 0:
		return None
	return YELLOW if overdue_working_days <= max(0, red_after) else RED


def next_step(level: str | None, existing_level: str | None, existing_open: bool) -> str | None:
	"""What the day's run does for one clock: "issue" a first alert, "raise" an open yellow warning to a red
	card, or nothing (None): not red, already issued at this level, or closed by the supervisory officer."""
	if level is None:
		return None
	if existing_level is None:
		return "issue"
	if existing_open and existing_level == YELLOW and level == RED:
		return "raise"
	return None


# the live board's colours of a running clock
GREEN_LIGHT, YELLOW_LIGHT, RED_LIGHT = "Green", "Yellow", "Red"
LIGHTS = (GREEN_LIGHT, YELLOW_LIGHT, RED_LIGHT)


def light(due, today, yellow_until, statutory_from=None) -> str:
	"""A running clock's colour on the board: red once its deadline has passed, yellow while it falls due
	by `yellow_until` (today and the next working days the settings give), green before that. A case's
	deadline is the promised limit: past it but within the statutory limit (a deadline on or after
	`statutory_from`, see `statutory_thresholds`) it is yellow, red only once the statutory limit has passed."""
	if due < today:
		return YELLOW_LIGHT if statutory_from is not None and due >= statutory_from else RED_LIGHT
	return YELLOW_LIGHT if due <= yellow_until else GREEN_LIGHT


def statutory_thresholds(today, graces, count_working_days, earliest) -> dict[int, object]:
	"""For each grace g (statutory minus promised working days), the earliest promised deadline whose
	statutory limit has not passed by `today`: a deadline d is within it while
	count_working_days(d, today) <= g. Found walking back from today, no further than `earliest`."""
	import datetime

	thresholds: dict[int, object] = {}
	wanted = sorted({max(int(g), 0) for g in graces})
	day = today
	for grace in wanted:
		if grace == 0:
			thresholds[0] = today  # no grace: red as soon as passed
			continue
		while day > earliest and count_working_days(day - datetime.timedelta(days=1), today) <= grace:
			day -= datetime.timedelta(days=1)
		thresholds[grace] = day
	return thresholds
