import frappe


@frappe.whitelist()
def get(chart_name: str | None = None, **_ignored) -> dict:
	"""Dashboard Chart Source "GS Statistics": the chart's data in the caller's scope."""
	from govservice.supervision.statistics import chart_data

	return chart_data(chart_name)
