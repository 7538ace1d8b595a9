"""月报 as a document: the month's published figures of the reader's scope, laid out as the county's monthly
report (Chinese PDF) — the headline figures against the month before, each centre's on-time bar and figures,
the items most asked for, the 办不成事 matters by cause, and the warnings and red cards by centre.

Everything in it is what the reader may read: the published GS Performance Reports through their
permissions (the county: every centre; a township's supervisor: the township and its villages), their rows
of those reports only, and the complaints counted as `statistics.grouped` counts them. A fixed number of
queries whatever the number of cases (the figures were counted when the month was computed).

Mailed to the readers who asked for it (their Auto Email Report of the 月报) when the supervisory department
publishes the month, each rendered in the reader's own session (govservice.security.auto_email), the PDF
beside the Excel table; Frappe's own monthly run sends nothing for it, since on the first of the month the
figures are not published yet.
"""

from __future__ import annotations

import datetime

import frappe
from frappe import _
from frappe.utils import add_months, getdate

from govservice.domain.performance_rules import SUM_FIELDS, add_into, finish, month_end, parse_month
from govservice.utils import shown, titles_of

DOCTYPE = "GS Performance Report"
MONTHLY_REPORT = "Monthly Service Report"
TOP_ITEMS = 10
BARS = 40
LEVEL_ORDER = {"County": 0, "Township": 1, "Village": 2}
# the headline figures: (field, label, kind) — a count, a share (%), or an average of working days
HEADLINE = (
	("cases_received", "Cases Received", "count"),
	("cases_completed", "Cases Completed", "count"),
	("on_time_share", "On-Time Share (%)", "share"),
	("avg_working_days", "Average Working Days Used", "days"),
	("one_time_share", "Share Done at One Go (%)", "share"),
	("village_share", "Share Done in the Village (%)", "share"),
	("township_share", "Share Done in the Township (%)", "share"),
	("home_share", "Share Done from Home (%)", "share"),
	("door_to_door", "Door-to-Door Cases", "count"),
	("ratings", "Ratings", "count"),
	("good_share", "Good Rating Share (%)", "share"),
	("rectified_share", "Share Rectified in Time (%)", "share"),
	("complaints_received", "Matters That Could Not Be Done Received", "count"),
	("complaints_on_time_share", "Replied in Time (%)", "share"),
	("warnings", "Yellow Warnings", "count"),
	("red_cards", "Red Cards", "count"),
	("approvals_on_time_share", "Key-Project Approvals on Time (%)", "share"),
	("hall_tickets", "Numbers Taken", "count"),
	("avg_wait_minutes", "Average Wait (Minutes)", "days"),
	("no_show_share", "No-show Share (%)", "share"),
	("results_issued", "Results Handed Over", "count"),
)
# for these a rise is bad news
WORSE_WHEN_HIGHER = {"avg_working_days", "warnings", "red_cards", "avg_wait_minutes", "no_show_share"}


class MonthlyReportError(frappe.ValidationError):
	pass


def check_reader() -> None:
	if frappe.session.user == "Guest" or not frappe.get_doc("Report", MONTHLY_REPORT).is_permitted():
		raise frappe.PermissionError(_("You may not read {0}.").format(_(MONTHLY_REPORT)))


def month_given(month: str | None) -> datetime.date:
	day = parse_month(month)
	if not day:
		frappe.throw(_("Give the month as a date."), MonthlyReportError)
	return day


def reports_of(month: datetime.date) -> list[dict]:
	"""The reader's published reports of `month` (through their permissions)."""
	return frappe.get_list(
		DOCTYPE,
		filters={"month": month, "status": "Published"},
		fields=["name", "service_centre", "level", "township_centre", *SUM_FIELDS],
		limit_page_length=0,
	)


def total_of(reports: list[dict]) -> dict:
	total: dict = {}
	for report in reports:
		add_into(total, report)
	return finish(total)


def change(field: str, now, before) -> dict:
	"""How a headline figure moved: the difference and whether it is good news."""
	if now is None or before is None:
		return {"text": "—", "tone": ""}
	delta = round(float(now) - float(before), 1)
	if not delta:
		return {"text": "—", "tone": ""}
	text = f"{delta:+g}"
	better = (delta < 0) if field in WORSE_WHEN_HIGHER else (delta > 0)
	return {"text": text, "tone": "up" if better else "down"}


def shown_figure(value, kind: str) -> str:
	if value is None:
		return "—"
	if kind == "count":
		return f"{int(value):,}"
	return f"{float(value):.1f}"


def top_items(report_names: list[str]) -> list[dict]:
	"""The items most received in the reader's reports, summed over their centres (one grouped query)."""
	if not report_names:
		return []
	return frappe.db.sql(
		"""select dimension_label as label, sum(cases_received) as received, sum(cases_completed) as completed
		from `tabGS Performance Row`
		where parenttype = 'GS Performance Report' and dimension = 'Service Item' and parent in %(names)s
		group by dimension_key, dimension_label
		order by received desc, dimension_label
		limit %(limit)s""",
		{"names": report_names, "limit": TOP_ITEMS},
		as_dict=True,
	)


def complaint_causes(month: datetime.date) -> list[dict]:
	from govservice.supervision.statistics import grouped

	rows = grouped(
		"GS Complaint",
		"classification",
		[["registered_on", ">=", str(month)], ["registered_on", "<", str(add_months(month, 1))]],
	)
	return [{"label": _(r.label) if r.label else _("Not Classified Yet"), "value": r.value} for r in rows]


def scope_label(reports: list[dict], names: dict[str, str], county_reader: bool) -> str:
	"""Whose month this is: the county, or the reader's highest centres."""
	if county_reader:
		return _("The Whole County")
	top = "Township" if any(r.level == "Township" for r in reports) else "Village"
	return "、".join(sorted(names.get(r.service_centre, r.service_centre) for r in reports if r.level == top))


def rows_of(reports: list[dict], names: dict[str, str], county_reader: bool) -> list[tuple[str, str, dict]]:
	"""The centres' table as (name, level, summed figures): for a reader of the county, the county centre and
	each township with its villages summed into it (a county's leaders read townships; each village is in
	the screen report); for a township's reader, the township and each village."""
	grouped: dict[tuple[str, str], dict] = {}
	for report in reports:
		key, level = report.service_centre, report.level
		if county_reader and level == "Village" and report.township_centre:
			key, level = report.township_centre, "Township"
		add_into(grouped.setdefault((key, level), {}), report)
	rows = []
	for (key, level), figures in grouped.items():
		name = names.get(key) or key
		if county_reader and level == "Township":
			name = _("{0} (with its villages)").format(name)
		rows.append((LEVEL_ORDER.get(level, 3), name, _(level), figures))
	return [(name, level, figures) for _order, name, level, figures in sorted(rows, key=lambda r: r[:2])]


def context(month: datetime.date) -> dict:
	"""Everything the 月报 shows for the reader."""
	reports = reports_of(month)
	if not reports:
		frappe.throw(
			_("No figures have been published for {0} yet.").format(f"{month:%Y-%m}"), MonthlyReportError
		)
	earlier = reports_of(add_months(month, -1))
	total, previous = total_of(reports), (total_of(earlier) if earlier else {})
	# the reader reads the county when the county centre's report is among theirs
	county_reader = any(r.level == "County" for r in reports)
	names = titles_of(
		"GS Service Centre", [r.service_centre for r in reports] + [r.township_centre for r in reports]
	)
	centres = [
		{**finish(figures), "centre": centre, "level": level}
		for centre, level, figures in rows_of(reports, names, county_reader)
	]
	headline = [
		{
			"label": _(label),
			"now": shown_figure(total.get(field), kind),
			"before": shown_figure(previous.get(field), kind),
			**change(field, total.get(field), previous.get(field)),
		}
		for field, label, kind in HEADLINE
	]
	return {
		"month": month,
		"month_end": month_end(month),
		"scope": scope_label(reports, names, county_reader),
		"county": frappe.db.get_value("GS Service Centre", {"level": "County"}, "official_name") or "",
		"headline": headline,
		"total": total,
		"centres": centres,
		"bars": [c for c in centres if c.get("on_time_share") is not None][:BARS],
		"alerts": [c for c in centres if (c.get("warnings") or 0) + (c.get("red_cards") or 0)],
		"items": top_items([r.name for r in reports]),
		# 办不成事 is received at the county's window: its causes are the county's
		"county_reader": county_reader,
		"causes": complaint_causes(month) if county_reader else [],
		"today": getdate(),
	}


def render(month: datetime.date) -> bytes:
	from govservice.printing.render import pdf_from_html, wrap_body

	body = frappe.render_template("govservice/templates/print/monthly_report.html", context(month))
	return pdf_from_html(wrap_body(body))


def file_name(month: datetime.date) -> str:
	return f"{_(MONTHLY_REPORT)}-{month:%Y-%m}"


@frappe.whitelist()
def monthly_report_pdf(month: str | None = None):
	"""The 月报 of `month` (any date in it) as a Chinese PDF, in the caller's scope."""
	from govservice.api.printing import pdf_response

	check_reader()
	day = month_given(month)
	return pdf_response(render(day), file_name(day))


def mail_subscribers(month: str) -> int:
	"""Background job after a month is published: each reader who asked for the 月报 gets that month's, as
	PDF and Excel, rendered in their own session. Returns how many were sent (none without an outgoing email
	account; a failure for one reader is logged and does not stop the others)."""
	if not frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
		return 0
	sent = 0
	for name in frappe.get_all(
		"Auto Email Report", filters={"report": MONTHLY_REPORT, "enabled": 1}, pluck="name"
	):
		doc = frappe.get_doc("Auto Email Report", name)
		doc.flags.month = str(month)
		try:
			doc.send()
			sent += 1
		except Exception:
			frappe.log_error(title=_("The monthly report could not be mailed to {0}").format(shown(doc.user)))
	return sent
