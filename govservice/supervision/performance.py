"""绩效评估: the month's performance figures of every centre, computed from the records on the first working
day of the next month, published by the supervisory department, and frozen from then on.

One GS Performance Report a centre and month, holding the centre's figures and rows per agent, service item
and (on the county centre's report) department. The figures are the database's: six grouped queries over
the month's cases, ratings, complaints, alerts and key-project approvals, whatever the number of records;
working days are counted with the calendar's ordinals joined as a lookup table (`WorkCalendar.ordinals`).
The reports are written with two bulk inserts.

A published report is never changed: a correction recomputes one centre's month into a new version that
names the version it corrects and why, and the old one is marked superseded (its figures stay as they were).
Rules in govservice.domain.performance_rules.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from govservice.domain.performance_rules import (
	SUM_FIELDS,
	add_into,
	correction_refusal,
	finish,
	month_end,
	month_of,
	parse_month,
	previous_month,
)
from govservice.organisation.calendar import get_work_calendar
from govservice.supervision.permissions import require_supervisory

DOCTYPE = "GS Performance Report"
ROW_DOCTYPE = "GS Performance Row"
# cases accepted this long before their month still count their working days
LOOKBACK_DAYS = 800
# the columns every record has, first in a bulk insert
RECORD_FIELDS = ("name", "creation", "modified", "owner", "modified_by", "docstatus")
HOME_CHANNELS = ("Online Portal", "Door-to-Door Visit")
ROW_FIELDS = (
	"cases_received",
	"cases_completed",
	"on_time_share",
	"avg_working_days",
	"one_time_share",
	"village_share",
	"ratings",
	"good_share",
	"warnings",
	"red_cards",
	"complaints_received",
	"complaints_on_time_share",
	"approvals_done",
	"approvals_on_time_share",
)


class PerformanceError(frappe.ValidationError):
	pass


def monthly_run() -> list[str]:
	"""Scheduler job (daily cron): on the first working day of a month, the drafts of the month before."""
	today = getdate()
	calendar = get_work_calendar()
	try:
		first_working = calendar.next_working_day(month_of(today), include_self=True)
	except ValueError:
		return []
	if today != first_working:
		return []
	return compute_month(previous_month(today))


def compute_month(month: datetime.date) -> list[str]:
	"""The month's draft reports, one a centre; none when the month has reports already."""
	month = month_of(getdate(month))
	if frappe.db.exists(DOCTYPE, {"month": month}):
		return []
	figures = month_figures(month)
	return write_reports(month, figures, version=1, status="Draft")


def window(month: datetime.date) -> dict:
	stop = month_end(month) + datetime.timedelta(days=1)
	return {"start": f"{month} 00:00:00", "stop": f"{stop} 00:00:00", "start_day": month, "end_day": stop}


def workday_table(month: datetime.date) -> str:
	"""The calendar's ordinals over the months a case completed in `month` may have started in, as JSON for
	the database's JSON_TABLE."""
	calendar = get_work_calendar()
	start = month - datetime.timedelta(days=LOOKBACK_DAYS)
	return json.dumps([[str(day), ordinal] for day, ordinal in calendar.ordinals(start, month_end(month))])


def month_figures(month: datetime.date, centre: str | None = None) -> dict:
	"""{centre: {"total": figures, "rows": {(dimension, key): figures}}} for the month (one centre's only,
	for a correction). Six queries, whatever the number of records."""
	args = window(month)
	args["days"] = workday_table(month)
	args["centre"] = centre
	only = "and c.service_centre = %(centre)s" if centre else ""
	received = frappe.db.sql(
		f"""select c.service_centre as centre, c.agent, c.service_item, i.department,
			count(*) as cases_received
		from `tabGS Case` c left join `tabGS Service Item` i on i.name = c.service_item
		where c.received_on >= %(start)s and c.received_on < %(stop)s {only}
		group by c.service_centre, c.agent, c.service_item, i.department""",
		args,
		as_dict=True,
	)
	known = "a.ordinal is not null and b.ordinal is not null"
	completed = frappe.db.sql(
		f"""with wd as (
			select day, ordinal from json_table(%(days)s, '$[*]'
				columns (day date path '$[0]', ordinal int path '$[1]')) as j)
		select c.service_centre as centre, c.agent, c.service_item, i.department,
			count(*) as cases_completed,
			sum(c.deadline_date is not null and date(c.completed_on) <= c.deadline_date) as completed_on_time,
			sum(not exists (select 1 from `tabGS One-Time Notice` n
				where n.gs_case = c.name and n.is_supplementary = 1)) as one_time_done,
			sum(c.level = 'Village') as done_in_village,
			sum(c.level in ('Village', 'Township')) as done_in_township,
			sum(c.is_door_to_door = 1 or c.intake_channel in %(home)s) as done_from_home,
			sum(c.is_door_to_door = 1) as door_to_door,
			sum(if({known}, b.ordinal - a.ordinal - ifnull(c.paused_working_days, 0), 0)) as working_days_sum,
			sum({known}) as working_days_count,
			sum(if({known}, ifnull(c.promised_limit_days, 0), 0)) as promised_days_sum,
			sum(if({known}, ifnull(i.statutory_limit_days, 0), 0)) as statutory_days_sum
		from `tabGS Case` c
		left join `tabGS Service Item` i on i.name = c.service_item
		left join wd a on a.day = date(c.accepted_on)
		left join wd b on b.day = date(c.completed_on)
		where c.completed_on >= %(start)s and c.completed_on < %(stop)s {only}
		group by c.service_centre, c.agent, c.service_item, i.department""",
		{**args, "home": HOME_CHANNELS},
		as_dict=True,
	)
	only_rating = "and r.service_centre = %(centre)s" if centre else ""
	ratings = frappe.db.sql(
		f"""select r.service_centre as centre, r.agent, r.service_item, i.department,
			count(*) as ratings, sum(r.is_bad = 0) as good_ratings, sum(r.is_bad = 1) as bad_ratings,
			sum(r.is_bad = 1 and x.status = 'Completed' and x.deadline_date is not null
				and date(x.completed_on) <= x.deadline_date) as bad_rectified_in_time
		from `tabGS Rating` r
		left join `tabGS Service Item` i on i.name = r.service_item
		left join `tabGS Rectification` x on x.name = r.rectification
		where r.rated_on >= %(start)s and r.rated_on < %(stop)s and r.gs_case is not null {only_rating}
		group by r.service_centre, r.agent, r.service_item, i.department""",
		args,
		as_dict=True,
	)
	only_alert = "and a.service_centre = %(centre)s" if centre else ""
	alerts = frappe.db.sql(
		f"""select ifnull(a.service_centre, a.county_centre) as centre, g.name as agent,
			a.department, sum(a.level = 'Yellow Warning') as warnings, sum(a.level = 'Red Card') as red_cards
		from `tabGS Supervision Alert` a
		left join `tabGS Agent` g on g.user = a.responsible_user and a.post = 'Agent'
		where a.issued_on >= %(start)s and a.issued_on < %(stop)s {only_alert}
		group by ifnull(a.service_centre, a.county_centre), g.name, a.department""",
		args,
		as_dict=True,
	)
	hall = hall_figures(args, centre)
	county_rows: list[dict] = []
	if not centre or frappe.db.get_value("GS Service Centre", centre, "level") == "County":
		county_rows = frappe.db.sql(
			"""select department, count(*) as complaints_received,
				sum(replied_on is not null and deadline_date is not null
					and date(replied_on) <= deadline_date) as complaints_on_time,
				0 as approvals_done, 0 as approvals_on_time
			from `tabGS Complaint`
			where registered_on >= %(start)s and registered_on < %(stop)s and department is not null
			group by department
			union all
			select a.department, 0, 0, count(*), sum(a.due_date is not null and a.approved_on <= a.due_date)
			from `tabGS Project Approval` a
			where a.parenttype = 'GS Key Project' and a.approved_on >= %(start_day)s
				and a.approved_on < %(end_day)s and a.department is not null
			group by a.department""",
			args,
			as_dict=True,
		)
	result: dict[str, dict] = defaultdict(lambda: {"total": {}, "rows": defaultdict(dict)})
	for source in (received, completed, ratings, alerts, hall):
		for row in source:
			if not row.centre:
				continue
			entry = result[row.centre]
			add_into(entry["total"], row)
			for dimension, key in (
				("Agent", row.get("agent")),
				("Service Item", row.get("service_item")),
				("Department", row.get("department")),
			):
				if key:
					add_into(entry["rows"][(dimension, key)], row)
	if county_rows:
		for county in county_centres(centre):
			entry = result[county]
			for row in county_rows:
				add_into(entry["total"], row)
				add_into(entry["rows"][("Department", row.department)], row)
	return result


def hall_figures(args: dict, centre: str | None) -> list[dict]:
	"""办事大厅's month per centre: numbers taken and served with their waits and service times, appointments
	and no-shows, results handed over at its results window (one grouped query)."""
	only = "where service_centre = %(centre)s" if centre else ""
	return frappe.db.sql(
		f"""select service_centre as centre, sum(hall_tickets) as hall_tickets, sum(hall_served) as hall_served,
			sum(wait_sum) as hall_wait_minutes_sum, sum(wait_count) as hall_wait_count,
			sum(service_sum) as hall_service_minutes_sum, sum(service_count) as hall_service_count,
			sum(booked) as appointments_booked, sum(no_shows) as appointment_no_shows,
			sum(issued) as results_issued
		from (
			select service_centre, count(*) as hall_tickets, sum(status = 'Done') as hall_served,
				sum(ifnull(wait_seconds, 0)) / 60 as wait_sum, sum(wait_seconds is not null) as wait_count,
				sum(ifnull(service_seconds, 0)) / 60 as service_sum,
				sum(service_seconds is not null) as service_count,
				0 as booked, 0 as no_shows, 0 as issued
			from `tabGS Queue Ticket` where ticket_date >= %(start_day)s and ticket_date < %(end_day)s
			group by service_centre
			union all
			select service_centre, 0, 0, 0, 0, 0, 0, sum(status != 'Cancelled'), sum(status = 'No-show'), 0
			from `tabGS Appointment` where appointment_date >= %(start_day)s and appointment_date < %(end_day)s
			group by service_centre
			union all
			select service_centre, 0, 0, 0, 0, 0, 0, 0, 0, count(*)
			from `tabGS Result Handover` where issued_on >= %(start)s and issued_on < %(stop)s
			group by service_centre
		) hall {only}
		group by service_centre""",
		args,
		as_dict=True,
	)


def county_centres(centre: str | None) -> list[str]:
	if centre:
		return [centre]
	return frappe.get_all("GS Service Centre", filters={"level": "County"}, pluck="name")


def labels(figures: dict) -> dict[tuple, str]:
	"""The names the rows show, read once for the keys that occur."""
	keys: dict[str, set] = defaultdict(set)
	for entry in figures.values():
		for dimension, key in entry["rows"]:
			keys[dimension].add(key)
	named: dict[tuple, str] = {}
	for dimension, doctype, field in (
		("Agent", "GS Agent", "agent_name"),
		("Service Item", "GS Service Item", "item_name"),
		("Department", "Department", "department_name"),
	):
		if keys[dimension]:
			for name, label in frappe.get_all(
				doctype, filters={"name": ["in", list(keys[dimension])]}, fields=["name", field], as_list=True
			):
				named[(dimension, name)] = label or name
	return named


def write_reports(
	month: datetime.date,
	figures: dict,
	version: int,
	status: str,
	extra: dict | None = None,
	centres: list[str] | None = None,
) -> list[str]:
	"""One report a centre (every centre, or `centres`), written with two bulk inserts."""
	tree = {
		row.name: row
		for row in frappe.get_all(
			"GS Service Centre",
			filters={"name": ["in", centres]} if centres else {},
			fields=["name", "level", "parent_gs_service_centre"],
		)
	}
	parents = {
		row.name: row.parent_gs_service_centre
		for row in frappe.get_all("GS Service Centre", fields=["name", "parent_gs_service_centre"])
	}
	named = labels(figures)
	now = now_datetime()
	user = frappe.session.user
	report_fields = [
		*RECORD_FIELDS,
		"naming_series",
		"month",
		"service_centre",
		"township_centre",
		"county_centre",
		"level",
		"status",
		"version",
		"computed_on",
		"previous_version",
		"correction_reason",
		"published_on",
		"published_by",
		*SUM_FIELDS,
		*shares_and_averages(),
	]
	row_fields = [
		*RECORD_FIELDS,
		"parent",
		"parenttype",
		"parentfield",
		"idx",
		"dimension",
		"dimension_key",
		"dimension_label",
		*ROW_FIELDS,
	]
	reports, rows, names = [], [], []
	extra = extra or {}
	for index, centre in enumerate(sorted(tree)):
		node = tree[centre]
		township, county = scope_of(node, parents)
		name = f"GS-PERF-{month:%Y%m}-{index + 1:05d}" if version == 1 else extra["name"]
		total = finish(dict(figures.get(centre, {}).get("total") or {}))
		record = {
			"name": name,
			"creation": now,
			"modified": now,
			"owner": user,
			"modified_by": user,
			"docstatus": 0,
			"naming_series": "GS-PERF-.YYYY.-.#####",
			"month": month,
			"service_centre": centre,
			"township_centre": township,
			"county_centre": county,
			"level": node.level,
			"status": status,
			"version": version,
			"computed_on": now,
			"previous_version": extra.get("previous_version"),
			"correction_reason": extra.get("correction_reason"),
			"published_on": now if status == "Published" else None,
			"published_by": user if status == "Published" else None,
		}
		record.update({field: total.get(field) or 0 for field in SUM_FIELDS})
		# the database keeps a number: a share of nothing is stored as 0 and shown as "—" (its count is 0)
		record.update({field: total.get(field) or 0 for field in shares_and_averages()})
		reports.append(tuple(record[field] for field in report_fields))
		entry_rows = (figures.get(centre) or {}).get("rows") or {}
		order = {"Agent": 0, "Service Item": 1, "Department": 2}
		for idx, (dimension, key) in enumerate(
			sorted(entry_rows, key=lambda k: (order[k[0]], named.get(k, k[1]))), start=1
		):
			row = finish(dict(entry_rows[(dimension, key)]))
			rows.append(
				(
					f"{name}-{idx:05d}",
					now,
					now,
					user,
					user,
					0,
					name,
					DOCTYPE,
					"rows",
					idx,
					dimension,
					key,
					named.get((dimension, key), key),
					*(row.get(field) or 0 for field in ROW_FIELDS),
				)
			)
		names.append(name)
	frappe.db.bulk_insert(DOCTYPE, fields=report_fields, values=reports, chunk_size=5000)
	frappe.db.bulk_insert(ROW_DOCTYPE, fields=row_fields, values=rows, chunk_size=5000)
	return names


def shares_and_averages() -> tuple[str, ...]:
	from govservice.domain.performance_rules import AVERAGES, SHARES

	return (*SHARES, *AVERAGES)


def scope_of(node, parents: dict) -> tuple[str | None, str | None]:
	"""A centre's township and county, from the tree (as govservice.security.scope sets them)."""
	parent = parents.get(node.name)
	if node.level == "Village":
		return parent, parents.get(parent)
	if node.level == "Township":
		return node.name, parent
	return None, node.name


def check_supervisory() -> None:
	require_supervisory(_("Only the supervisory department publishes performance figures."))


@frappe.whitelist(methods=["POST"])
def publish_month(month: str) -> int:
	"""Publish every draft report of `month` (YYYY-MM-DD, its first day): from now on they do not change."""
	check_supervisory()
	day = parse_month(month)
	if not day:
		frappe.throw(_("Give the month as a date."), PerformanceError)
	drafts = frappe.get_all(DOCTYPE, filters={"month": day, "status": "Draft"}, pluck="name")
	if not drafts:
		frappe.throw(_("The month has no draft figures to publish."), PerformanceError)
	now, user = now_datetime(), frappe.session.user
	frappe.db.sql(
		f"""update `tab{DOCTYPE}` set status = 'Published', published_on = %(now)s, published_by = %(user)s,
			modified = %(now)s, modified_by = %(user)s
		where month = %(month)s and status = 'Draft'""",
		{"now": now, "user": user, "month": day},
	)
	frappe.get_doc(DOCTYPE, drafts[0]).add_comment(
		"Info", _("The figures of {0} were published ({1} centres).").format(f"{day:%Y-%m}", len(drafts))
	)
	# the 月报 to the readers who asked for it, once the publication is committed
	frappe.enqueue(
		"govservice.supervision.monthly_report.mail_subscribers",
		month=str(day),
		queue="long",
		enqueue_after_commit=True,
	)
	return len(drafts)


def correct(name: str, reason: str) -> str:
	"""A published report recomputed into a new version with `reason`; the corrected one is superseded."""
	check_supervisory()
	refusal = correction_refusal(reason)
	if refusal:
		frappe.throw(_(refusal).format(10), PerformanceError)
	old = frappe.get_doc(DOCTYPE, name)
	if old.status != "Published":
		frappe.throw(_("Only the current published figures can be corrected."), PerformanceError)
	version = (
		frappe.db.sql(
			f"select max(version) from `tab{DOCTYPE}` where month = %s and service_centre = %s",
			(old.month, old.service_centre),
		)[0][0]
		or 1
	) + 1
	base = old.name.split("-V")[0]
	figures = month_figures(getdate(old.month), old.service_centre)
	[new] = write_reports(
		getdate(old.month),
		figures,
		version=version,
		status="Published",
		extra={
			"name": f"{base}-V{version}",
			"previous_version": old.name,
			"correction_reason": reason.strip(),
		},
		centres=[old.service_centre],
	)
	frappe.db.set_value(DOCTYPE, old.name, "status", "Superseded", update_modified=False)
	old.add_comment("Info", _("Superseded by {0}: {1}").format(new, reason.strip()))
	return new


def published_months() -> list[datetime.date]:
	return [
		getdate(row[0])
		for row in frappe.db.sql(
			f"select distinct month from `tab{DOCTYPE}` where status = 'Published' order by month desc limit 24"
		)
	]


def published_figures(month: datetime.date) -> list[dict]:
	"""The public page's rows: each centre's published figures of the month (办件公示、好差评公示)."""
	return frappe.db.sql(
		f"""select r.service_centre, c.official_name, r.level, r.cases_received, r.cases_completed,
			r.on_time_share, r.one_time_share, r.ratings, r.good_share, r.bad_ratings, r.rectified_share,
			r.version
		from `tab{DOCTYPE}` r join `tabGS Service Centre` c on c.name = r.service_centre
		where r.month = %s and r.status = 'Published'
		order by field(r.level, 'County', 'Township', 'Village'), c.lft""",
		(month,),
		as_dict=True,
	)
