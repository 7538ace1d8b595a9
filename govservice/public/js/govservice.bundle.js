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

// Filters shared by the 办不成事 ledgers and weekly summary: one week by default.
govservice.complaint_week_filters = () => [
	{
		fieldname: "from_date",
		label: __("From"),
		fieldtype: "Date",
		default: frappe.datetime.add_days(frappe.datetime.get_today(), -6),
		reqd: 1,
	},
	{ fieldname: "to_date", label: __("To"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
	{ fieldname: "department", label: __("Department"), fieldtype: "Link", options: "Department" },
];
