// 综合考核: the ranking of the townships with each indicator's points (export to Excel from the menu).
frappe.query_reports["Township Assessment"] = {
	filters: [
		{
			fieldname: "assessment",
			label: __("Assessment"),
			fieldtype: "Link",
			options: "GS Township Assessment",
		},
	],
};
