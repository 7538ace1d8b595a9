// 综合考核: the supervisory department records the stationed staff's two scores, computes the ranking from
// the quarter's records with the administrator's indicators, and publishes it.
frappe.ui.form.on("GS Township Assessment", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.status === "Published") {
			frm.disable_save();
			frm.set_intro(__("Published: the assessment does not change."), "green");
		} else {
			frm.set_intro(
				__("Draft: record the stationed staff's scores, then compute the ranking (again whenever the records change)."),
				"blue"
			);
		}
		frm.add_custom_button(__("Assessment Report"), () =>
			frappe.set_route("query-report", "Township Assessment", { assessment: frm.doc.name })
		);
		const supervisory = frappe.user.has_role([
			"GS Supervisory Officer",
			"GS Administrator",
			"System Manager",
		]);
		if (!supervisory || frm.doc.status !== "Draft") return;
		const call = (method, done) =>
			(frm.is_dirty() ? frm.save() : Promise.resolve()).then(() =>
				frappe
					.call({ method, args: { name: frm.doc.name }, freeze: true })
					.then(({ message }) => {
						done(message);
						frm.reload_doc();
					})
			);
		frm.add_custom_button(__("Compute the Ranking"), () =>
			call("govservice.supervision.assessments.compute_assessment", (count) =>
				frappe.show_alert({
					message: __("{0} townships assessed", [count]),
					indicator: "green",
				})
			)
		);
		if (frm.doc.computed_on) {
			frm.add_custom_button(__("Publish the Assessment"), () =>
				frappe.confirm(__("Publish the ranking? A published assessment does not change."), () =>
					call("govservice.supervision.assessments.publish_assessment", () =>
						frappe.show_alert({ message: __("Assessment published."), indicator: "green" })
					)
				)
			).addClass("btn-primary");
		}
	},
});
