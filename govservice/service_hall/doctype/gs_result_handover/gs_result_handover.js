// 统一出件 at the results window: check the result against the case (办结核验), then hand it over once to a
// person the case records, identity checked and signed on the screen; print the 领取回执
// (govservice.service_hall.results).
frappe.ui.form.on("GS Result Handover", {
	refresh(frm) {
		const method = (name) => `govservice.service_hall.results.${name}`;
		if (frm.doc.status === "Awaiting Pickup" && !frm.doc.result_checked) {
			frm.add_custom_button(__("Check Result"), () =>
				frappe.call({ method: method("check_result"), args: { name: frm.doc.name } }).then(() => frm.reload_doc())
			);
		}
		if (frm.doc.status === "Awaiting Pickup" && frm.doc.result_checked) {
			frm.add_custom_button(__("Issue Result"), () => issue(frm, method));
		}
		if (frm.doc.status !== "Awaiting Pickup") {
			frm.add_custom_button(__("Collection Receipt PDF"), () => {
				const query = new URLSearchParams({
					doctype: frm.doctype,
					name: frm.doc.name,
					print_format: "GS Result Receipt",
				});
				window.open(`/api/method/govservice.api.printing.download_pdf?${query}`);
			});
		}
	},
});

function issue(frm, method) {
	const dialog = new frappe.ui.Dialog({
		title: __("Issue Result"),
		fields: [
			{
				fieldname: "recipient_type",
				fieldtype: "Select",
				label: __("Handed To"),
				options: [
					{ value: "Applicant", label: __("Applicant") },
					{ value: "Filer", label: __("Filer") },
					{ value: "Proxy Agent", label: __("Proxy Agent") },
					{ value: "Enterprise Handler", label: __("Enterprise Handler") },
				],
				default: "Applicant",
				reqd: 1,
			},
			{ fieldname: "recipient_name", fieldtype: "Data", label: __("Recipient Name"), default: frm.doc.applicant_name, reqd: 1 },
			{
				fieldname: "id_number",
				fieldtype: "Data",
				label: __("Recipient's ID Number"),
				description: __("Must be the number the case records for this person (not needed for the proxy agent)."),
			},
			{ fieldname: "identity_checked", fieldtype: "Check", label: __("I checked the recipient's identity document") },
			{ fieldname: "signature", fieldtype: "Signature", label: __("Recipient's Signature"), reqd: 1 },
		],
		primary_action_label: __("Issue Result"),
		primary_action: (values) => {
			frappe
				.call({ method: method("issue"), args: { name: frm.doc.name, ...values } })
				.then(() => {
					dialog.hide();
					frm.reload_doc();
				});
		},
	});
	dialog.show();
}
