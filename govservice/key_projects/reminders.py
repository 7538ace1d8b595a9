"""限时办结 and 全程监督 for key projects: reminders before each approval's and stage's due date, escalation
when overdue, run by the scheduler on working days at office hours.

- an approval due in one working day, due today or overdue: its department's liaison contact, the stage's
  lead unit (the lead department's contact and the team's lead-unit members) and the liaison agent with
  their B-post backup; overdue also the department's leader in charge and the handling centre's supervisor,
  and, escalated, the supervisor of the level above;
- a stage due or overdue (its limit reached with approvals still open): the lead unit and the liaison
  agent; overdue also the lead department's leader, the centre's supervisor and, escalated, the level above;
- a commitment to verify (告知承诺制, due so many working days after the approval) and a deferred material
  (容缺) promised by a date and not yet received: as an approval, to its department.

Every reminder is recorded in GS Project Reminder, keyed by (row, kind, due date), so a second run on the
same day or a rerun after a crash sends nothing twice; an escalation is flagged on its row and written to
the project's timeline once. A run costs a fixed number of queries (plus one per 10,000 rows written),
whatever the number of projects.
"""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import escape_html, now_datetime

from govservice.casework.reminders import KIND_LABELS, Alerts, reminder_day
from govservice.security.scope import ancestors
from govservice.utils import bulk_insert_docs

KIND_CASE = """case
	when {due} < %(today)s then 'Overdue'
	when {due} = %(today)s then 'Due Today'
	else 'Due Tomorrow'
end"""


def send_project_reminders() -> dict[str, int]:
	"""Scheduler job (cron, office hours): remind of approvals and stages due soon, due today or overdue."""
	settings = frappe.get_cached_doc("GS Settings")
	day = reminder_day() if settings.enable_project_reminders else None
	return remind(*day, settings) if day else {}


COMMON = """p.name as project, p.project_name, p.service_centre, p.liaison_agent, p.liaison_user"""
APPROVALS = f"""
	select 'Approval' as target, a.name as target_row, a.item_name as label, a.department,
		s.lead_department, a.due_date, a.is_escalated, {COMMON}, {KIND_CASE.format(due="a.due_date")} as kind
	from `tabGS Project Approval` a
	join `tabGS Key Project` p on p.name = a.parent
	left join `tabGS Project Stage` s
		on s.parent = a.parent and s.parenttype = 'GS Key Project' and s.stage_name = a.stage_name
	where a.parenttype = 'GS Key Project' and a.approval_status = 'In Progress' and a.is_paused = 0
		and a.due_date <= %(next_working_day)s and p.status = 'In Approval'"""
STAGES = f"""
	select 'Stage' as target, s.name as target_row, s.stage_name as label, s.lead_department as department,
		s.lead_department, s.due_date, s.is_escalated, {COMMON}, {KIND_CASE.format(due="s.due_date")} as kind
	from `tabGS Project Stage` s
	join `tabGS Key Project` p on p.name = s.parent
	where s.parenttype = 'GS Key Project' and s.stage_status = 'Open'
		and s.due_date <= %(next_working_day)s and p.status = 'In Approval'"""


# 告知承诺制: the department's check that a commitment was met, after the approval (the project may be
# complete by then)
VERIFICATIONS = f"""
	select 'Commitment Verification' as target, a.name as target_row, a.item_name as label, a.department,
		s.lead_department, a.verification_due as due_date, a.verification_escalated as is_escalated, {COMMON},
		{KIND_CASE.format(due="a.verification_due")} as kind
	from `tabGS Project Approval` a
	join `tabGS Key Project` p on p.name = a.parent
	left join `tabGS Project Stage` s
		on s.parent = a.parent and s.parenttype = 'GS Key Project' and s.stage_name = a.stage_name
	where a.parenttype = 'GS Key Project' and a.decision = 'Commitment' and a.approval_status = 'Approved'
		and ifnull(a.verification_outcome, '') = '' and a.verification_due <= %(next_working_day)s
		and p.status in ('In Approval', 'Completed')"""
# 容缺: a material promised by a date and not yet received
DEFERRED = f"""
	select 'Deferred Material' as target, d.name as target_row,
		concat(d.item_name, ' · ', d.material_name) as label, d.department, null as lead_department,
		d.promised_date as due_date, d.is_escalated, {COMMON}, {KIND_CASE.format(due="d.promised_date")} as kind
	from `tabGS Project Deferred Material` d
	join `tabGS Key Project` p on p.name = d.parent
	where d.parenttype = 'GS Key Project' and d.received_on is null
		and d.promised_date <= %(next_working_day)s and p.status = 'In Approval'"""
# what an escalation flags, by the reminder's target
ESCALATED = {
	"Approval": ("GS Project Approval", "is_escalated"),
	"Stage": ("GS Project Stage", "is_escalated"),
	"Commitment Verification": ("GS Project Approval", "verification_escalated"),
	"Deferred Material": ("GS Project Deferred Material", "is_escalated"),
}


def due_rows(today, next_working_day) -> list[frappe._dict]:
	"""Approvals in progress, open stages, commitments to verify and deferred materials of projects in
	approval, due by the next working day, that have not had this reminder for this due date: four
	queries, whatever the number of projects."""
	values = {"today": today, "next_working_day": next_working_day}
	rows = []
	for due in (APPROVALS, STAGES, VERIFICATIONS, DEFERRED):
		rows += frappe.db.sql(
			f"""select d.* from ({due}) d
			left join `tabGS Project Reminder` r
				on r.target_row = d.target_row and r.kind = d.kind and r.due_date = d.due_date
			where r.name is null
			order by d.due_date, d.project, d.target_row""",
			values,
			as_dict=True,
		)
	return rows


class Directory:
	"""Who to tell, read once per run: agents and their backups, centres and supervisors, departments'
	contacts and leaders, and the lead-unit members of projects in approval."""

	def __init__(self) -> None:
		self.agents = {
			a.name: a
			for a in frappe.get_all("GS Agent", fields=["name", "user", "backup_agent", "is_active"])
		}
		self.centres = {
			c.name: c
			for c in frappe.get_all(
				"GS Service Centre", fields=["name", "supervisor", "parent_gs_service_centre"]
			)
		}
		self.contacts: dict[str, set[str]] = defaultdict(set)
		self.leaders: dict[str, set[str]] = defaultdict(set)
		for row in frappe.get_all(
			"GS Department Liaison", fields=["department", "contact_user", "leader_user"]
		):
			if row.contact_user:
				self.contacts[row.department].add(row.contact_user)
			if row.leader_user:
				self.leaders[row.department].add(row.leader_user)
		self.lead_unit: dict[str, set[str]] = defaultdict(set)
		for row in frappe.db.sql(
			"""select t.parent, t.user from `tabGS Project Team Member` t
			join `tabGS Key Project` p on p.name = t.parent
			where t.parenttype = 'GS Key Project' and t.member_role = 'Lead Unit' and t.user is not null
				and t.user != '' and p.status = 'In Approval'""",
			as_dict=True,
		):
			self.lead_unit[row.parent].add(row.user)

	def recipients(self, row, escalate: bool) -> set[str]:
		users = {row.liaison_user} | self.lead_unit[row.project] | self.contacts[row.lead_department or ""]
		agent = self.agents.get(row.liaison_agent)
		if agent:
			backup = self.agents.get(agent.backup_agent)
			if backup and backup.is_active:
				users.add(backup.user)
		if row.target != "Stage":  # the approval's department: its approval, verification or material
			users |= self.contacts[row.department or ""]
		if row.kind == "Overdue":
			users |= self.leaders[row.department or ""]
			centre = self.centres.get(row.service_centre)
			if centre:
				users.add(centre.supervisor)
				parent = self.centres.get(centre.parent_gs_service_centre)
				if escalate and parent:
					users.add(parent.supervisor)
		users.discard(None)
		users.discard("")
		return users


def subject_of(row) -> str:
	what = _(row.target)  # one of GS Project Reminder's targets (its options, translated)
	# the desk shows a notification's subject as HTML: the plan's and project's names go in as text
	return _("{0} {1} of {2} is {3}: due {4}").format(
		what,
		escape_html(row.label or ""),
		escape_html(row.project_name or ""),
		_(KIND_LABELS[row.kind]),
		row.due_date,
	)


def remind(today, next_working_day, settings) -> dict[str, int]:
	rows = due_rows(today, next_working_day)
	if not rows:
		return {}
	directory = Directory()
	escalate = bool(settings.escalate_overdue_cases)
	now = now_datetime()
	alerts, reminders, escalated = Alerts("GS Key Project"), [], []
	counts: dict[str, int] = defaultdict(int)
	for row in rows:
		recipients = directory.recipients(row, escalate)
		subject = subject_of(row)
		alerts.add(row.project, subject, recipients)
		township, county = ancestors(row.service_centre)
		reminders.append(
			{
				"key_project": row.project,
				"service_centre": row.service_centre,
				"township_centre": township,
				"county_centre": county,
				"target": row.target,
				"target_row": row.target_row,
				"target_label": row.label,
				"department": row.department,
				"kind": row.kind,
				"due_date": row.due_date,
				"sent_on": now,
				"recipients": ", ".join(sorted(recipients)),
			}
		)
		if row.kind == "Overdue" and escalate and not row.is_escalated:
			escalated.append(row)
		counts[f"{row.target} {row.kind}"] += 1
	alerts.send(now, settings.send_reminder_emails, _("Key project deadline reminders: {0}"))
	bulk_insert_docs("GS Project Reminder", reminders, now)
	if escalated:
		mark_escalated(escalated, now)
	return dict(counts)


def mark_escalated(rows: list, now) -> None:
	"""Flag overdue approvals and stages as escalated, and write each once to its project's timeline."""
	for target, (doctype, flag) in ESCALATED.items():
		names = [row.target_row for row in rows if row.target == target]
		for start in range(0, len(names), 10000):
			frappe.db.sql(
				f"update `tab{doctype}` set `{flag}` = 1 where name in %(names)s",
				{"names": names[start : start + 10000]},
			)
	bulk_insert_docs(
		"Comment",
		[
			{
				"comment_type": "Info",
				"reference_doctype": "GS Key Project",
				"reference_name": row.project,
				"comment_email": "Administrator",
				"content": _("{0} overdue since {1}; escalated to the supervisor of the level above").format(
					row.label, row.due_date
				),
			}
			for row in rows
		],
		now,
	)
