// A year of the working-day calendar: regenerate it, and confirm its arrangement once the State Council's
// notice is out (its days entered as adjustments): the open deadlines it moves follow.
frappe.ui.form.on("GS Calendar Year", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.is_provisional) {
			frm.set_intro(
				__(
					"The holidays and make-up workdays of {0} are not official yet. When the State Council's notice is out, enter its holidays and make-up workdays as adjustments below (or update the holidays library and regenerate), then press Confirm Arrangement: open deadlines in {0} are shown as provisional until then and are recomputed on confirming.",
					[frm.doc.year]
				),
				"orange"
			);
		}
		if (!frm.has_perm("write")) return;
		frm.add_custom_button(__("Regenerate"), () =>
			frm.call("regenerate").then(() => frm.reload_doc())
		);
		frm.add_custom_button(__("Confirm Arrangement"), () => {
			const dialog = new frappe.ui.Dialog({
				title: __("Confirm Arrangement"),
				fields: [
					{
						fieldname: "notice",
						fieldtype: "Data",
						label: __("State Council Notice"),
						reqd: 1,
						default: frm.doc.arrangement_notice,
					},
				],
				primary_action_label: __("Confirm Arrangement"),
				primary_action({ notice }) {
					dialog.hide();
					frm.call("confirm_arrangement", { notice }).then(({ message }) => {
						frappe.show_alert({
							message: __("{0} open deadlines moved", [message.moved]),
							indicator: "green",
						});
						frm.reload_doc();
					});
				},
			});
			dialog.show();
		});
	},
});
