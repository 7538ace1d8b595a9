// An entry of the special-group register: record a visit from it and print the service contact card.

frappe.ui.form.on("GS Special Group Member", {
	setup(frm) {
		frm.set_query("service_centre", () => ({ filters: { level: "Village" } }));
		frm.set_query("responsible_agent", () => ({ filters: { is_active: 1 } }));
	},

	onload(frm) {
		if (frm.is_new() && !frm.doc.responsible_agent) {
			frappe.db
				.get_value("GS Agent", { user: frappe.session.user, is_active: 1 }, ["name", "service_centre"])
				.then(({ message }) => {
					if (message && message.name) {
						frm.set_value("service_centre", message.service_centre);
						frm.set_value("responsible_agent", message.name);
					}
				});
		}
	},

	refresh(frm) {
		if (frm.is_new()) return;
		const actions = [];
		if (frm.doc.is_active) {
			actions.push({
				label: __("Record a Visit"),
				primary: true,
				action: () => frappe.new_doc("GS Special Group Visit", { member: frm.doc.name }),
			});
		}
		actions.push({
			label: __("Print Contact Card"),
			action: () => govservice.open_pdf(frm, "GS Special Group Contact Card"),
		});
		govservice.field_actions(frm, actions);
		if (frm.doc.next_visit_due && frm.doc.next_visit_due < frappe.datetime.get_today()) {
			frm.dashboard.set_headline_alert(
				__("Visit overdue since {0}", [frappe.datetime.str_to_user(frm.doc.next_visit_due)]),
				"red"
			);
		}
	},
});
