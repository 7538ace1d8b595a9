// 全县域通办台账: what each of the reader's centres received for the others and handed over for them
frappe.query_reports["Cross-Centre Ledger"] = {
	filters: [
		{ fieldname: "from_date", label: __("From"), fieldtype: "Date", default: frappe.datetime.add_months(frappe.datetime.get_today(), -1), reqd: 1 },
		{ fieldname: "to_date", label: __("To"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{ fieldname: "service_centre", label: __("Service Centre"), fieldtype: "Link", options: "GS Service Centre" },
	],
};
