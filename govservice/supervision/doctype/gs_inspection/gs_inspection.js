// 督查检查: the supervisory department loads the checklist, records each item and the findings, and completes
// the inspection; the person responsible for a finding reports it rectified (buttons; a completed inspection
// is not edited).
frappe.ui.form.on("GS Inspection", {
	setup(frm) {
		// the person responsible is an active agent of the centre inspected
		frm.set_query("owner_agent", "findings", () => ({
			filters: { service_centre: frm.doc.service_centre, is_active: 1 },
		}));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		const writer = frm.perm[0] && frm.perm[0].write;
		if (frm.doc.status === "Draft") {
			if (writer) {
				frm.add_custom_button(__("Load the Checklist"), () =>
					frm.call("load_checklist").then(() => frm.reload_doc())
				);
				if ((frm.doc.results || []).length) {
					const done = frm.add_custom_button(__("Complete the Inspection"), () =>
						frappe.confirm(
							__("Complete the inspection? Its results are then final and each finding gets its deadline."),
							() => frm.call("complete").then(() => frm.reload_doc())
						)
					);
					done.addClass("btn-primary");
				}
			}
			return;
		}
		frm.disable_save();
		const supervisory = frappe.user.has_role(["GS Supervisory Officer", "GS Administrator", "System Manager"]);
		const open = (frm.doc.findings || []).filter(
			(row) => row.finding_status === "Open" && (supervisory || row.owner_user === frappe.session.user)
		);
		if (!open.length) return;
		const attachments = (frm.get_docinfo().attachments || []).map((file) => file.file_url);
		frm.add_custom_button(__("Report a Finding Rectified"), () =>
			frappe.prompt(
				[
					{
						fieldname: "row",
						fieldtype: "Select",
						label: __("Finding"),
						reqd: 1,
						options: open.map((row) => ({ value: row.name, label: `${row.idx}. ${row.finding.slice(0, 40)}` })),
						default: open[0].name,
					},
					{ fieldname: "note", fieldtype: "Small Text", label: __("How It Was Rectified"), reqd: 1 },
					{
						fieldname: "evidence",
						fieldtype: "Select",
						label: __("Evidence"),
						options: ["", ...attachments],
						description: __("Attach the evidence to this inspection first (the paperclip on the left)."),
					},
				],
				(values) => frm.call("close_finding", values).then(() => frm.reload_doc()),
				__("Report a Finding Rectified"),
				__("Save")
			)
		);
	},
});
