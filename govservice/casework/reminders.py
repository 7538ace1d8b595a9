"""Deadline reminders for proxy-handling cases, run by the scheduler at office hours.

Due in one working day and due today go to the first-contact agent and the B-post backup (AB岗);
overdue also goes to the centre's supervisor and, escalated, to the supervisor of the level above.
Every reminder is recorded in GS Case Reminder, keyed by (case, kind, deadline), so a second run on the
same day, or a rerun after a crash, sends nothing twice. Work is done in a fixed number of queries per
run (plus one per 10,000 rows written), whatever the number of open cases.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import escape_html, get_url_to_form, getdate, now_datetime

from govservice.casework.stages import CLOCK_STAGES
from govservice.organisation.calendar import get_work_calendar
from govservice.utils import bulk_insert_docs

KIND_LABELS = {"Due Tomorrow": "due in one working day", "Due Today": "due today", "Overdue": "overdue"}


def reminder_day():
	"""(today, the next working day) when today is a working day, else None: reminders go out on working
	days only (the case and key-project jobs)."""
	today = getdate(now_datetime())
	calendar = get_work_calendar()
	if not calendar.is_working_day(today):
		return None
	return today, calendar.add_working_days(today, 1)


def send_case_reminders() -> dict[str, int]:
	"""Scheduler job (cron, office hours): remind agents of cases that are due soon, due today or overdue."""
	settings = frappe.get_cached_doc("GS Settings")
	day = reminder_day() if settings.enable_case_reminders else None
	return remind(*day, settings) if day else {}


def remind(today, next_working_day, settings) -> dict[str, int]:
	cases = due_cases(today, next_working_day)
	if not cases:
		return {}
	agents = {
		a.name: a for a in frappe.get_all("GS Agent", fields=["name", "user", "backup_agent", "is_active"])
	}
	centres = {
		c.name: c
		for c in frappe.get_all(
			"GS Service Centre", fields=["name", "supervisor", "parent_gs_service_centre"]
		)
	}
	now = now_datetime()
	alerts, reminders, escalated = Alerts("GS Case"), [], []
	for case in cases:
		recipients = recipients_for(case, agents, centres, settings.escalate_overdue_cases)
		if case.kind == "Overdue" and settings.escalate_overdue_cases:
			escalated.append(case)
		# the desk shows a notification's subject as HTML: what a citizen typed goes in as text
		subject = _("{0} ({1}) is {2}: deadline {3}").format(
			case.name, escape_html(case.applicant_name or ""), _(KIND_LABELS[case.kind]), case.deadline_date
		)
		alerts.add(case.name, subject, recipients)
		reminders.append(
			{
				"gs_case": case.name,
				"service_centre": case.service_centre,
				"township_centre": case.township_centre,
				"county_centre": case.county_centre,
				"kind": case.kind,
				"deadline_date": case.deadline_date,
				"sent_on": now,
				"recipients": ", ".join(sorted(recipients)),
			}
		)

	alerts.send(now, settings.send_reminder_emails, _("Case deadline reminders: {0}"))
	bulk_insert_docs("GS Case Reminder", reminders, now)
	if escalated:
		mark_escalated(escalated, now)
	counts = defaultdict(int)
	for case in cases:
		counts[case.kind] += 1
	return dict(counts)


def due_cases(today, next_working_day) -> list[frappe._dict]:
	"""Open, running cases due by the next working day that have not had this reminder for this deadline."""
	return frappe.db.sql(
		"""
		select c.name, c.deadline_date, c.agent, c.service_centre, c.township_centre, c.county_centre,
			c.applicant_name, c.is_escalated, c.kind
		from (
			select name, deadline_date, agent, service_centre, township_centre, county_centre, applicant_name,
				is_escalated,
				case
					when deadline_date < %(today)s then 'Overdue'
					when deadline_date = %(today)s then 'Due Today'
					else 'Due Tomorrow'
				end as kind
			from `tabGS Case`
			where stage in %(stages)s and is_paused = 0 and deadline_date <= %(next_working_day)s
		) c
		left join `tabGS Case Reminder` r
			on r.gs_case = c.name and r.kind = c.kind and r.deadline_date = c.deadline_date
		where r.name is null
		order by c.deadline_date, c.name
		""",
		{"today": today, "next_working_day": next_working_day, "stages": CLOCK_STAGES},
		as_dict=True,
	)


def recipients_for(case, agents: dict, centres: dict, escalate: bool) -> set[str]:
	users = set()
	agent = agents.get(case.agent)
	if agent:
		users.add(agent.user)
		backup = agents.get(agent.backup_agent)
		if backup and backup.is_active:
			users.add(backup.user)
	if case.kind == "Overdue":
		centre = centres.get(case.service_centre)
		if centre and centre.supervisor:
			users.add(centre.supervisor)
		parent = centres.get(centre.parent_gs_service_centre) if centre else None
		if escalate and parent and parent.supervisor:
			users.add(parent.supervisor)
	users.discard(None)
	return users


def mark_escalated(cases: list, now) -> None:
	"""Flag overdue cases as escalated and write one ledger entry each (once per case)."""
	cases = [case for case in cases if not case.is_escalated]
	names = [case.name for case in cases]
	for start in range(0, len(names), 10000):
		frappe.db.sql(
			"update `tabGS Case` set is_escalated = 1 where name in %(names)s",
			{"names": names[start : start + 10000]},
		)
	bulk_insert_docs(
		"GS Work Log",
		[
			{
				"log_on": now,
				"action": "Escalated",
				"gs_case": case.name,
				"service_centre": case.service_centre,
				"township_centre": case.township_centre,
				"county_centre": case.county_centre,
				"agent": case.agent,
				"user": "Administrator",
				"description": _("Overdue since {0}; escalated to the supervisor of the level above").format(
					case.deadline_date
				),
			}
			for case in cases
		],
		now,
	)


class Alerts:
	"""What one reminder run tells people about records of one DocType: a desk notification per record and
	recipient (written in a few multi-row INSERTs) and, where e-mail is on, one digest per recipient."""

	def __init__(self, doctype: str) -> None:
		self.doctype = doctype
		self.notifications: list[dict] = []
		self.digests: dict[str, list] = defaultdict(list)

	def add(self, name: str, subject: str, users) -> None:
		for user in sorted(users):
			self.notifications.append(
				{
					"subject": subject,
					"for_user": user,
					"type": "Alert",
					"document_type": self.doctype,
					"document_name": name,
					"from_user": "Administrator",
					"read": 0,
				}
			)
			self.digests[user].append((name, subject))

	def send(self, now, email: bool, title: str) -> None:
		"""`title`: the digest's subject, with a {0} for the count."""
		bulk_insert_docs("Notification Log", self.notifications, now)
		if email:
			send_digests(self.digests, self.doctype, title)


def send_digests(digests: dict[str, list], doctype: str, title: str) -> None:
	"""One email per recipient listing their reminders (the first 50 in full), each linking to its
	`doctype` record; `title` is the subject with a {0} for the count. The reminders' subjects are HTML
	(as the desk shows them), with every name in them escaped.

	Without an outgoing email account only the desk notifications go out; a failure for one recipient is
	logged and does not stop the others.
	"""
	if not frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
		return
	for user, items in digests.items():
		try:
			send_digest(user, items, doctype, title)
		except Exception:
			frappe.log_error(title=f"Reminder email to {user} failed")


def send_digest(user: str, items: list, doctype: str, title: str) -> None:
	lines = "".join(
		f'<li><a href="{get_url_to_form(doctype, name)}">{subject}</a></li>'
		for name, subject in items[:50]  # subjects are HTML already, their names escaped
	)
	more = _("and {0} more").format(len(items) - 50) if len(items) > 50 else ""
	frappe.sendmail(
		recipients=[user],
		subject=title.format(len(items)),
		message=f"<ul>{lines}</ul>{more}",
		delayed=True,
	)
