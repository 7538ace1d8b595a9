// 电子监察看板: every running clock the reader supervises, green / yellow / red, by centre, department, item
// or kind of clock. A count opens the clocks behind it; 返回汇总 goes back to the totals.
frappe.query_reports["Supervision Board"] = {
	filters: [
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "Service Centre", label: __("Service Centre") },
				{ value: "Department", label: __("Department") },
				{ value: "Service Item", label: __("Service Item") },
				{ value: "Clock", label: __("Clock") },
			],
			default: "Service Centre",
		},
		{
			fieldname: "clock",
			label: __("Clock"),
			fieldtype: "Select",
			options: [
				"",
				"Case Deadline",
				"Complaint Deadline",
				"Project Approval",
				"Project Stage",
				"Rectification",
				"Inspection Finding",
				"Visit Due",
				"Collection Answer",
			].map((value) => ({ value, label: value ? __(value) : "" })),
		},
		{
			fieldname: "light",
			label: __("Light"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "Red", label: __("Red Light") },
				{ value: "Yellow", label: __("Yellow Light") },
				{ value: "Green", label: __("Green Light") },
			],
		},
		{ fieldname: "key", label: __("Group"), fieldtype: "Data", hidden: 1 },
	],
	formatter(value, row, column, data, default_formatter) {
		const shown = default_formatter(value, row, column, data);
		if (!data || !["Red", "Yellow", "Green"].includes(column.fieldname) || !value) return shown;
		const key = frappe.utils.escape_html(data.key || "__none__");
		return `<a class="gs-drill" data-key="${key}" data-light="${column.fieldname}">${shown}</a>`;
	},
	onload(report) {
		report.page.add_inner_button(__("Back to Totals"), () =>
			report.set_filter_value({ key: "", light: "" })
		);
		$(report.page.wrapper).on("click", "a.gs-drill", (event) => {
			event.preventDefault();
			const link = $(event.currentTarget);
			report.set_filter_value({ key: link.attr("data-key"), light: link.attr("data-light") });
		});
	},
};
