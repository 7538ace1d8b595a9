"""Benchmark: village outreach at scale — dispatching a collection sheet, and the visit plan of a large
register, in one run.

Run from the bench's sites directory with the bench's Python, on a site with the demo county loaded:

	cd ~/govservice-bench/sites && ../env/bin/python /path/to/benchmarks/village_outreach_bench.py \
		--site govservice.localhost

Prints (asserting nothing):

1. Dispatching a collection sheet of 10, 50 and 200 rows (two in three at the village, one in three for
   an item the village does not handle, sent up the same working day; one row in ten a referral): the time
   and SQL statements of `dispatch`, and of opening the same cases one by one through the same code without
   a sheet. Their difference — what the sheet itself costs — must be the same for every size: the rows add
   nothing beyond their cases.
2. The visit plan over a register of 50,000 people (bulk-inserted): recomputing every due date and the
   elderly flags (`refresh_visit_plan`), counting who is due and overdue per village, one village's visit
   plan report, the overdue-visit reminders, and the same rule in pure Python over the 50,000 rows.

Everything is written in one transaction and rolled back.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import time
from pathlib import Path

import frappe
from frappe.utils import add_days, getdate, now_datetime

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import counted, open_test_site


def resident_id(serial: int, birth: datetime.date) -> str:
	from govservice.domain.identity import resident_id_check_char

	first17 = f"422828{birth:%Y%m%d}{serial % 1000:03d}"
	return first17 + resident_id_check_char(first17)


def sheet_rows(count: int, village_item: str, county_item: str) -> list[dict]:
	rows = []
	for index in range(count):
		referral = index % 10 == 9
		rows.append(
			{
				"requester_name": f"基准村民{index}",
				"request": "基准诉求",
				"urgency": ("Urgent Need", "Important Need", "Can Wait", "Minor Need")[index % 4],
				"service_item": None if referral else (county_item if index % 3 == 2 else village_item),
				"id_number": resident_id(index, datetime.date(1960, 1, 1) + datetime.timedelta(days=index)),
				"phone": "13900001234",
				"is_government_matter": 0 if referral else 1,
				"reply": "已答复" if referral else None,
				"referral": "村调委会" if referral else None,
			}
		)
	return rows


def dispatch_sizes(village: str, agent: str, sizes: list[int]) -> None:
	from govservice.village_outreach.cases import CaseOpener

	village_item = frappe.get_all(
		"GS Service Item", filters={"handled_at_village": 1, "target": ["!=", "Legal Person"]}, pluck="name"
	)[0]
	county_item = frappe.get_all(
		"GS Service Item",
		filters={"handled_at_village": 0, "target": ["!=", "Legal Person"]},
		pluck="name",
	)[0]
	print(
		f"dispatching a collection sheet at {village} (items {village_item} at the village, {county_item} above)"
	)
	overheads = []
	for size in sizes:
		rows = sheet_rows(size, village_item, county_item)
		sheet = frappe.get_doc(
			{
				"doctype": "GS Collection Sheet",
				"service_centre": village,
				"week_start": frappe.utils.today(),
				"collected_on": frappe.utils.today(),
				"collected_by": agent,
				"requests": rows,
			}
		).insert()
		elapsed, statements, _inserts, counts = counted(
			lambda name=sheet.name: frappe.get_doc("GS Collection Sheet", name).dispatch()
		)

		def open_alone(rows=rows):
			opener = CaseOpener(village, [village_item, county_item])
			for row in rows:
				if row["is_government_matter"]:
					opener.open(
						row["service_item"],
						agent,
						{
							"applicant_name": row["requester_name"],
							"id_number": row["id_number"],
							"phone": row["phone"],
							"intake_channel": "Village Collection",
						},
						"基准",
					)

		alone_elapsed, alone_statements, _inserts, _ = counted(open_alone)
		overhead = statements - alone_statements
		overheads.append(overhead)
		cases = counts["cases"]
		print(
			f"  {size:>4} rows ({cases} cases, {counts['moved_up']} sent up, {counts['replied']} referred): "
			f"dispatch {elapsed:6.2f} s, {statements:6d} statements ({statements / cases:.1f} per case); "
			f"the same cases opened alone {alone_elapsed:6.2f} s, {alone_statements:6d} statements; "
			f"the sheet's own: {overhead} statements"
		)
	print(f"  the sheet's own statements per size: {overheads} (the same at every size: nothing per row)")


def register_plan(size: int) -> None:
	from govservice.domain.outreach_rules import next_visit_due, visit_interval
	from govservice.village_outreach.register import months_by_group, refresh_visit_plan
	from govservice.village_outreach.reminders import remind_overdue_visits
	from govservice.village_outreach.report.visit_plan.visit_plan import execute

	villages = frappe.get_all("GS Service Centre", filters={"level": "Village"}, pluck="name", order_by="lft")
	agents = {
		village: frappe.db.get_value("GS Agent", {"service_centre": village, "is_active": 1})
		for village in villages
	}
	villages = [village for village in villages if agents[village]]
	tree = {
		row.name: row
		for row in frappe.get_all("GS Service Centre", fields=["name", "parent_gs_service_centre"])
	}
	today = getdate(now_datetime())
	rng = random.Random(14)
	now = now_datetime()
	fields = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"naming_series",
		"full_name",
		"id_number",
		"id_number_masked",
		"birth_date",
		"phone",
		"address",
		"is_elderly",
		"is_lonely_elderly",
		"is_disabled",
		"is_orphan",
		"service_centre",
		"township_centre",
		"county_centre",
		"responsible_agent",
		"is_active",
		"registered_on",
		"last_visit_date",
		"consent_to_visit",
	]
	records = []
	for index in range(size):
		village = villages[index % len(villages)]
		township = tree[village].parent_gs_service_centre
		born = datetime.date(1930, 1, 1) + datetime.timedelta(days=rng.randrange(0, 33000))
		registered = add_days(today, -rng.randrange(0, 720))
		last = add_days(today, -rng.randrange(0, 200)) if rng.random() < 0.7 else None
		records.append(
			(
				f"GS-SGM-BENCH-{index:06d}",
				now,
				now,
				"Administrator",
				"Administrator",
				"GS-SGM-.#####",
				f"基准对象{index}",
				resident_id(index, born),
				"422828**********00",
				born,
				"13900000000",
				"基准地址",
				0,
				int(rng.random() < 0.3),
				int(rng.random() < 0.3),
				int(rng.random() < 0.05),
				village,
				township,
				tree[township].parent_gs_service_centre,
				agents[village],
				1,
				registered,
				last,
				1,
			)
		)
	start = time.perf_counter()
	frappe.db.bulk_insert("GS Special Group Member", fields, records, chunk_size=10000)
	print(
		f"\nvisit plan over a register of {size:,} people (inserted in {time.perf_counter() - start:.1f} s)"
	)

	elapsed, statements, _inserts, flagged = counted(lambda: refresh_visit_plan(today))
	print(
		f"  refresh_visit_plan (elderly flags, every interval and due date): {elapsed:6.2f} s, {statements} statements, {flagged:,} newly elderly"
	)

	def due_per_village():
		return frappe.db.sql(
			"""select service_centre, sum(next_visit_due < %(today)s) as overdue,
				sum(next_visit_due between %(today)s and %(soon)s) as due
			from `tabGS Special Group Member` where is_active = 1 group by service_centre""",
			{"today": today, "soon": add_days(today, 14)},
			as_dict=True,
		)

	elapsed, statements, _inserts, per_village = counted(due_per_village)
	overdue = sum(int(row.overdue or 0) for row in per_village)
	due = sum(int(row.due or 0) for row in per_village)
	print(
		f"  due and overdue per village ({len(per_village)} villages): {elapsed:6.3f} s, {statements} statement; {overdue:,} overdue, {due:,} due within 14 days"
	)

	elapsed, statements, _inserts, (_columns, rows) = counted(
		lambda: execute({"service_centre": villages[0]})
	)
	print(
		f"  visit plan report, one village: {elapsed:6.3f} s, {statements} statements, {len(rows):,} people"
	)

	settings = frappe.get_single("GS Settings")
	settings.send_reminder_emails = 0
	elapsed, statements, _inserts, reminded = counted(lambda: remind_overdue_visits(today, settings))
	print(
		f"  overdue-visit reminders: {elapsed:6.2f} s, {statements} statements in all (the notifications written in a few multi-row INSERTs), {reminded:,} people"
	)
	elapsed, statements, _inserts, again = counted(lambda: remind_overdue_visits(today, settings))
	print(f"  the same reminders again: {elapsed:6.3f} s, {statements} statement, {again} people")

	months = months_by_group()
	stored = frappe.db.sql(
		"""select is_elderly, is_lonely_elderly, is_disabled, is_orphan, registered_on, last_visit_date,
			next_visit_due from `tabGS Special Group Member` where name like 'GS-SGM-BENCH-%%'""",
		as_dict=True,
	)
	timings = []
	for _round in range(3):
		start = time.perf_counter()
		computed = []
		for row in stored:
			groups = [
				group
				for group, flag in (
					("Lonely Elderly", row.is_lonely_elderly),
					("Person with Disability", row.is_disabled),
					("Orphan", row.is_orphan),
					("Elderly", row.is_elderly),
				)
				if flag
			]
			computed.append(
				next_visit_due(row.last_visit_date, row.registered_on, visit_interval(groups, months))
			)
		timings.append(time.perf_counter() - start)
	agree = sum(1 for row, due_date in zip(stored, computed, strict=True) if row.next_visit_due == due_date)
	print(
		f"  the same rule in pure Python over {len(stored):,} rows: {statistics.median(timings):.3f} s "
		f"(median of 3); agrees with the SQL for {agree:,} of {len(stored):,}"
	)


def main() -> None:
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--rows", type=int, nargs="+", default=[10, 50, 200])
	parser.add_argument("--register", type=int, default=50000)
	args = parser.parse_args()
	open_test_site(args.site)
	try:
		agent = frappe.get_all(
			"GS Agent",
			filters={"level": "Village", "is_active": 1},
			fields=["name", "user", "service_centre"],
			limit=1,
		)
		if not agent:
			raise SystemExit("load the demo county first: bench --site SITE govservice-setup --demo")
		frappe.set_user(agent[0].user)
		frappe.flags.mute_emails = True
		# a warm-up sheet, so Frappe's metadata caches are not counted against the first size
		dispatch_sizes(agent[0].service_centre, agent[0].name, [3, *args.rows])
		frappe.set_user("Administrator")
		register_plan(args.register)
	finally:
		frappe.db.rollback()
		frappe.destroy()


if __name__ == "__main__":
	main()
