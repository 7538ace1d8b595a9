frappe.query_reports["Work Log Ledger"] = {
	filters: [
		{ fieldname: "from_date", label: __("From"), fieldtype: "Date", default: frappe.datetime.add_months(frappe.datetime.get_today(), -1), reqd: 1 },
		{ fieldname: "to_date", label: __("To"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{ fieldname: "service_centre", label: __("Service Centre"), fieldtype: "Link", options: "GS Service Centre" },
		{ fieldname: "agent", label: __("Agent"), fieldtype: "Link", options: "GS Agent" },
	],
};
