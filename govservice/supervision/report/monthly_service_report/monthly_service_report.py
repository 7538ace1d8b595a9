"""月报: the month's published performance figures of every centre the reader may see (the county: all; a
township's supervisor: the township and its villages), with the total of their scope, as the leaders read it
on screen, print it and have it emailed (Excel) every month (govservice.supervision.statistics)."""

import frappe
from frappe import _
from frappe.utils import getdate

from govservice.domain.performance_rules import SUM_FIELDS, add_into, finish, month_of, previous_month
from govservice.reporting import DateFilter, column, read_filters
from govservice.supervision.monthly_report import LEVEL_ORDER
from govservice.utils import titles_of

SHOWN = ("on_time_share", "one_time_share", "village_share", "home_share", "good_share", "rectified_share")


def execute(filters: dict | None = None) -> tuple:
	read = read_filters(filters, DateFilter("month", "Month"))
	month = month_of(read.month or previous_month(getdate()))
	reports = frappe.get_list(
		"GS Performance Report",
		filters={"month": month, "status": "Published"},
		fields=["service_centre", "level", *SUM_FIELDS, *SHOWN, "red_cards"],
		order_by="level asc, service_centre asc",
		limit_page_length=0,
	)
	names = titles_of("GS Service Centre", (r.service_centre for r in reports))
	rows, total = [], {}
	for report in sorted(
		reports, key=lambda r: (LEVEL_ORDER.get(r.level, 3), names.get(r.service_centre, ""))
	):
		add_into(total, report)
		rows.append(
			{
				**report,
				"centre": names.get(report.service_centre) or report.service_centre,
				"level": _(report.level),
			}
		)
	message = None
	if rows:
		rows.append({**finish(total), "centre": _("Total of My Scope"), "level": "", "bold": 1})
	else:
		message = _("No figures have been published for {0} yet.").format(f"{month:%Y-%m}")
	columns = [
		column("Service Centre", "centre", width=180),
		column("Level", "level", width=70),
		column("Cases Received", "cases_received", "Int", 90),
		column("Cases Completed", "cases_completed", "Int", 90),
		column("On-Time Share (%)", "on_time_share", "Percent", 110),
		column("Share Done at One Go (%)", "one_time_share", "Percent", 110),
		column("Share Done in the Village (%)", "village_share", "Percent", 120),
		column("Share Done from Home (%)", "home_share", "Percent", 120),
		column("Door-to-Door Cases", "door_to_door", "Int", 100),
		column("Good Rating Share (%)", "good_share", "Percent", 110),
		column("Share Rectified in Time (%)", "rectified_share", "Percent", 120),
		column("Red Cards", "red_cards", "Int", 80),
	]
	return columns, rows, message
