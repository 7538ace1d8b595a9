frappe.query_reports["Satisfaction Summary"] = {
	filters: [
		{ fieldname: "from_date", label: __("Rated From"), fieldtype: "Date", default: frappe.datetime.add_months(frappe.datetime.get_today(), -1) },
		{ fieldname: "to_date", label: __("Rated To"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{ fieldname: "group_by", label: __("Summarise By"), fieldtype: "Select", options: ["Service Centre", "Agent", "Service Item"].join("\n"), default: "Service Centre" },
	],
};
