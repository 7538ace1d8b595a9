// The 办不成事 register: each step of seed 004 is a button for the role that takes it.
// Window staff dispatch, escalate, inform the reporter and close; the department (its contact, leader in
// charge or the supervisory department) replies to what was dispatched to it.

frappe.ui.form.on("GS Complaint", {
	refresh(frm) {
		if (frm.is_new() || !frm.perm[0] || !frm.perm[0].write) return;
		const doc = frm.doc;
		const window_staff = govservice.is_window_staff();
		show_deadline(frm);
		if (window_staff && doc.status === "Registered" && doc.is_in_scope) {
			frm.add_custom_button(__("Dispatch to the Department"), () => dispatch(frm)).addClass("btn-primary");
		}
		if (window_staff && doc.status === "Dispatched" && doc.escalation_level !== "Supervisory Department") {
			frm.add_custom_button(__("Escalate"), () =>
				frappe.confirm(__("Hand this matter to the next level up?"), () => act(frm, "escalate"))
			);
		}
		if (doc.status === "Dispatched") {
			frm.add_custom_button(__("Reply"), () => reply(frm)).addClass("btn-primary");
		}
		const can_inform = doc.status === "Replied" || (!doc.is_in_scope && doc.status === "Registered");
		if (window_staff && can_inform && !doc.reporter_informed_on) {
			frm.add_custom_button(__("Reporter Informed"), () =>
				frappe.confirm(__("Record that the reporter has been told?"), () => act(frm, "inform_reporter"))
			);
		}
		if (window_staff && doc.reporter_informed_on && doc.status !== "Closed") {
			frm.add_custom_button(__("Close"), () => act(frm, "close")).addClass("btn-primary");
		}
	},
});

function show_deadline(frm) {
	const doc = frm.doc;
	frm.dashboard.clear_headline();
	if (!doc.deadline_date || ["Replied", "Closed"].includes(doc.status)) return;
	const today = frappe.datetime.get_today();
	const days = govservice.calendar.working_days_between(today, doc.deadline_date);
	let label = __("{0} working days left", [days]);
	let color = days <= 1 ? "orange" : "green";
	if (doc.deadline_date < today) {
		label = __("Overdue");
		color = "red";
	} else if (doc.deadline_date === today) {
		label = __("Due today");
		color = "orange";
	}
	const holder = doc.escalation_level ? ` · ${__("Handled At")}: ${__(doc.escalation_level)}` : "";
	const due = frappe.datetime.str_to_user(doc.deadline_date);
	frm.dashboard.set_headline_alert(`${__("Reply Due")} ${due} · ${label}${holder}`, color);
}

function act(frm, method, args) {
	return frm.call(method, args || {}).then(() => frm.reload_doc());
}

function dispatch(frm) {
	if (frm.is_dirty()) {
		frappe.msgprint(__("Save the matter first."));
		return;
	}
	if (!frm.doc.classification || !frm.doc.department) {
		frappe.msgprint(__("Classify the matter and name the department first."));
		return;
	}
	frappe.confirm(__("Send this matter to the department's liaison contact?"), () => act(frm, "dispatch"));
}

function reply(frm) {
	const unsolvable = frm.doc.classification === "Unsolvable";
	const dialog = new frappe.ui.Dialog({
		title: __("Reply to the Reporter"),
		fields: [
			{
				fieldname: "reply",
				fieldtype: "Small Text",
				label: __("Reply"),
				reqd: 1,
				description: __("What the reporter needs: the materials, the window, the person and how to reach them."),
			},
			{
				fieldname: "unsolvable_reasons",
				fieldtype: "Small Text",
				label: __("Why It Cannot Be Solved"),
				reqd: unsolvable ? 1 : 0,
				hidden: unsolvable ? 0 : 1,
			},
		],
		primary_action_label: __("Send Reply"),
		primary_action(values) {
			dialog.hide();
			act(frm, "submit_reply", values);
		},
	});
	dialog.show();
}
