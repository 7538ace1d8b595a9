// 三亮三评 result: computed by the round. The centre's supervisor gives the leader's review (领导点评).
frappe.ui.form.on("GS Evaluation Result", {
	refresh(frm) {
		frm.disable_save();
		if (frm.doc.confirmed_title) {
			frm.set_intro(__("Title confirmed: {0}", [__(frm.doc.confirmed_title)]), "green");
		} else if (frm.doc.proposed_title && !frm.doc.title_declined) {
			frm.set_intro(__("Proposed: {0}", [__(frm.doc.proposed_title)]), "blue");
		}
		const leader = frappe.user.has_role([
			"GS Supervisor",
			"GS Supervisory Officer",
			"GS Administrator",
			"System Manager",
		]);
		if (!leader || frm.doc.result_type !== "Agent" || frm.doc.agent_user === frappe.session.user)
			return;
		frappe.db.get_value("GS Evaluation Round", frm.doc.round, "status").then(({ message }) => {
			if (!message || message.status === "Confirmed") return;
			frm.add_custom_button(__("Leader's Review"), () =>
				frappe.prompt(
					[
						{
							fieldname: "score",
							fieldtype: "Int",
							label: __("Leader's Evaluation"),
							description: __("0 to 100"),
							reqd: 1,
							default: frm.doc.reviewed_by ? frm.doc.leader_score : undefined,
						},
						{
							fieldname: "comment",
							fieldtype: "Small Text",
							label: __("Leader's Comment"),
							reqd: 1,
							default: frm.doc.leader_comment,
						},
					],
					(values) =>
						frappe
							.call({
								method: "govservice.supervision.evaluations.record_leader_review",
								args: { result: frm.doc.name, ...values },
							})
							.then(() => {
								frappe.show_alert({ message: __("Review saved"), indicator: "green" });
								frm.reload_doc();
							}),
					__("Leader's Review"),
					__("Save")
				)
			);
		});
	},
});
