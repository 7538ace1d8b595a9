"""绩效评估 at a province's size: the monthly snapshot's time and SQL statements, publication, the public
page's query, the live board (电子监察看板) per level and the county's 月报 PDF, over synthetic cases, ratings, complaints and
key-project approvals.

Run from the bench's `sites` directory with the bench's Python, on a site made for tests:

    ../env/bin/python ../apps/govservice/benchmarks/performance_bench.py --site govservice-test.localhost \
        --cases 1000000 --complaints 200000 --approvals 50000

Everything it inserts (a province's 931 centres, the cases spread over twelve months, a rating for one case
in five, the complaints and the approvals) is inserted in one transaction and rolled back at the end,
whatever way the run ends: the site keeps nothing. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import frappe
from bench_common import counted, open_test_site, terminated_as_exit, timings

PREFIX = "PF"
CHUNK = 20000


def insert_province(
	rng: random.Random, cases: int, complaints: int, approvals: int
) -> tuple[list[str], datetime]:
	"""The province's centres and records (not committed). Returns the village and township names and the
	first day of the last complete month."""
	import province_bench
	from frappe.utils import add_days, getdate

	from govservice.tests.utils import make_department, make_service_item

	now = datetime.now()
	rows = province_bench.insert_centres(frappe, PREFIX)
	tree = {row[0]: (row[2], row[3]) for row in rows}
	department = make_department(f"{PREFIX}基准民政局")
	item = make_service_item(f"{PREFIX}-ITEM", item_name="绩效基准事项", department=department).name
	centres = list(tree)
	today = getdate()
	month = today.replace(day=1) - timedelta(days=1)
	month = month.replace(day=1)

	def scope(centre: str) -> tuple:
		level, parent = tree[centre]
		if level == "Village":
			return parent, tree[parent][1]
		if level == "Township":
			return centre, parent
		return None, centre

	fields = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"naming_series",
		"status",
		"stage",
		"applicant_type",
		"applicant_name",
		"phone",
		"service_item",
		"item_name",
		"promised_limit_days",
		"intake_channel",
		"service_centre",
		"township_centre",
		"county_centre",
		"level",
		"received_on",
		"accepted_on",
		"deadline_date",
		"completed_on",
		"is_door_to_door",
	]
	for start in range(0, cases, CHUNK):
		values = []
		for index in range(start, min(start + CHUNK, cases)):
			centre = centres[index % len(centres)]
			received = (
				datetime.combine(month, datetime.min.time())
				- timedelta(days=rng.random() * 330)
				+ timedelta(days=31)
			)
			completed = received + timedelta(days=rng.randint(1, 25)) if rng.random() < 0.7 else None
			level = tree[centre][0]
			values.append(
				(
					f"{PREFIX}-CASE-{index:07d}",
					received,
					received,
					"Administrator",
					"Administrator",
					"GS-CASE-.YYYY.-.#####",
					"Completed" if completed else "In Progress",
					"Completed" if completed else "In Progress",
					"Individual",
					f"申请人{index}",
					"13800000000",
					item,
					"绩效基准事项",
					10,
					rng.choice(("Window", "Online Portal", "Village Collection")),
					centre,
					*scope(centre),
					level,
					received,
					received,
					add_days(received.date(), 14),
					completed,
					int(rng.random() < 0.05),
				)
			)
		frappe.db.bulk_insert("GS Case", fields=fields, values=values)
	frappe.db.sql(
		f"""insert into `tabGS Rating` (name, creation, modified, owner, modified_by, gs_case, rating, is_bad,
			rated_on, service_centre, township_centre, county_centre, service_item)
		select concat('{PREFIX}-RATE-', substring(name, 9)), completed_on, completed_on, 'Administrator',
			'Administrator', name, if(rand() < 0.05, 'Dissatisfied', 'Satisfied'), 0, completed_on,
			service_centre, township_centre, county_centre, service_item
		from `tabGS Case` where name like '{PREFIX}-CASE-%%' and completed_on is not null and rand() < 0.2"""
	)
	frappe.db.sql(
		f"update `tabGS Rating` set is_bad = 1 where name like '{PREFIX}-RATE-%%' and rating = 'Dissatisfied'"
	)
	values = []
	for index in range(complaints):
		registered = (
			datetime.combine(month, datetime.min.time())
			- timedelta(days=rng.random() * 330)
			+ timedelta(days=31)
		)
		values.append(
			(
				f"{PREFIX}-BBC-{index:07d}",
				registered,
				registered,
				"Administrator",
				"Administrator",
				"报告人",
				"基准反映",
				department,
				registered,
				add_days(registered.date(), 5),
				registered + timedelta(days=rng.randint(1, 8)),
				"Replied",
			)
		)
	frappe.db.bulk_insert(
		"GS Complaint",
		fields=[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"reporter_name",
			"description",
			"department",
			"registered_on",
			"deadline_date",
			"replied_on",
			"status",
		],
		values=values,
		chunk_size=CHUNK,
	)
	values = []
	for index in range(approvals):
		due = month + timedelta(days=rng.randint(-300, 30))
		values.append(
			(
				f"{PREFIX}-APR-{index:07d}",
				now,
				now,
				"Administrator",
				"Administrator",
				f"{PREFIX}-KP-{index // 10:05d}",
				"GS Key Project",
				"approvals",
				index % 10 + 1,
				"审批",
				department,
				"Approved",
				due,
				due + timedelta(days=rng.randint(-5, 5)),
			)
		)
	frappe.db.bulk_insert(
		"GS Project Approval",
		fields=[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"parent",
			"parenttype",
			"parentfield",
			"idx",
			"item_name",
			"department",
			"approval_status",
			"due_date",
			"approved_on",
		],
		values=values,
		chunk_size=CHUNK,
	)
	return [c for c in centres if tree[c][0] == "Village"], month


def main() -> None:
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--cases", type=int, default=1_000_000)
	parser.add_argument("--complaints", type=int, default=200_000)
	parser.add_argument("--approvals", type=int, default=50_000)
	args = parser.parse_args()
	open_test_site(args.site)
	frappe.set_user("Administrator")
	from govservice.supervision import performance

	rng = random.Random(7)
	with terminated_as_exit():
		try:
			started = time.perf_counter()
			villages, month = insert_province(rng, args.cases, args.complaints, args.approvals)
			# no ANALYZE TABLE: MariaDB commits the transaction before it, and the run must leave nothing
			print(
				json.dumps(
					{
						"inserted_in_s": round(time.perf_counter() - started, 1),
						**vars(args),
						"month": str(month),
					}
				),
				flush=True,
			)
			frappe.db.delete("GS Performance Report", {"month": month})  # rolled back with the rest
			# a warm-up month (Frappe's metadata and the calendar cached), so the counts compare across sizes
			from govservice.domain.performance_rules import previous_month

			warm = previous_month(previous_month(month))
			frappe.db.delete("GS Performance Report", {"month": warm})
			performance.compute_month(warm)
			performance.publish_month(str(warm))
			run = counted(lambda: performance.compute_month(month))
			reports = run.result
			rows = frappe.db.count("GS Performance Row", {"parent": ["in", reports]}) if reports else 0
			print(
				json.dumps(
					{
						"monthly snapshot_s": round(run.seconds, 2),
						"queries": run.queries,
						"inserts": run.inserts,
						"reports": len(reports),
						"rows": rows,
					}
				),
				flush=True,
			)
			published = counted(lambda: performance.publish_month(str(month)))
			print(
				json.dumps({"publish_s": round(published.seconds, 2), "queries": published.queries}),
				flush=True,
			)
			public = timings(lambda: performance.published_figures(month), repeat=10)
			print(json.dumps({"public page figures": public}), flush=True)
			one = frappe.db.get_value(
				"GS Performance Report", {"month": month, "service_centre": villages[0]}
			)
			correction = counted(lambda: performance.correct(one, "基准测试：更正一个村的数据"))
			print(
				json.dumps(
					{
						"correction of one centre_s": round(correction.seconds, 2),
						"queries": correction.queries,
					}
				),
				flush=True,
			)
			time_board(villages)
			time_monthly_report(month)
		finally:
			frappe.db.rollback()
			frappe.destroy()


def time_board(villages: list[str]) -> None:
	"""电子监察看板 as each level counts it: the county (supervisory department), one township with its
	villages (its supervisor) and one department (its contact), by centre and by department; p95 of 10."""
	from govservice.supervision import board

	township = frappe.db.get_value("GS Service Centre", villages[0], "parent_gs_service_centre")
	centres = [
		township,
		*frappe.get_all("GS Service Centre", {"parent_gs_service_centre": township}, pluck="name"),
	]
	department = frappe.db.get_value("Department", {"department_name": f"{PREFIX}基准民政局"})
	for role, scope in (
		("county", {}),
		("township supervisor", {"centres": centres}),
		("department contact", {"departments": [department]}),
	):
		for dimension in ("Service Centre", "Department"):
			run = counted(lambda: board.counts(dimension, scope=scope))  # noqa: B023
			figures = timings(lambda: board.counts(dimension, scope=scope), repeat=10)  # noqa: B023
			print(
				json.dumps(
					{
						"board": f"{role} by {dimension}",
						"groups": len(run.result),
						"queries": run.queries,
						**figures,
					},
					ensure_ascii=False,
				),
				flush=True,
			)


def time_monthly_report(month) -> None:
	"""The 月报 PDF of the published month as the county reads it (every centre of the province): its time,
	SQL statements, pages and size."""
	import io

	from pypdf import PdfReader

	from govservice.supervision import monthly_report

	run = counted(lambda: monthly_report.render(month))
	print(
		json.dumps(
			{
				"monthly report pdf_s": round(run.seconds, 2),
				"queries": run.queries,
				"pages": len(PdfReader(io.BytesIO(run.result)).pages),
				"kb": len(run.result) // 1024,
			}
		),
		flush=True,
	)


if __name__ == "__main__":
	main()
