"""The register's daily upkeep and the overdue-visit reminders (cron, office hours).

Every day the people who reached the elderly age are flagged and the visit plan recomputed (two UPDATEs,
whatever the register's size). On working days the responsible agent of each person whose visit is overdue
(with their B post) is reminded once per due date, as a desk notification and in one email digest.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import escape_html, getdate, now_datetime

from govservice.casework.reminders import Alerts, reminder_day
from govservice.village_outreach.register import refresh_visit_plan


def send_visit_reminders() -> dict[str, int]:
	settings = frappe.get_cached_doc("GS Settings")
	flagged = refresh_visit_plan(getdate(now_datetime()))
	day = reminder_day() if settings.enable_visit_reminders else None
	sent = remind_overdue_visits(day[0], settings) if day else 0
	return {"flagged_elderly": flagged, "reminded": sent}


def remind_overdue_visits(today, settings) -> int:
	"""One reminder per person and due date: their responsible agent and the agent's B post."""
	rows = frappe.db.sql(
		"""select m.name, m.full_name, m.next_visit_due, a.user as agent_user, b.user as backup_user
		from `tabGS Special Group Member` m
		left join `tabGS Agent` a on a.name = m.responsible_agent
		left join `tabGS Agent` b on b.name = a.backup_agent
		where m.is_active = 1 and m.next_visit_due < %(today)s
			and (m.reminded_due_date is null or m.reminded_due_date != m.next_visit_due)
		order by m.next_visit_due, m.name""",
		{"today": today},
		as_dict=True,
	)
	if not rows:
		return 0
	alerts = Alerts("GS Special Group Member")
	for row in rows:
		subject = _("Visit overdue since {0}: {1}").format(
			frappe.utils.formatdate(row.next_visit_due), escape_html(row.full_name)
		)
		alerts.add(row.name, subject, {user for user in (row.agent_user, row.backup_user) if user})
	alerts.send(now_datetime(), bool(settings.send_reminder_emails), _("{0} special-group visits overdue"))
	frappe.db.sql(
		"""update `tabGS Special Group Member` set reminded_due_date = next_visit_due
		where is_active = 1 and next_visit_due < %(today)s
			and (reminded_due_date is null or reminded_due_date != next_visit_due)""",
		{"today": today},
	)
	return len(rows)
