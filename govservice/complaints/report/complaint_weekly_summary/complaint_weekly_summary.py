"""办不成事 weekly summary for the supervisory department: counts by class, department and outcome, the
overdue matters, and the bottlenecks that recur."""

from frappe import _

from govservice.complaints.utils import period, weekly_summary
from govservice.reporting import column


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict], None, None, list[dict]]:
	summary = weekly_summary(*period(filters))
	rows = []
	for section, counter in (
		(_("Classification"), summary["by_class"]),
		(_("Department"), summary["by_department"]),
		(_("Progress"), summary["by_outcome"]),
	):
		for key, count in sorted(counter.items(), key=lambda item: (-item[1], str(item[0]))):
			rows.append({"section": section, "item": _(key) if key else "", "count": count})
	for row in summary["overdue"]:
		rows.append({"section": _("Overdue"), "item": f"{row.name} {row.department_name or ''}", "count": 1})
	for name in summary["bottlenecks"]:
		rows.append({"section": _("Recurring Bottleneck"), "item": name, "count": None})
	columns = [
		column("Section", "section", width=160),
		column("Item", "item", width=300),
		column("Count", "count", "Int", 80),
	]
	report_summary = [
		{"label": _("Registered"), "value": summary["total"], "datatype": "Int", "indicator": "Blue"},
		{"label": _("Overdue"), "value": len(summary["overdue"]), "datatype": "Int", "indicator": "Red"},
	]
	return columns, rows, None, None, report_summary
