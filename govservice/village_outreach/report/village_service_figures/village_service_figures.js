frappe.query_reports["Village Service Figures"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.month_start(),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.month_end(),
			reqd: 1,
		},
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "Village", label: __("Village Station") },
				{ value: "Township", label: __("Township Centre") },
				{ value: "County", label: __("All Villages in My Scope") },
			],
			default: "Village",
		},
	],
};
