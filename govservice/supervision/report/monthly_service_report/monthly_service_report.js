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
		report.page.add_inner_button(__("Monthly Email"), () =>
			frappe.call("govservice.supervision.statistics.monthly_report_mail").then(({ message }) =>
				frappe.prompt(
					[
						{
							fieldname: "enabled",
							fieldtype: "Check",
							label: __("Email me the monthly report on the first of every month"),
							default: message.enabled ? 1 : 0,
						},
					],
					(values) =>
						frappe
							.call({
								method: "govservice.supervision.statistics.set_monthly_report_mail",
								args: { enabled: values.enabled },
							})
							.then(({ message: result }) =>
								frappe.show_alert({
									message: result.enabled
										? __("The monthly report will be emailed to you")
										: __("Monthly email stopped"),
									indicator: "green",
								})
							),
					__("Monthly Email"),
					__("Save")
				)
			)
		);
	},
};
