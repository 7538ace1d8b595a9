// 重点项目代办台账: the reader may have it emailed to them every Monday (an Auto Email Report of their own).
frappe.query_reports["Key Project Ledger"] = {
	onload(report) {
		report.page.add_inner_button(__("Print Ledger (PDF)"), () => {
			const status = report.get_filter_value ? report.get_filter_value("status") : "";
			window.open(
				"/api/method/govservice.api.printing.project_ledger_pdf?" +
					new URLSearchParams({ status: status || "" }).toString()
			);
		});
		report.page.add_inner_button(__("Weekly Email"), () => {
			frappe
				.call("govservice.key_projects.ledger_mail.weekly_ledger_mail")
				.then(({ message }) => {
					frappe.prompt(
						[
							{
								fieldname: "enabled",
								fieldtype: "Check",
								label: __("Email me this ledger every Monday"),
								default: message.enabled ? 1 : 0,
							},
						],
						(values) =>
							frappe
								.call({
									method: "govservice.key_projects.ledger_mail.set_weekly_ledger_mail",
									args: { enabled: values.enabled },
								})
								.then(({ message: result }) =>
									frappe.show_alert({
										message: result.enabled
											? __("The ledger will be emailed to you every Monday")
											: __("Weekly email stopped"),
										indicator: "green",
									})
								),
						__("Weekly Email"),
						__("Save")
					);
				});
		});
	},
};
