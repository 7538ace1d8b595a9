"""Open deadlines after the working-day calendar changed (a year's official arrangement confirmed)."""

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from govservice.casework.ledger import log_action
from govservice.casework.stages import CLOCK_STAGES
from govservice.domain.case_rules import pause_interval
from govservice.organisation.calendar import get_work_calendar
from govservice.security.scope import FOLLOWING_FIELDS


def recompute_open_deadlines(since, reason: str) -> int:
	"""Recompute the deadline of every case on the clock whose deadline is on or after `since`, with the
	calendar as it is now; each one that moves gets its new date (and its department tasks the same), a
	work-log row saying from what to what and why, and a desk notification to its agent and B post. Returns
	how many moved."""
	from govservice.casework.reminders import Alerts

	calendar = get_work_calendar()
	cases = frappe.get_all(
		"GS Case",
		filters={
			"stage": ["in", CLOCK_STAGES],
			"accepted_on": ["is", "set"],
			"deadline_date": [">=", getdate(since)],
		},
		fields=["name", "accepted_on", "promised_limit_days", "deadline_date", *FOLLOWING_FIELDS["GS Case"]],
	)
	if not cases:
		return 0
	pauses = {}
	for row in frappe.get_all(
		"GS Case Pause",
		filters={"parent": ["in", [c.name for c in cases]], "to_date": ["is", "set"]},
		fields=["parent", "from_date", "to_date"],
	):
		interval = pause_interval(getdate(row.from_date), getdate(row.to_date))
		if interval:
			pauses.setdefault(row.parent, []).append(interval)
	alerts = Alerts("GS Case")
	moved = 0
	for case in cases:
		new = calendar.add_working_days(
			getdate(case.accepted_on), int(case.promised_limit_days or 0), pauses.get(case.name, [])
		)
		old = getdate(case.deadline_date)
		if new == old:
			continue
		frappe.db.set_value("GS Case", case.name, "deadline_date", new, update_modified=False)
		frappe.db.set_value(
			"GS Case Task",
			{"parent": case.name, "task_deadline_date": old},
			"task_deadline_date",
			new,
			update_modified=False,
		)
		note = _("Deadline {0} → {1}: {2}").format(old, new, reason)
		log_action(frappe.get_doc("GS Case", case.name), "Deadline Changed", note)
		alerts.add(
			case.name, f"{case.name} {note}", {case[f] for f in FOLLOWING_FIELDS["GS Case"] if case[f]}
		)
		moved += 1
	alerts.send(now_datetime(), email=False, title="")
	return moved
