// 月报: the month's published figures of the reader's scope; the reader may have it emailed to them on the
// first of every month (an Auto Email Report of their own, as an Excel file).
frappe.query_reports["Monthly Service Report"] = {
	filters: [
		{
			fieldname: "month",
			label: __("Month"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.month_start(), -1),
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		return data && data.bold ? `<b>${value}</b>` : value;
	},
	onload(report) {
		govservice.add_report_mail_button(report, {
			label: __("Monthly Email"),
			get: "govservice.supervision.statistics.monthly_report_mail",
			set: "govservice.supervision.statistics.set_monthly_report_mail",
			check_label: __("Email me the monthly report on the first of every month"),
			on: __("The monthly report will be emailed to you"),
			off: __("Monthly email stopped"),
		});
	},
};
