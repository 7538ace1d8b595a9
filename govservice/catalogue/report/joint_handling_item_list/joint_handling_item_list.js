frappe.query_reports["Joint Handling Item List"] = {
	filters: [
		{
			fieldname: "level",
			label: __("Level"),
			fieldtype: "Select",
			options: ["", { value: "County", label: __("County") }, { value: "Township", label: __("Township") }, { value: "Village", label: __("Village") }],
		},
		{
			fieldname: "department",
			label: __("Serving Department"),
			fieldtype: "Link",
			options: "Department",
		},
	],
};
