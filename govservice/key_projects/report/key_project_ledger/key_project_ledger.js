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
		govservice.add_report_mail_button(report, {
			label: __("Weekly Email"),
			get: "govservice.key_projects.ledger_mail.weekly_ledger_mail",
			set: "govservice.key_projects.ledger_mail.set_weekly_ledger_mail",
			check_label: __("Email me this ledger every Monday"),
			on: __("The ledger will be emailed to you every Monday"),
			off: __("Weekly email stopped"),
		});
	},
};
