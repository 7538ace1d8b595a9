frappe.query_reports["Work Log Ledger"] = {
	filters: [
		{ fieldname: "from_date", label: __("From"), fieldtype: "Date", default: frappe.datetime.add_months(frappe.datetime.get_today(), -1), reqd: 1 },
		{ fieldname: "to_date", label: __("To"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{ fieldname: "service_centre", label: __("Service Centre"), fieldtype: "Link", options: "GS Service Centre" },
		{ fieldname: "agent", label: __("Agent"), fieldtype: "Link", options: "GS Agent" },
		{ fieldname: "page", label: __("Page of Entries"), fieldtype: "Int", default: 1 },
	],
	onload(report) {
		// the whole period, whatever its size, as a CSV file streamed by the server
		report.page.add_inner_button(__("Export All (CSV)"), () => {
			const filters = report.get_filter_values(true);
			if (!filters) return;
			const args = { from_date: filters.from_date, to_date: filters.to_date };
			for (const key of ["service_centre", "agent"]) if (filters[key]) args[key] = filters[key];
			window.open("/api/method/govservice.api.ledgers.work_log_csv?" + new URLSearchParams(args).toString());
		});
	},
};
