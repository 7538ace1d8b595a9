// 后台办理: the department's back office returns the result of a case (what was decided, the licence or
// document number, the electronic licence) or sends it back to the front window with what is wrong. The
// front records the answer of a department that has no desk account (the server decides who may answer).

// a file for this record only: private, from this computer (no web link, no switch to public)
const PRIVATE_UPLOAD = { allow_toggle_private: false, allow_web_link: false, allow_google_drive: false };

frappe.ui.form.on("GS Back Office Task", {
	refresh(frm) {
		frm.disable_save(); // every field is the actions' (the department may attach its electronic licence)
		if (frm.doc.status === "With Back Office" && frm.doc.due_date && frm.doc.due_date < frappe.datetime.get_today()) {
			frm.dashboard.set_headline(__("Overdue: the back office's limit ended on {0}.", [frappe.datetime.str_to_user(frm.doc.due_date)]), "red");
		}
		const answer_as = frm.doc.__onload && frm.doc.__onload.answer_as;
		if (!answer_as) return;
		const suffix = answer_as === "front" ? " " + __("(for a department without a desk account)") : "";
		frm.add_custom_button(__("Return the Result") + suffix, () => return_result(frm)).addClass("btn-primary");
		frm.add_custom_button(__("Send Back") + suffix, () => send_back(frm));
	},
});

function call(frm, method, args, done) {
	return frappe
		.call({ method: `govservice.service_hall.back_office.${method}`, args: { name: frm.doc.name, ...args } })
		.then(() => {
			frappe.show_alert({ message: done, indicator: "green" });
			frm.reload_doc();
		});
}

function return_result(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Return the Result"),
		fields: [
			{ fieldname: "result_summary", fieldtype: "Small Text", label: __("Result"), reqd: 1 },
			{ fieldname: "licence_number", fieldtype: "Data", label: __("Licence or Document Number") },
			{
				fieldname: "result_file",
				fieldtype: "Attach",
				label: __("Electronic Licence or Document"),
				// uploaded onto this record (private), where the front window finds it; the dialog's value is
				// not the form's field (the form is never saved: every field is the actions')
				options: {
					...PRIVATE_UPLOAD,
					doctype: frm.doctype,
					docname: frm.docname,
					fieldname: "result_file",
				},
			},
		],
		primary_action_label: __("Return to the Front Window"),
		primary_action(values) {
			dialog.hide();
			call(frm, "return_result", values, __("Returned to the front window"));
		},
	});
	dialog.show();
}

function send_back(frm) {
	frappe.prompt(
		[{ fieldname: "reason", fieldtype: "Small Text", label: __("Why Sent Back"), reqd: 1 }],
		(values) => call(frm, "send_back", values, __("Sent back to the front window")),
		__("Send Back"),
		__("Send Back")
	);
}
