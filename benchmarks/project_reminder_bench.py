"""Benchmark: key projects at scale — the timetable, the reminder job and the weekly ledger, in one run.

Run from the bench's sites directory with the bench's Python, on a site with the demo county loaded:

	cd ~/govservice-bench/sites && ../env/bin/python /path/to/benchmarks/project_reminder_bench.py \
		--site govservice.localhost

Prints (asserting nothing): schedules per second for plans of 4 stages and 30 approvals; then, after a
warm-up, for each size (default 1,000 and 5,000 projects of 4 stages and 20 approvals each: 20,000 and
100,000 approvals, inserted in one transaction and rolled back), the time, SQL queries (INSERTs apart: one
per 10,000 rows written) and rows written of the reminder job run twice (the second run must send
nothing), and the time and query count of the weekly ledger (重点项目代办台账) read by the Administrator and
by a village agent through their scope. The query counts must be the same for both sizes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import frappe
from bench_common import counted, open_test_site
from frappe.utils import add_days, getdate, now_datetime

sys.path.insert(0, str(Path(__file__).resolve().parent))


STAGES = ("立项用地规划许可", "工程建设许可", "施工许可", "竣工验收")
APPROVALS_PER_STAGE = 5


def insert_projects(count: int, today, next_working_day) -> None:
	"""`count` projects in approval at the demo centres (round the active agents), their first two stages
	open, approvals due on every kind of day."""
	agents = frappe.get_all(
		"GS Agent", filters={"is_active": 1}, fields=["name", "user", "service_centre"], order_by="name"
	)
	departments = frappe.get_all("GS Department Liaison", pluck="department") or [None]
	if not agents:
		raise SystemExit("load the demo county first: bench --site SITE govservice-setup --demo")
	dues = [add_days(today, -3), today, next_working_day, add_days(today, 30)]
	now = now_datetime()
	projects, stages, approvals = [], [], []
	for index in range(count):
		agent = agents[index % len(agents)]
		name = f"GS-KP-BENCH-{index:06d}"
		projects.append(
			(
				name,
				now,
				now,
				"Administrator",
				"Administrator",
				f"基准项目{index}",
				"测试建设有限公司",
				"91420100MA4KXXXX0X",
				"Enterprise Approval",
				"County",
				agent.service_centre,
				agent.name,
				agent.user,
				"In Approval",
				add_days(today, -20),
				add_days(today, -20),
			)
		)
		for s, stage in enumerate(STAGES):
			status = "Open" if s < 2 else "Not Started"
			stages.append(
				(
					f"{name}-S{s}",
					now,
					now,
					"Administrator",
					"Administrator",
					name,
					"GS Key Project",
					"stages",
					s + 1,
					stage,
					departments[s % len(departments)],
					30,
					status,
					add_days(today, -20) if status == "Open" else None,
					dues[(index + s) % 4] if status == "Open" else None,
				)
			)
			for a in range(APPROVALS_PER_STAGE):
				running = s < 2
				approvals.append(
					(
						f"{name}-S{s}A{a}",
						now,
						now,
						"Administrator",
						"Administrator",
						name,
						"GS Key Project",
						"approvals",
						s * APPROVALS_PER_STAGE + a + 1,
						stage,
						f"审批事项{s}-{a}",
						departments[(s + a) % len(departments)],
						10,
						1,
						1,
						"In Progress" if running else "Not Started",
						add_days(today, -20) if running else None,
						dues[(index + a) % 4] if running else None,
					)
				)
	common = ["name", "creation", "modified", "owner", "modified_by"]
	frappe.db.bulk_insert(
		"GS Key Project",
		fields=[
			*common,
			"project_name",
			"owner_enterprise",
			"credit_code",
			"project_type",
			"project_level",
			"service_centre",
			"liaison_agent",
			"liaison_user",
			"status",
			"entrusted_on",
			"accepted_on",
		],
		values=projects,
		chunk_size=10000,
	)
	child = [*common, "parent", "parenttype", "parentfield", "idx"]
	frappe.db.bulk_insert(
		"GS Project Stage",
		fields=[
			*child,
			"stage_name",
			"lead_department",
			"limit_days",
			"stage_status",
			"opened_on",
			"due_date",
		],
		values=stages,
		chunk_size=10000,
	)
	frappe.db.bulk_insert(
		"GS Project Approval",
		fields=[
			*child,
			"stage_name",
			"item_name",
			"department",
			"limit_days",
			"is_parallel",
			"is_required",
			"approval_status",
			"started_on",
			"due_date",
		],
		values=approvals,
		chunk_size=10000,
	)


def ledger_as(user: str):
	from govservice.key_projects.report.key_project_ledger.key_project_ledger import execute

	frappe.set_user(user)
	try:
		return counted(lambda: execute({}))
	finally:
		frappe.set_user("Administrator")


def main() -> None:
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--projects", type=int, nargs="+", default=[1000, 5000])
	parser.add_argument("--warm-up", type=int, default=50)
	args = parser.parse_args()

	import project_schedule_bench

	print("timetable (pure, no database):")
	project_schedule_bench.main()

	open_test_site(args.site)
	frappe.set_user("Administrator")
	from govservice.key_projects.reminders import remind
	from govservice.organisation.calendar import get_work_calendar

	calendar = get_work_calendar()
	today = calendar.next_working_day(getdate(now_datetime()), include_self=True)
	next_working_day = calendar.add_working_days(today, 1)
	settings = frappe.get_single("GS Settings")
	print(
		f"\nreminder job and weekly ledger on {args.site}, day {today} (next working day {next_working_day})"
	)
	village_user = frappe.db.get_value("GS Agent", {"level": "Village", "is_active": 1}, "user")
	# the first size warms Frappe's caches (metadata, the calendar): its query counts are not comparable
	for count in [args.warm_up, *args.projects]:
		try:
			start = time.perf_counter()
			insert_projects(count, today, next_working_day)
			setup = time.perf_counter() - start
			first = counted(lambda: remind(today, next_working_day, settings))
			written = {
				doctype: frappe.db.count(doctype, {field: ["like", "GS-KP-BENCH-%"]})
				for doctype, field in (
					("Notification Log", "document_name"),
					("GS Project Reminder", "key_project"),
					("Comment", "reference_name"),
				)
			}
			second = counted(lambda: remind(today, next_working_day, settings))
			label = "(warm-up)" if count == args.warm_up else ""
			print(
				f"{count:>6} projects, {count * len(STAGES) * APPROVALS_PER_STAGE:,} approvals {label}"
				f"(inserted in {setup:.1f} s)"
			)
			print(
				f"  reminders, first run:  {first[0]:6.2f} s, {first[1]:3d} queries + {first[2]} inserts, "
				f"{sum(first[3].values()):,} reminders {first[3]}; rows written {written}"
			)
			print(
				f"  reminders, second run: {second[0]:6.2f} s, {second[1]:3d} queries + {second[2]} inserts, "
				f"sent {second[3] or 'nothing'}"
			)
			for reader, user in (
				("Administrator", "Administrator"),
				(f"village agent {village_user}", village_user),
			):
				elapsed, queries, _inserts, (_columns, rows) = ledger_as(user)
				print(
					f"  weekly ledger as {reader}: {elapsed:6.2f} s, {queries:3d} queries, {len(rows):,} rows"
				)
		finally:
			frappe.db.rollback()
	frappe.destroy()


if __name__ == "__main__":
	main()
