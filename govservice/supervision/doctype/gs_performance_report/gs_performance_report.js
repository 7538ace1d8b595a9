// 绩效月报: the figures are the app's (no field is edited). The supervisory department publishes a month's
// drafts and corrects published figures with a reason (a new version; the old one stays, superseded).
frappe.ui.form.on("GS Performance Report", {
	refresh(frm) {
		frm.disable_save();
		if (frm.doc.status === "Superseded") {
			frm.set_intro(__("These figures were corrected: a later version replaces them."), "orange");
		} else if (frm.doc.status === "Draft") {
			frm.set_intro(__("Draft: the figures are public once the month is published."), "blue");
		}
		const supervisory = frappe.user.has_role([
			"GS Supervisory Officer",
			"GS Administrator",
			"System Manager",
		]);
		if (!supervisory) return;
		if (frm.doc.status === "Draft") {
			const publish = frm.add_custom_button(__("Publish the Month"), () =>
				frappe.confirm(
					__("Publish the figures of every centre for {0}? Published figures do not change.", [
						frm.doc.month.slice(0, 7),
					]),
					() =>
						frappe
							.call({
								method: "govservice.supervision.performance.publish_month",
								args: { month: frm.doc.month },
							})
							.then(({ message }) => {
								frappe.show_alert({
									message: __("{0} centres' figures published", [message]),
									indicator: "green",
								});
								frm.reload_doc();
							})
				)
			);
			publish.addClass("btn-primary");
		}
		if (frm.doc.status === "Published") {
			frm.add_custom_button(__("Correct Figures"), () =>
				frappe.prompt(
					[
						{
							fieldname: "reason",
							fieldtype: "Small Text",
							label: __("Reason for the Correction"),
							reqd: 1,
						},
					],
					(values) =>
						frm.call("correct_figures", values).then(({ message }) =>
							frappe.set_route("Form", "GS Performance Report", message)
						),
					__("Correct Figures"),
					__("Save")
				)
			);
		}
	},
});
