"""电子监察's day: every red clock issues one 监察预警 (GS Supervision Alert), and an open yellow warning whose
clock stays red becomes a red card (rules in govservice.domain.supervision_rules).

The clocks: a case's deadline (running, not paused), a 办不成事 complaint's reply deadline (dispatched, not
replied), a key-project approval's due date (in progress, not paused) and an open stage's (its lead
department answers for it), a bad rating's rectification deadline, an inspection finding's, a special-group
visit due and a collected request's promised answer. Each kind is one query for the red clocks and one for the alerts they already have, whatever the
number of records. The responsible person (the case's agent, the department's business contact, the
rectification's owner) is told in the desk and by SMS (the Notification records 监察预警短信, which the
administrators edit), and in the desk the supervisory officers and the supervisors of the clock's centre
and of its township. Runs on working days
only, after the morning reminders.
"""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import cint, escape_html, getdate, now_datetime

from govservice.casework.reminders import Alerts, reminder_day
from govservice.casework.stages import CLOCK_STAGES
from govservice.domain.supervision_rules import CLOCKS, RED, alert_level, next_step
from govservice.organisation.calendar import get_work_calendar
from govservice.security.scope import ancestors
from govservice.supervision.permissions import SUPERVISORY_ROLE

DOCTYPE = "GS Supervision Alert"
DEFAULT_RED_AFTER = 3


def issue_alerts() -> dict[str, int]:
	"""Scheduler job (cron, working days): the day's alerts."""
	if not frappe.db.get_single_value("GS Settings", "enable_supervision_alerts"):
		return {}
	day = reminder_day()
	return run(day[0]) if day else {}


def run(today) -> dict[str, int]:
	today = getdate(today)
	red_after = cint(frappe.db.get_single_value("GS Settings", "red_card_after_days")) or DEFAULT_RED_AFTER
	calendar = get_work_calendar()
	clocks = red_clocks(today)
	existing = alerts_of(clocks)
	now = now_datetime()
	told = Alerts(DOCTYPE)
	supervisory = supervisory_officers()
	supervisors = centre_supervisors()
	counts: dict[str, int] = defaultdict(int)
	for clock in clocks:
		overdue = calendar.count_working_days(clock["due_date"], today)
		level = alert_level(overdue, red_after)
		before = existing.get(key_of(clock))
		step = next_step(level, before and before.level, bool(before) and before.status == "Open")
		if step == "issue":
			alert = frappe.get_doc(
				{"doctype": DOCTYPE, **clock, "level": level, "overdue_days": overdue, "issued_on": now}
			)
			alert.insert(ignore_permissions=True)  # the system's own record
			name = alert.name
		elif step == "raise":
			alert = frappe.get_doc(DOCTYPE, before.name)
			alert.level, alert.overdue_days, alert.raised_on = RED, overdue, now
			alert.flags.ignore_permissions = True
			alert.save()
			name = alert.name
		else:
			continue
		counts[f"{step}:{level}"] += 1
		subject = _("{0}: {1} is {2} working days past its deadline {3}").format(
			_(level), escape_html(clock["subject"]), overdue, clock["due_date"]
		)
		# the supervisors of the clock's centre and of its township (a village's is the township's)
		centre = clock.get("service_centre")
		township = ancestors(centre)[0] if centre else None
		users = {
			clock.get("responsible_user"),
			supervisors.get(centre),
			supervisors.get(township),
			*supervisory,
		}
		told.add(name, subject, {user for user in users if user})
	told.send(now, email=False, title="")
	return dict(counts)


def key_of(clock: dict) -> tuple:
	return (
		clock["source_doctype"],
		clock["source_name"],
		clock.get("source_row") or "",
		str(clock["due_date"]),
	)


def alerts_of(clocks: list[dict]) -> dict[tuple, frappe._dict]:
	"""The alerts already issued for these clocks (one query per record type)."""
	found: dict[tuple, frappe._dict] = {}
	by_type: dict[str, set[str]] = defaultdict(set)
	for clock in clocks:
		by_type[clock["source_doctype"]].add(clock["source_name"])
	for doctype, names in by_type.items():
		for row in frappe.get_all(
			DOCTYPE,
			filters={"source_doctype": doctype, "source_name": ["in", sorted(names)]},
			fields=["name", "source_doctype", "source_name", "source_row", "due_date", "level", "status"],
		):
			key = (row.source_doctype, row.source_name, row.source_row or "", str(row.due_date))
			found[key] = row
	return found


def red_clocks(today) -> list[dict]:
	"""Every clock past its deadline, as the fields of the alert it would issue."""
	contacts = {
		row.department: row
		for row in frappe.get_all(
			"GS Department Liaison", fields=["department", "contact_user", "contact_name", "contact_phone"]
		)
	}

	def department_contact(department: str | None) -> dict:
		row = contacts.get(department) or frappe._dict()
		return {
			"responsible_user": row.contact_user,
			"responsible_name": row.contact_name,
			"responsible_phone": row.contact_phone,
		}

	clocks: list[dict] = []
	for case in frappe.db.sql(
		"""select c.name, c.item_name, c.deadline_date, c.agent_user, c.service_centre, a.agent_name,
			a.phone, i.department
		from `tabGS Case` c
		left join `tabGS Agent` a on a.name = c.agent
		left join `tabGS Service Item` i on i.name = c.service_item
		where c.stage in %(stages)s and c.is_paused = 0 and c.deadline_date < %(today)s""",
		{"stages": CLOCK_STAGES, "today": today},
		as_dict=True,
	):
		clocks.append(
			{
				"clock": "Case Deadline",
				"source_doctype": "GS Case",
				"source_name": case.name,
				"subject": _("Case {0} ({1})").format(case.name, case.item_name or ""),
				"due_date": case.deadline_date,
				"responsible_user": case.agent_user,
				"responsible_name": case.agent_name,
				"responsible_phone": case.phone,
				"department": case.department,
				"service_centre": case.service_centre,
			}
		)
	for complaint in frappe.get_all(
		"GS Complaint",
		filters={"status": "Dispatched", "deadline_date": ["<", today]},
		fields=["name", "department", "department_name", "deadline_date"],
	):
		clocks.append(
			{
				"clock": "Complaint Deadline",
				"source_doctype": "GS Complaint",
				"source_name": complaint.name,
				"subject": _("Complaint {0} ({1})").format(complaint.name, complaint.department_name or ""),
				"due_date": complaint.deadline_date,
				"department": complaint.department,
				**department_contact(complaint.department),
			}
		)
	for approval in frappe.db.sql(
		"""select a.name, a.parent, a.item_name, a.department, a.due_date, p.project_name, p.service_centre
		from `tabGS Project Approval` a
		join `tabGS Key Project` p on p.name = a.parent
		where a.parenttype = 'GS Key Project' and a.approval_status = 'In Progress' and a.is_paused = 0
			and a.due_date < %(today)s""",
		{"today": today},
		as_dict=True,
	):
		clocks.append(
			{
				"clock": "Project Approval",
				"source_doctype": "GS Key Project",
				"source_name": approval.parent,
				"source_row": approval.name,
				"subject": _("Key project {0}: {1}").format(approval.project_name, approval.item_name),
				"due_date": approval.due_date,
				"department": approval.department,
				"service_centre": approval.service_centre,
				**department_contact(approval.department),
			}
		)
	for stage in frappe.db.sql(
		"""select s.name, s.parent, s.stage_name, s.lead_department, s.due_date, p.project_name,
			p.service_centre
		from `tabGS Project Stage` s
		join `tabGS Key Project` p on p.name = s.parent
		where s.parenttype = 'GS Key Project' and s.stage_status = 'Open' and s.due_date < %(today)s""",
		{"today": today},
		as_dict=True,
	):
		clocks.append(
			{
				"clock": "Project Stage",
				"source_doctype": "GS Key Project",
				"source_name": stage.parent,
				"source_row": stage.name,
				"subject": _("Key project {0}: stage {1}").format(stage.project_name, stage.stage_name),
				"due_date": stage.due_date,
				"department": stage.lead_department,
				"service_centre": stage.service_centre,
				**department_contact(stage.lead_department),
			}
		)
	for rectification in frappe.db.sql(
		"""select r.name, r.gs_case, r.deadline_date, r.assigned_to, r.service_centre, u.full_name,
			u.mobile_no
		from `tabGS Rectification` r
		left join `tabUser` u on u.name = r.assigned_to
		where r.status = 'In Rectification' and r.deadline_date < %(today)s""",
		{"today": today},
		as_dict=True,
	):
		clocks.append(
			{
				"clock": "Rectification",
				"source_doctype": "GS Rectification",
				"source_name": rectification.name,
				"subject": _("Rectification {0} (case {1})").format(
					rectification.name, rectification.gs_case
				),
				"due_date": rectification.deadline_date,
				"responsible_user": rectification.assigned_to,
				"responsible_name": rectification.full_name,
				"responsible_phone": rectification.mobile_no,
				"service_centre": rectification.service_centre,
			}
		)
	for finding in frappe.db.sql(
		"""select f.name, f.parent, f.finding, f.deadline_date, f.owner_user, i.service_centre, u.full_name,
			u.mobile_no
		from `tabGS Inspection Finding` f
		join `tabGS Inspection` i on i.name = f.parent
		left join `tabUser` u on u.name = f.owner_user
		where f.parenttype = 'GS Inspection' and i.status = 'Completed' and f.finding_status = 'Open'
			and f.deadline_date < %(today)s""",
		{"today": today},
		as_dict=True,
	):
		clocks.append(
			{
				"clock": "Inspection Finding",
				"source_doctype": "GS Inspection",
				"source_name": finding.parent,
				"source_row": finding.name,
				"subject": _("Inspection {0}: {1}").format(finding.parent, finding.finding[:60]),
				"due_date": finding.deadline_date,
				"responsible_user": finding.owner_user,
				"responsible_name": finding.full_name,
				"responsible_phone": finding.mobile_no,
				"service_centre": finding.service_centre,
			}
		)
	clocks.extend(outreach_clocks(today))
	for clock in clocks:
		clock["post"] = CLOCKS[clock["clock"]]
	return clocks


def outreach_clocks(today) -> list[dict]:
	"""The village's clocks: a special-group visit past its due date (the responsible agent) and a collected
	request past the date the villager was promised an answer, with no answer and no case (the agent who
	collected it). Names are shortened: an alert is read beyond the village."""
	from govservice.domain.outreach_rules import mask_name

	clocks = []
	for member in frappe.db.sql(
		"""select m.name, m.full_name, m.next_visit_due, m.service_centre, a.user, a.agent_name, a.phone
		from `tabGS Special Group Member` m
		left join `tabGS Agent` a on a.name = m.responsible_agent
		where m.is_active = 1 and m.next_visit_due < %(today)s""",
		{"today": today},
		as_dict=True,
	):
		clocks.append(
			{
				"clock": "Visit Due",
				"source_doctype": "GS Special Group Member",
				"source_name": member.name,
				"subject": _("Visit to {0} due").format(mask_name(member.full_name)),
				"due_date": member.next_visit_due,
				"responsible_user": member.user,
				"responsible_name": member.agent_name,
				"responsible_phone": member.phone,
				"service_centre": member.service_centre,
			}
		)
	for row in frappe.db.sql(
		"""select r.name, r.parent, r.requester_name, r.respond_by, s.service_centre, a.user, a.agent_name,
			a.phone
		from `tabGS Collection Request` r
		join `tabGS Collection Sheet` s on s.name = r.parent
		left join `tabGS Agent` a on a.name = s.collected_by
		where r.parenttype = 'GS Collection Sheet' and s.status = 'Dispatched' and r.respond_by < %(today)s
			and ifnull(r.reply, '') = '' and ifnull(r.gs_case, '') = ''""",
		{"today": today},
		as_dict=True,
	):
		clocks.append(
			{
				"clock": "Collection Answer",
				"source_doctype": "GS Collection Sheet",
				"source_name": row.parent,
				"source_row": row.name,
				"subject": _("Answer to {0}'s collected request").format(mask_name(row.requester_name)),
				"due_date": row.respond_by,
				"responsible_user": row.user,
				"responsible_name": row.agent_name,
				"responsible_phone": row.phone,
				"service_centre": row.service_centre,
			}
		)
	return clocks


def supervisory_officers() -> set[str]:
	"""The enabled accounts of the supervisory department (Frappe's own lookup, one query)."""
	from frappe.utils.user import get_users_with_role

	return set(get_users_with_role(SUPERVISORY_ROLE))


def centre_supervisors() -> dict[str, str]:
	return dict(
		frappe.get_all(
			"GS Service Centre",
			filters={"supervisor": ["is", "set"]},
			fields=["name", "supervisor"],
			as_list=True,
		)
	)
