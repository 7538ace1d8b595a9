// The village's weekly collection sheet: the agent fills one row per request (on a phone in the field),
// then dispatches the sheet; each row then shows its case and the case's state.

frappe.ui.form.on("GS Collection Sheet", {
	setup(frm) {
		frm.set_query("service_centre", () => ({ filters: { level: "Village" } }));
		frm.set_query("collected_by", () => ({
			filters: { is_active: 1, service_centre: frm.doc.service_centre },
		}));
		frm.set_query("special_group_member", "requests", () => ({
			filters: { service_centre: frm.doc.service_centre, is_active: 1 },
		}));
	},

	onload(frm) {
		if (frm.is_new() && !frm.doc.collected_by) {
			frappe.db
				.get_value("GS Agent", { user: frappe.session.user, is_active: 1 }, ["name", "service_centre"])
				.then(({ message }) => {
					if (message && message.name) {
						frm.set_value("service_centre", message.service_centre);
						frm.set_value("collected_by", message.name);
					}
				});
		}
		if (frm.is_new() && !frm.doc.week_start) {
			frm.set_value("week_start", frappe.datetime.week_start());
		}
	},

	refresh(frm) {
		if (frm.is_new()) return;
		const actions = [];
		if ((frm.doc.__onload || {}).can_dispatch) {
			actions.push({ label: __("Dispatch"), action: () => dispatch(frm), primary: true });
		}
		actions.push({
			label: __("Print for the Notice Board"),
			action: () => govservice.open_pdf(frm, "GS Collection Notice"),
		});
		govservice.field_actions(frm, actions);
	},
});

function dispatch(frm) {
	frappe.confirm(
		__("Turn every waiting row into a case (urgent first) or a reply? Rows cannot be changed afterwards."),
		() =>
			frm.call("dispatch").then(({ message }) => {
				frm.reload_doc();
				frappe.show_alert({
					message: __("{0} cases registered, {1} sent up, {2} answered", [
						message.cases,
						message.moved_up,
						message.replied,
					]),
					indicator: "green",
				});
			})
	);
}

