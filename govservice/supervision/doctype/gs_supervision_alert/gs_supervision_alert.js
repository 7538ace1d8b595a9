// 监察预警: the supervisory department records the handling and closes the alert (buttons; every field is
// the system's own). The record it is about opens from the form.
frappe.ui.form.on("GS Supervision Alert", {
	refresh(frm) {
		frm.disable_save(); // every field is the system's: the buttons below are the only changes
		frm.set_intro(
			frm.doc.level === "Red Card" ? __("Red card: the clock is well past its deadline.") : "",
			"red"
		);
		if (
			frm.doc.source_doctype &&
			frm.doc.source_name &&
			frappe.model.can_read(frm.doc.source_doctype)
		) {
			frm.add_custom_button(__("Open the Record"), () =>
				frappe.set_route("Form", frm.doc.source_doctype, frm.doc.source_name)
			);
		}
		const supervisory = frappe.user.has_role([
			"GS Supervisory Officer",
			"GS Administrator",
			"System Manager",
		]);
		if (!supervisory || frm.doc.status === "Closed") return;
		frm.add_custom_button(__("Record Handling"), () => {
			frappe.prompt(
				[
					{
						fieldname: "handling",
						fieldtype: "Select",
						label: __("Handling Taken"),
						reqd: 1,
						options: [
							{ value: "Explanation", label: __("Explanation") },
							{ value: "Correction", label: __("Correction") },
							{ value: "Accountability", label: __("Accountability") },
						],
						default: frm.doc.handling || "Explanation",
					},
					{
						fieldname: "note",
						fieldtype: "Small Text",
						label: __("Handling Note"),
						reqd: 1,
						default: frm.doc.handling_note || "",
					},
				],
				(values) =>
					frm
						.call("record_handling", values)
						.then(() => frm.reload_doc()),
				__("Record Handling"),
				__("Save")
			);
		});
		if (frm.doc.handling) {
			const close = frm.add_custom_button(__("Close the Alert"), () =>
				frappe.confirm(__("Close this alert? It stays in the register."), () =>
					frm.call("close_alert").then(() => frm.reload_doc())
				)
			);
			close.addClass("btn-primary");
		}
	},
});
