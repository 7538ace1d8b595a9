frappe.query_reports["Visit Plan"] = {
	filters: [
		{
			fieldname: "service_centre",
			label: __("Village Station"),
			fieldtype: "Link",
			options: "GS Service Centre",
			get_query: () => ({ filters: { level: "Village" } }),
		},
		{
			fieldname: "state",
			label: __("Visit State"),
			fieldtype: "Select",
			options: [
				{ value: "", label: __("Due and Overdue") },
				{ value: "Overdue", label: __("Overdue") },
			],
		},
		{ fieldname: "as_of", label: __("As Of"), fieldtype: "Date", default: frappe.datetime.get_today() },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (["state", "due_label"].includes(column.fieldname) && data && data.days_overdue) {
			value = `<span style="color: var(--red-600)">${value}</span>`;
		}
		return value;
	},
};
