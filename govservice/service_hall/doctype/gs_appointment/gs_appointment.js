// The hotline seat books for a caller: the slots offered for the centre, category and working day, with
// the places left (govservice.service_hall.appointments.available_slots); the place is taken on save.
frappe.ui.form.on("GS Appointment", {
	refresh(frm) {
		if (frm.is_new()) frm.trigger("load_slots");
		if (!frm.is_new() && frm.doc.status === "Booked") {
			frm.add_custom_button(__("Cancel Appointment"), () =>
				frappe.confirm(__("Cancel this appointment?"), () =>
					frappe
						.call({ method: "govservice.service_hall.appointments.cancel", args: { name: frm.doc.name } })
						.then(() => frm.reload_doc())
				)
			);
		}
	},
	service_centre: (frm) => frm.trigger("load_slots"),
	category: (frm) => frm.trigger("load_slots"),
	appointment_date: (frm) => frm.trigger("load_slots"),
	load_slots(frm) {
		if (!frm.is_new()) return;
		const { service_centre, category, appointment_date } = frm.doc;
		if (!service_centre || !category || !appointment_date) {
			frm.set_df_property("slot_start", "options", []);
			return;
		}
		frappe
			.call({
				method: "govservice.service_hall.appointments.available_slots",
				args: { centre: service_centre, category, day: appointment_date },
			})
			.then((r) => {
				const slots = (r.message.slots || []).filter((slot) => slot.open && slot.left > 0);
				frm.set_df_property(
					"slot_start",
					"options",
					[""].concat(slots.map((slot) => ({ value: slot.start, label: __("{0}—{1} ({2} places left)", [slot.start, slot.end, slot.left]) })))
				);
				if (!slots.length) frappe.show_alert({ message: __("No slots left on this day."), indicator: "orange" });
			});
	},
});
