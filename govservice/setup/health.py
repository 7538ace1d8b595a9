"""The site's own running, told to its administrators: the scheduler off or stalled, errors logged (a failed
background job among them), no recent backup where backups are scheduled, the SMS carrier refusing
(govservice.domain.operations), the read replica behind, stopped or unreachable (govservice.setup.replica:
lists and reports then read from the primary). An hourly job tells the GS Administrators in the desk, each problem once a
day; since a stalled scheduler cannot report itself, the desk also shows the problems to administrators
when it starts (boot), and a system manager a link to Frappe's System Health Report."""

from __future__ import annotations

import os
from datetime import datetime

import frappe
from frappe import _
from frappe.utils import add_to_date, get_datetime, now_datetime

from govservice.domain.operations import Facts, Problem, problems

ADMIN_ROLES = ("GS Administrator", "System Manager")


def facts() -> Facts:
	from frappe.utils.scheduler import is_scheduler_disabled

	from govservice.setup import replica

	now = now_datetime()
	last_run = frappe.db.sql("select max(last_execution) from `tabScheduled Job Type`")[0][0]
	refusal = frappe.db.get_single_value("GS SMS Settings", "last_failure_on")
	return Facts(
		now=now,
		scheduler_enabled=not is_scheduler_disabled(verbose=False),
		last_scheduler_run=get_datetime(last_run) if last_run else None,
		errors_last_day=frappe.db.count("Error Log", {"creation": [">=", add_to_date(now, hours=-24)]}),
		newest_backup=newest_backup(),
		backup_every_hours=int(frappe.conf.get("govservice_backup_every_hours") or 0),
		last_sms_refusal=get_datetime(refusal) if refusal else None,
		replica=replica.status(),
		replica_max_lag=replica.max_lag(),
	)


def newest_backup() -> datetime | None:
	folder = frappe.get_site_path("private", "backups")
	if not os.path.isdir(folder):
		return None
	times = [
		os.path.getmtime(os.path.join(folder, name))
		for name in os.listdir(folder)
		if name.endswith("-database.sql.gz")
	]
	return datetime.fromtimestamp(max(times)) if times else None


def message(problem: Problem) -> str:
	return {
		"scheduler_off": _("The scheduler is off: reminders, escalations and backups do not run."),
		"scheduler_stalled": _("The scheduler has not run for {0} hours: reminders and escalations wait."),
		"errors_logged": _(
			"{0} errors were logged in the last 24 hours (failed background jobs among them)."
		),
		"backup_missing": _("No backup for {0} hours, although backups are scheduled."),
		"sms_refused": _("The SMS carrier refused a text in the last 24 hours (GS SMS Settings)."),
		"replica_unreachable": _(
			"The read replica does not answer: lists and reports read from the primary database."
		),
		"replica_stopped": _(
			"The read replica has stopped replicating: lists and reports read from the primary database."
		),
		"replica_lagging": _(
			"The read replica is {0} seconds behind: lists and reports read from the primary database."
		),
	}[problem.key].format(problem.figure or _("many"))


def current_messages() -> list[str]:
	return [message(problem) for problem in problems(facts())]


def administrators() -> set[str]:
	return {
		row.parent
		for row in frappe.get_all(
			"Has Role",
			filters={"role": "GS Administrator", "parenttype": "User"},
			fields=["parent"],
		)
		if row.parent not in ("Administrator", "Guest")
	}


def tell_administrators() -> None:
	"""Hourly: each problem to the GS Administrators once a day, as a desk notification."""
	from govservice.casework.reminders import Alerts

	found = problems(facts())
	if not found:
		return
	alerts = Alerts("GS Settings")
	for problem in found:
		key = f"govservice:health-told:{problem.key}"
		if frappe.cache.get_value(key, expires=True):  # set with an expiry: never from the local copy
			continue
		alerts.add("GS Settings", frappe.utils.escape_html(message(problem)), administrators())
		frappe.cache.set_value(key, 1, expires_in_sec=24 * 3600)
	alerts.send(now_datetime(), email=False, title="")


def boot_messages() -> list[str]:
	"""What the desk shows an administrator when it starts."""
	if not set(ADMIN_ROLES) & set(frappe.get_roles()):
		return []
	try:
		return current_messages()
	except Exception:
		frappe.log_error(title="The site's health could not be read")
		return []
