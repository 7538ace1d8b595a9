// A visit to a person on the register: record it, then turn the needs found into cases in one action.

frappe.ui.form.on("GS Special Group Visit", {
	setup(frm) {
		frm.set_query("member", () => ({ filters: { is_active: 1 } }));
	},

	refresh(frm) {
		if (frm.is_new()) return;
		const waiting = (frm.doc.needs || []).filter((row) => row.service_item && !row.gs_case);
		if (waiting.length && frm.perm[0] && frm.perm[0].write) {
			govservice.field_actions(frm, [
				{
					label: __("Create Cases"),
					primary: true,
					action: () =>
						frm.call("create_cases").then(({ message }) => {
							frm.reload_doc();
							frappe.show_alert({
								message: __("{0} cases registered", [message.length]),
								indicator: "green",
							});
						}),
				},
			]);
		}
	},
});
