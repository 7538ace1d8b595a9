// 三亮三评评议: staff score their colleagues (同事互评) while the round is open; the supervisory department
// computes the results and confirms the proposed titles (双争). Nothing here is edited by hand.
frappe.ui.form.on("GS Evaluation Round", {
	refresh(frm) {
		if (frm.is_new()) {
			frm.set_intro(
				__("Open the round once the quarter has begun: every active agent and centre gets a result."),
				"blue"
			);
			return;
		}
		frm.disable_save();
		const intro = {
			"Peer Rating": [__("Open: staff score their colleagues and leaders review their agents."), "blue"],
			Reviewing: [__("Results computed: confirm the proposed titles, or compute again."), "orange"],
			Confirmed: [__("Confirmed: the results and titles do not change."), "green"],
		}[frm.doc.status];
		if (intro) frm.set_intro(...intro);
		frm.add_custom_button(__("Evaluation Results"), () =>
			frappe.set_route("List", "GS Evaluation Result", { round: frm.doc.name })
		);
		if (frm.doc.status === "Peer Rating" && frappe.user.has_role("GS Agent")) {
			frm.add_custom_button(__("Score Colleagues"), () => score_colleagues(frm)).addClass(
				"btn-primary"
			);
		}
		const supervisory = frappe.user.has_role([
			"GS Supervisory Officer",
			"GS Administrator",
			"System Manager",
		]);
		if (!supervisory || frm.doc.status === "Confirmed") return;
		frm.add_custom_button(__("Compute Results"), () =>
			frappe
				.call({
					method: "govservice.supervision.evaluations.compute_round",
					args: { round_name: frm.doc.name },
					freeze: true,
				})
				.then(({ message }) => {
					frappe.show_alert({
						message: __("{0} staff evaluated; {1} model agents and {2} windows proposed", [
							message.agents,
							message.models,
							message.windows,
						]),
						indicator: "green",
					});
					frm.reload_doc();
				})
		);
		if (frm.doc.status === "Reviewing") {
			frm.add_custom_button(__("Confirm Titles"), () => confirm_titles(frm)).addClass(
				"btn-primary"
			);
		}
	},
});

function score_colleagues(frm) {
	frappe
		.call({
			method: "govservice.supervision.evaluations.colleagues",
			args: { round_name: frm.doc.name },
		})
		.then(({ message }) => {
			const open = (message || []).filter((c) => !c.rated);
			if (!open.length) {
				frappe.msgprint(__("You have scored every colleague of your centre in this round."));
				return;
			}
			const dialog = new frappe.ui.Dialog({
				title: __("Score Colleagues"),
				fields: [
					{
						fieldtype: "HTML",
						options: `<p class="text-muted">${__(
							"Each colleague is scored once, 0 to 100. Nobody sees who gave which score; a colleague's average counts only from {0} scores on.",
							[frm.doc.min_peer_raters]
						)}</p>`,
					},
					...open.map((c) => ({
						fieldtype: "Int",
						fieldname: c.agent.replace(/[^A-Za-z0-9_]/g, "_"),
						label: `${frappe.utils.escape_html(c.agent_name)} · ${__(c.post || "")}`,
					})),
				],
				primary_action_label: __("Submit Scores"),
				primary_action(values) {
					const ratings = open
						.map((c) => ({
							agent: c.agent,
							score: values[c.agent.replace(/[^A-Za-z0-9_]/g, "_")],
						}))
						.filter((r) => r.score !== undefined && r.score !== null && r.score !== "");
					if (!ratings.length) {
						frappe.msgprint(__("Give at least one colleague a score."));
						return;
					}
					frappe
						.call({
							method: "govservice.supervision.evaluations.submit_peer_ratings",
							args: { round_name: frm.doc.name, ratings },
						})
						.then(({ message }) => {
							dialog.hide();
							frappe.show_alert({
								message: __("{0} scores given", [message]),
								indicator: "green",
							});
							frm.reload_doc();
						});
				},
			});
			dialog.show();
		});
}

function confirm_titles(frm) {
	frappe
		.call({
			method: "govservice.supervision.evaluations.proposals",
			args: { round_name: frm.doc.name },
		})
		.then(({ message }) => {
			const proposed = message || [];
			const fields = proposed.length
				? proposed.map((p, i) => ({
						fieldtype: "Check",
						fieldname: `p${i}`,
						default: 1,
						label: `${__(p.proposed_title)}：${frappe.utils.escape_html(
							p.agent_name
						)}（${__("Total Score")} ${p.total_score}）`,
				  }))
				: [{ fieldtype: "HTML", options: `<p>${__("Nobody is proposed in this round.")}</p>` }];
			const dialog = new frappe.ui.Dialog({
				title: __("Confirm Titles"),
				fields: [
					{
						fieldtype: "HTML",
						options: `<p class="text-muted">${__(
							"Untick a proposal to decline it. Once confirmed, the round does not change."
						)}</p>`,
					},
					...fields,
				],
				primary_action_label: __("Confirm"),
				primary_action(values) {
					const declined = proposed.filter((p, i) => !values[`p${i}`]).map((p) => p.name);
					frappe
						.call({
							method: "govservice.supervision.evaluations.confirm_round",
							args: { round_name: frm.doc.name, declined },
						})
						.then(({ message }) => {
							dialog.hide();
							frappe.show_alert({
								message: __("{0} titles confirmed", [message]),
								indicator: "green",
							});
							frm.reload_doc();
						});
				},
			});
			dialog.show();
		});
}
