// The key project's form: the liaison agent applies a plan template and accepts each stage; the team or the
// approving department records each approval; the plan's dates are shown at the top.

frappe.ui.form.on("GS Key Project", {
	setup(frm) {
		frm.set_query("liaison_agent", () => ({ filters: { is_active: 1 } }));
		frm.set_query("plan_template", () => ({ filters: { project_type: frm.doc.project_type } }));
	},

	onload(frm) {
		if (frm.is_new() && !frm.doc.liaison_agent) {
			frappe.db
				.get_value("GS Agent", { user: frappe.session.user, is_active: 1 }, ["name", "service_centre"])
				.then(({ message }) => {
					if (message && message.name) {
						frm.set_value("service_centre", message.service_centre);
						frm.set_value("liaison_agent", message.name);
					}
				});
		}
	},

	refresh(frm) {
		if (frm.is_new()) return;
		show_plan(frm);
		const can_write = frm.perm[0] && frm.perm[0].write;
		if (can_write && !frm.doc.accepted_on) {
			frm.add_custom_button(__("Apply Plan Template"), () => apply_template(frm));
		}
		if (can_write && frm.doc.status !== "Completed" && next_stage(frm)) {
			frm.add_custom_button(__("Accept Stage"), () =>
				act(frm, "accept_stage", {}).then(() =>
					frappe.show_alert({ message: __("Stage accepted"), indicator: "green" })
				)
			);
		}
		if ((frm.doc.approvals || []).some((row) => row.approval_status === "In Progress")) {
			frm.add_custom_button(__("Record Approval"), () => record_approval(frm));
		}
	},
});

function act(frm, method, args) {
	return frm.call(method, args).then(() => frm.reload_doc());
}

function next_stage(frm) {
	return (frm.doc.stages || []).find((row) => row.stage_status === "Not Started");
}

function show_plan(frm) {
	if (!frm.doc.planned_finish) return;
	const finish = frappe.datetime.str_to_user(frm.doc.planned_finish);
	const text = __("Planned completion {0}: {1} working days, against {2} one after another", [
		finish,
		frm.doc.planned_working_days,
		frm.doc.serial_working_days,
	]);
	frm.dashboard.set_headline_alert(text, "blue");
}

function apply_template(frm) {
	// the project type's template is proposed when there is just one
	frappe.db
		.get_list("GS Project Plan Template", { filters: { project_type: frm.doc.project_type }, limit: 2 })
		.then((templates) => {
			const proposed = frm.doc.plan_template || (templates.length === 1 ? templates[0].name : undefined);
			frappe.prompt(
				[
					{
						fieldname: "template",
						fieldtype: "Link",
						options: "GS Project Plan Template",
						label: __("Plan Template"),
						reqd: 1,
						default: proposed,
						get_query: () => ({ filters: { project_type: frm.doc.project_type } }),
					},
				],
				(values) => act(frm, "apply_template", values),
				__("Apply Plan Template"),
				__("Apply")
			);
		});
}

function record_approval(frm) {
	const open = (frm.doc.approvals || [])
		.filter((row) => row.approval_status === "In Progress")
		.map((row) => ({ value: row.name, label: `${row.stage_name} · ${row.item_name}` }));
	frappe.prompt(
		[
			{
				fieldname: "approval",
				fieldtype: "Select",
				label: __("Approval"),
				options: open,
				default: open[0].value,
				reqd: 1,
			},
			{ fieldname: "approval_number", fieldtype: "Data", label: __("Approval Document No.") },
			{
				fieldname: "approved_on",
				fieldtype: "Date",
				label: __("Approved On"),
				default: frappe.datetime.get_today(),
				reqd: 1,
			},
		],
		(values) =>
			act(frm, "record_approval", values).then(() =>
				frappe.show_alert({ message: __("Approval recorded"), indicator: "green" })
			),
		__("Record Approval"),
		__("Save")
	);
}
