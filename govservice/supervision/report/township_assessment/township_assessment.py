"""综合考核 as a table (and its Excel export): one row a township, ranked, with each indicator's points and
the total; the assessment the reader names (the latest otherwise), read through the reader's permissions."""

import frappe
from frappe import _

from govservice.reporting import LinkFilter, column, read_filters


def execute(filters: dict | None = None) -> tuple:
	read = read_filters(filters, LinkFilter("assessment", "Assessment"))
	names = frappe.get_list(
		"GS Township Assessment",
		filters={"name": read.assessment} if read.assessment else {},
		pluck="name",
		order_by="period_start desc",
		limit_page_length=1,
	)
	if not names:
		return [column("Township", "township", width=200)], [], _("No assessment to show.")
	doc = frappe.get_doc("GS Township Assessment", names[0])
	centres = dict(
		frappe.get_all(
			"GS Service Centre", filters={"level": "Township"}, fields=["name", "official_name"], as_list=True
		)
	)
	indicators = []
	for line in doc.lines:
		if line.indicator not in indicators:
			indicators.append(line.indicator)
	keys = {name: f"i{index}" for index, name in enumerate(indicators)}
	rows = {
		r.township: {
			"rank": r.rank or None,
			"township": centres.get(r.township) or r.township,
			"total_score": r.total_score,
			"with_data": r.indicators_with_data,
		}
		for r in doc.rankings
	}
	for line in doc.lines:
		if line.township in rows:
			rows[line.township][keys[line.indicator]] = line.points if line.has_value else None
	columns = [
		column("Rank", "rank", "Int", 60),
		column("Township", "township", width=180),
		*[column(name, keys[name], "Float", 110) for name in indicators],
		column("Total Score", "total_score", "Float", 100),
		column("Indicators with Data", "with_data", "Int", 110),
	]
	message = None if doc.status == "Published" else _("Draft: the ranking is not published yet.")
	return columns, sorted(rows.values(), key=lambda r: (r["rank"] or 10**6, r["township"])), message
