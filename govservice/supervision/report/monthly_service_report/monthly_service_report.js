// 月报: the month's published figures of the reader's scope, on screen and as the designed PDF; the reader
// may have it emailed to them when each month is published (an Auto Email Report of their own: PDF and Excel).
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
		report.page.add_inner_button(__("Monthly Report PDF"), () => {
			const month = report.get_filter_value("month");
			if (!month) {
				frappe.msgprint(__("Choose the month first."));
				return;
			}
			window.open(
				"/api/method/govservice.supervision.monthly_report.monthly_report_pdf?" +
					new URLSearchParams({ month }).toString(),
			);
		});
		govservice.add_report_mail_button(report, {
			label: __("Monthly Email"),
			get: "govservice.supervision.statistics.monthly_report_mail",
			set: "govservice.supervision.statistics.set_monthly_report_mail",
			check_label: __("Email me the monthly report when each month is published"),
			on: __("The monthly report will be emailed to you"),
			off: __("Monthly email stopped"),
		});
	},
};
