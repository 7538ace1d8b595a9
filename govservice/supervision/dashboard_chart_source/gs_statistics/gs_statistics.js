frappe.provide("frappe.dashboards.chart_sources");

// 统计分析: the app's charts, counted in the reader's scope (govservice.supervision.statistics)
frappe.dashboards.chart_sources["GS Statistics"] = {
	method: "govservice.supervision.dashboard_chart_source.gs_statistics.gs_statistics.get",
	filters: [],
};
