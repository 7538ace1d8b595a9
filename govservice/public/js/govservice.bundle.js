frappe.provide("govservice");

// Filters shared by the channel lists (代办 / 上门办 / 一网通办 / 一事联办事项清单).
govservice.catalogue_list_filters = () => [
	{
		fieldname: "level",
		label: __("Level"),
		fieldtype: "Select",
		options: [
			"",
			{ value: "County", label: __("County") },
			{ value: "Township", label: __("Township") },
			{ value: "Village", label: __("Village") },
		],
	},
	{
		fieldname: "department",
		label: __("Serving Department"),
		fieldtype: "Link",
		options: "Department",
	},
];
