// 联席会议: the supervisory department drafts the agenda from the month and prints the minutes; the owner
// department of a decision reports it done (its progress is never typed into the table).
frappe.ui.form.on("GS Joint Meeting", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Print the Minutes (PDF)"), () =>
			window.open(
				"/api/method/govservice.api.printing.download_pdf?" +
					new URLSearchParams({
						doctype: frm.doctype,
						name: frm.doc.name,
						print_format: "GS Joint Meeting Minutes",
					}).toString()
			)
		);
		if (frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Draft the Agenda"), () =>
				frappe.confirm(
					__("Draft the agenda from the month? Items you typed under Other stay."),
					() =>
						frm.call("draft_agenda").then(({ message }) => {
							frm.reload_doc();
							frappe.show_alert({
								message: __("{0} agenda items drafted", [message]),
								indicator: "green",
							});
						})
				)
			);
		}
		const open = (frm.doc.decisions || []).filter((row) => row.decision_status === "Open");
		if (!open.length) return;
		frm.add_custom_button(__("Report a Decision Done"), () =>
			frappe.prompt(
				[
					{
						fieldname: "row",
						fieldtype: "Select",
						label: __("Decision"),
						reqd: 1,
						options: open.map((row) => ({
							value: row.name,
							label: `${row.idx}. ${row.decision.slice(0, 40)}`,
						})),
						default: open[0].name,
					},
					{ fieldname: "note", fieldtype: "Small Text", label: __("What Was Done"), reqd: 1 },
				],
				(values) => frm.call("mark_decision_done", values).then(() => frm.reload_doc()),
				__("Report a Decision Done"),
				__("Save")
			)
		);
	},
});
