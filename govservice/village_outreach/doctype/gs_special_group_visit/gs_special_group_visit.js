// A visit to a person on the register: record it, then turn the needs found into cases in one action.

frappe.ui.form.on("GS Special Group Visit", {
	setup(frm) {
		frm.set_query("member", () => ({ filters: { is_active: 1 } }));
	},

	refresh(frm) {
		if (frm.is_new()) return;
		const waiting = (frm.doc.needs || []).filter((row) => row.service_item && !row.gs_case);
		if (waiting.length && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Create Cases"), () =>
				frm.call("create_cases").then(({ message }) => {
					frm.reload_doc();
					frappe.show_alert({
						message: __("{0} door-to-door cases registered", [message.length]),
						indicator: "green",
					});
				})
			).addClass("btn-primary");
		}
	},
});
