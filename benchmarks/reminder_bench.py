"""Benchmark: the case reminder job over many open cases.

Run from the bench's sites directory with the bench's Python, on a site with the demo county loaded:

	cd ~/govservice-bench/sites && ../env/bin/python /path/to/benchmarks/reminder_bench.py --site govservice.localhost

It inserts synthetic open cases (a quarter each overdue, due today, due on the next working day and due
later) inside one transaction, runs the job twice, prints time, SQL query count and rows written for each
run, and rolls everything back. Target: under 60 s for 100,000 cases, a query count that does not grow with
the number of cases, and nothing sent by the second run.
"""

import argparse
import random
import time

import frappe
from bench_common import counted, open_test_site
from frappe.utils import add_days, getdate, now_datetime


def insert_cases(count: int, today, next_working_day) -> None:
	agents = frappe.get_all("GS Agent", filters={"is_active": 1}, fields=["name", "service_centre"])
	items = frappe.get_all("GS Service Item", pluck="name")
	if not agents or not items:
		raise SystemExit("load the demo county first: bench --site SITE govservice-setup --demo")
	deadlines = [add_days(today, -3), today, next_working_day, add_days(today, 30)]
	now = now_datetime()
	rows = []
	for index in range(count):
		agent = agents[index % len(agents)]
		rows.append(
			(
				f"GS-BENCH-{index:07d}",
				now,
				now,
				"Administrator",
				"Administrator",
				"GS-CASE-.YYYY.-.#####",
				"In Progress",
				"Individual",
				f"申请人{index}",
				"13800000000",
				random.choice(items),
				agent.service_centre,
				agent.name,
				now,
				now,
				deadlines[index % 4],
				"Window",
			)
		)
	frappe.db.bulk_insert(
		"GS Case",
		fields=[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"naming_series",
			"status",
			"applicant_type",
			"applicant_name",
			"phone",
			"service_item",
			"service_centre",
			"agent",
			"received_on",
			"accepted_on",
			"deadline_date",
			"intake_channel",
		],
		values=rows,
		chunk_size=10000,
	)


def main() -> None:
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--cases", type=int, nargs="+", default=[10000, 100000])
	args = parser.parse_args()
	open_test_site(args.site)
	frappe.set_user("Administrator")
	from govservice.casework.reminders import remind
	from govservice.organisation.calendar import get_work_calendar

	calendar = get_work_calendar()
	today = calendar.next_working_day(getdate(now_datetime()), include_self=True)
	next_working_day = calendar.add_working_days(today, 1)
	settings = frappe.get_single("GS Settings")
	print(
		f"reminder job benchmark on {args.site}, reminder day {today} (next working day {next_working_day})"
	)
	for count in args.cases:
		try:
			start = time.perf_counter()
			insert_cases(count, today, next_working_day)
			setup = time.perf_counter() - start
			first = counted(lambda: remind(today, next_working_day, settings))
			notifications = frappe.db.count(
				"Notification Log", {"document_type": "GS Case", "document_name": ["like", "GS-BENCH-%"]}
			)
			second = counted(lambda: remind(today, next_working_day, settings))
			print(f"{count:>7} open cases (inserted in {setup:.1f} s)")
			print(
				f"  first run:  {first.seconds:6.2f} s, {first.queries:3d} queries + {first.inserts} inserts, "
				f"reminders {first.result}, notifications {notifications}"
			)
			print(
				f"  second run: {second.seconds:6.2f} s, {second.queries:3d} queries + {second.inserts} inserts, "
				f"reminders {second.result or 'none'}"
			)
		finally:
			frappe.db.rollback()
	frappe.destroy()


if __name__ == "__main__":
	main()
