// The case form: defaults for the registering agent, the item's materials, the deadline at the top, and a
// button for each action the stage allows (the workflow's own actions are in the Actions menu).

// a file for this record only: private, from this computer (no web link, no switch to public)
const PRIVATE_UPLOAD = { allow_toggle_private: false, allow_web_link: false, allow_google_drive: false };

const INTAKE_STAGES = ["Registered", "Awaiting Materials"];
const OPEN_STAGES = ["Registered", "Awaiting Materials", "Accepted", "In Progress"];

frappe.ui.form.on("GS Case", {
	setup(frm) {
		frm.set_query("agent", () => ({
			filters: { service_centre: frm.doc.service_centre, is_active: 1 },
		}));
	},

	onload(frm) {
		if (frm.is_new() && !frm.doc.agent) {
			// the registering agent: their centre and themselves as first-contact agent (首办负责)
			frappe.db
				.get_value("GS Agent", { user: frappe.session.user, is_active: 1 }, ["name", "service_centre"])
				.then(({ message }) => {
					if (message && message.name) {
						frm.set_value("service_centre", message.service_centre);
						frm.set_value("agent", message.name);
					}
				});
		}
		if (frm.is_new() && !frm.doc.received_on) {
			frm.set_value("received_on", frappe.datetime.now_datetime());
		}
	},

	refresh(frm) {
		show_deadline(frm);
		const can_write = frm.perm[0] && frm.perm[0].write;
		if (frm.doc.stage === "Completed" && can_write) {
			// pickup, EMS or electronic certificate: the applicant is told (applicant notifications)
			frm.add_custom_button(__("Result Ready"), () => announce_result(frm));
		}
		if (!OPEN_STAGES.includes(frm.doc.stage) || !can_write) return;
		if ((frm.doc.materials || []).some((row) => !row.is_received || !row.is_verified)) {
			// the window checks the applicant's papers against the list: one click when all are there
			frm.add_custom_button(__("All Materials Received"), () => {
				for (const row of frm.doc.materials) {
					if (!row.is_received) frappe.model.set_value(row.doctype, row.name, "is_received", 1);
					if (!row.is_verified) frappe.model.set_value(row.doctype, row.name, "is_verified", 1);
				}
				frm.refresh_field("materials");
			});
		}
		if (frm.is_new()) return;
		if (INTAKE_STAGES.includes(frm.doc.stage)) {
			frm.add_custom_button(__("Transfer"), () => transfer(frm));
		}
		frm.add_custom_button(__("Record a Call"), () => record_call(frm));
		if (["Accepted", "In Progress"].includes(frm.doc.stage)) {
			// 前台受理、后台审批: the originals checked, the case goes to the department's back office
			frm.add_custom_button(__("Pass to Back Office"), () => send_to_back_office(frm));
		}
		if (frm.doc.tasks.some((row) => row.task_status !== "Finished")) {
			frm.add_custom_button(__("Department Task Done"), () => complete_task(frm));
		}
		if (frm.perm[2] && frm.perm[2].write) {
			frm.add_custom_button(__("Record a Consultation"), () => record_consultation(frm));
		}
	},

	service_item(frm) {
		if (!frm.doc.service_item || !frm.is_new()) return;
		frappe.db.get_doc("GS Service Item", frm.doc.service_item).then((item) => {
			frm.clear_table("materials");
			for (const material of item.materials || []) {
				frm.add_child("materials", {
					material_name: material.material_name,
					is_required: material.is_required,
					allows_deferred: material.allows_deferred,
				});
			}
			frm.refresh();  // the buttons that depend on the materials
		});
	},

	before_workflow_action(frm) {
		// the details an action needs, asked for when it is taken (and saved before it is applied)
		const ask = {
			Reject: [
				{ fieldname: "not_accepted_reason", fieldtype: "Small Text", label: __("Reason Not Accepted"), reqd: 1 },
			],
			Terminate: [
				{
					fieldname: "terminated_by",
					fieldtype: "Select",
					label: __("Terminated By"),
					options: [
						{ value: "Applicant", label: __("Applicant") },
						{ value: "Cannot Be Completed", label: __("Cannot Be Completed") },
					],
					reqd: 1,
				},
				{ fieldname: "termination_reason", fieldtype: "Small Text", label: __("Termination Reason"), reqd: 1 },
				{ fieldname: "materials_returned", fieldtype: "Check", label: __("Materials Handed Back") },
			],
			"Hand Over and Archive": [
				delivery_field(),
				{ fieldname: "result", fieldtype: "Small Text", label: __("Result") },
			],
		}[frm.selected_workflow_action];
		if (!ask) return;
		frappe.dom.unfreeze();
		// resolved when the details are given; a cancelled dialog leaves the action untaken
		return new Promise((resolve) => {
			const dialog = new frappe.ui.Dialog({
				title: __(frm.selected_workflow_action),
				fields: ask.map((df) => ({ ...df, default: frm.doc[df.fieldname] })),
				primary_action_label: __(frm.selected_workflow_action),
				primary_action(values) {
					dialog.hide();
					// the workflow acts on the stored case: save the details first
					frm.set_value(values)
						.then(() => frm.save())
						.then(() => {
							frappe.dom.freeze();
							resolve();
						});
				},
			});
			dialog.show();
		});
	},
});

function show_deadline(frm) {
	frm.dashboard.clear_headline();
	const status = govservice.deadline_status(frm.doc.deadline_date, frm.doc.stage, frm.doc.is_paused);
	if (status) {
		const deadline = frappe.datetime.str_to_user(frm.doc.deadline_date);
		frm.dashboard.set_headline_alert(`${__("Deadline")} ${deadline} · ${status.label}`, status.color);
	}
}

function act(frm, method, args) {
	return frm.call(method, args).then(() => frm.reload_doc());
}

function transfer(frm) {
	frm.call("transfer_targets").then(({ message }) => {
		if (!message || !message.length) {
			frappe.msgprint(__("No other centre handles this item."));
			return;
		}
		const dialog = new frappe.ui.Dialog({
			title: __("Transfer to Another Centre"),
			fields: [
				{
					fieldname: "target_centre",
					fieldtype: "Select",
					label: __("Transfer To"),
					reqd: 1,
					options: message.map((row) => ({
						value: row.name,
						label: `${row.official_name} (${__(row.level)})`,
					})),
				},
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Transfer Reason"), reqd: 1 },
			],
			primary_action_label: __("Transfer"),
			primary_action(values) {
				dialog.hide();
				act(frm, "transfer", values).then(() =>
					frappe.show_alert({ message: __("Transferred"), indicator: "green" })
				);
			},
		});
		dialog.show();
	});
}

function record_call(frm) {
	frappe.prompt(
		[{ fieldname: "note", fieldtype: "Small Text", label: __("What Was Said"), reqd: 1 }],
		(values) => act(frm, "record_call", values),
		__("Record a Call"),
		__("Save")
	);
}

function delivery_field() {
	return {
		fieldname: "delivery_method",
		fieldtype: "Select",
		label: __("Result Delivery"),
		options: [
			{ value: "Window Pickup", label: __("Window Pickup") },
			{ value: "EMS", label: __("EMS") },
			{ value: "Electronic Certificate", label: __("Electronic Certificate") },
		],
		reqd: 1,
	};
}

function announce_result(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Result Ready"),
		fields: [
			{ ...delivery_field(), default: frm.doc.delivery_method || "Window Pickup" },
			{
				fieldname: "tracking_number",
				fieldtype: "Data",
				label: __("EMS Tracking Number"),
				depends_on: "eval:doc.delivery_method=='EMS'",
				mandatory_depends_on: "eval:doc.delivery_method=='EMS'",
			},
			{
				// 网上出件: the back office's electronic licence is on the case already; otherwise attach it
				fieldname: "electronic_licence",
				fieldtype: "Attach",
				label: __("Electronic Licence"),
				default: frm.doc.electronic_licence,
				depends_on: "eval:doc.delivery_method=='Electronic Certificate'",
				mandatory_depends_on: "eval:doc.delivery_method=='Electronic Certificate'",
				// uploaded onto the case, private
				options: {
					...PRIVATE_UPLOAD,
					doctype: frm.doctype,
					docname: frm.docname,
					fieldname: "electronic_licence",
				},
			},
		],
		primary_action_label: __("Tell the Applicant"),
		primary_action(values) {
			dialog.hide();
			act(frm, "announce_result", values);
		},
	});
	dialog.show();
}

function send_to_back_office(frm) {
	frm.call("back_office_choices").then(({ message }) => {
		const dialog = new frappe.ui.Dialog({
			title: __("Pass to Back Office"),
			fields: [
				{
					fieldname: "department",
					fieldtype: "Select",
					label: __("Department Responsible"),
					options: message.departments,
					default: message.department,
					reqd: 1,
				},
				{
					fieldname: "limit_days",
					fieldtype: "Int",
					label: __("Back Office Time Limit (Working Days)"),
					default: message.limit_days,
					reqd: 1,
				},
				{ fieldname: "note", fieldtype: "Small Text", label: __("Note for the Back Office") },
				{
					fieldname: "waiting",
					fieldtype: "HTML",
					options: message.open.length
						? `<p class="text-muted">${__("With the back office now: {0}", [
								message.open.map((name) => frappe.utils.escape_html(name)).join("、"),
						  ])}</p>`
						: "",
				},
			],
			primary_action_label: __("Pass to Back Office"),
			primary_action(values) {
				dialog.hide();
				act(frm, "send_to_back_office", values).then(() =>
					frappe.show_alert({ message: __("Passed to the back office"), indicator: "green" })
				);
			},
		});
		dialog.show();
	});
}

function complete_task(frm) {
	const open = frm.doc.tasks
		.filter((row) => row.task_status !== "Finished")
		.map((row) => ({ value: row.department, label: row.department_name || row.department }));
	frappe.prompt(
		[
			{
				fieldname: "department",
				fieldtype: "Select",
				label: __("Department"),
				options: open,
				default: open[0].value,
				reqd: 1,
			},
		],
		(values) => act(frm, "complete_task", values),
		__("Department Task Done"),
		__("Mark Done")
	);
}

function record_consultation(frm) {
	frappe.prompt(
		[
			{ fieldname: "meeting_date", fieldtype: "Date", label: __("Meeting Date"), reqd: 1, default: "Today" },
			{ fieldname: "participants", fieldtype: "Small Text", label: __("Participants") },
			{ fieldname: "conclusion", fieldtype: "Small Text", label: __("Conclusion"), reqd: 1 },
		],
		(values) => act(frm, "record_consultation", values),
		__("Record a Consultation"),
		__("Save")
	);
}
