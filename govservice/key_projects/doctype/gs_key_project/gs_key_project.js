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
		show_timetable(frm);
		const can_write = frm.perm[0] && frm.perm[0].write;
		if (can_write && !frm.doc.accepted_on) {
			frm.add_custom_button(__("Apply Plan Template"), () => apply_template(frm));
		}
		// 牵头部门: the stages the reader's department leads (the server decides)
		const led = new Set((frm.doc.__onload || {}).led_stages || []);
		const upcoming = next_stage(frm);
		if (
			(can_write || (upcoming && led.has(upcoming.stage_name))) &&
			frm.doc.status !== "Completed" &&
			upcoming
		) {
			frm.add_custom_button(__("Accept Stage"), () =>
				act(frm, "accept_stage", {}).then(() =>
					frappe.show_alert({ message: __("Stage accepted"), indicator: "green" })
				)
			);
		}
		if (can_write && frm.doc.status !== "Completed") {
			frm.add_custom_button(__("Change Liaison Agent"), () => change_liaison(frm));
			const stages = (frm.doc.stages || []).filter((row) => row.stage_status !== "Completed");
			if (stages.length) {
				frm.add_custom_button(__("Pre-Review Stage (容缺预审)"), () => pre_review(frm, stages));
			}
		}
		// only the approvals the reader may act on (the server decides: a department its own)
		const actionable = new Set((frm.doc.__onload || {}).actionable_approvals || []);
		const mine = (frm.doc.approvals || []).filter((row) => actionable.has(row.name));
		const running = mine.filter((row) => row.approval_status === "In Progress" && !row.is_paused);
		const waiting = mine.filter((row) => row.is_paused);
		// the team and the approving departments act on approvals; a reader (the supervisory department)
		// does not
		const acts = can_write || frappe.user.has_role("GS Department Contact");
		// 一次性告知书: each clock stop's written notice to the enterprise, as a PDF
		const stops = frm.doc.approval_pauses || [];
		if (stops.length && frm.perm[0] && frm.perm[0].print) {
			frm.add_custom_button(__("One-Time Notice (PDF)"), () => print_notice(frm, stops));
		}
		// 催办: the lead department (or the team) urges what is still open in its stages
		const urgeable = (frm.doc.approvals || []).filter(
			(row) =>
				["In Progress", "Not Started"].includes(row.approval_status) &&
				(can_write || led.has(row.stage_name))
		);
		if (urgeable.length && (can_write || led.size) && frm.doc.status === "In Approval") {
			frm.add_custom_button(__("Urge (催办)"), () => urge_approval(frm, urgeable));
		}
		if (!acts) return;
		if (running.length) {
			frm.add_custom_button(__("Record Approval"), () => record_approval(frm, running));
			frm.add_custom_button(__("Stop Clock (One-Time Notice)"), () => pause_approval(frm, running));
		}
		if (waiting.length) {
			frm.add_custom_button(__("Materials Arrived"), () => resume_approval(frm, waiting));
		}
		// 告知承诺制: the commitment checked after the approval (事中事后核查)
		const to_verify = mine.filter(
			(row) =>
				row.decision === "Commitment" &&
				row.approval_status === "Approved" &&
				!row.verification_outcome
		);
		if (to_verify.length) {
			frm.add_custom_button(__("Verify Commitment (核查承诺)"), () =>
				verify_commitment(frm, to_verify)
			);
		}
		// 容缺: a material the approval went ahead without has arrived
		const mine_names = new Set(mine.map((row) => row.item_name));
		const deferred = (frm.doc.deferred_items || []).filter(
			(row) => !row.received_on && (can_write || mine_names.has(row.item_name))
		);
		if (deferred.length) {
			frm.add_custom_button(__("Deferred Material Received"), () => receive_deferred(frm, deferred));
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

// a dialog for one of the form's actions: the form reloads and says it is done
function action_dialog(frm, { method, title, fields, done, indicator = "green" }) {
	frappe.prompt(
		fields,
		(values) =>
			act(frm, method, values).then(() => frappe.show_alert({ message: done, indicator })),
		title,
		__("Save")
	);
}

// the plan's row to act on: a Select, whose labels are HTML (the plan's names are escaped)
function row_field(fieldname, label, rows, value, text) {
	const options = rows.map((row) => ({
		value: value(row),
		label: frappe.utils.escape_html(text(row)),
	}));
	return { fieldname, fieldtype: "Select", label, options, default: options[0].value, reqd: 1 };
}

function approval_field(rows) {
	return row_field(
		"approval",
		__("Approval"),
		rows,
		(row) => row.name,
		(row) => `${row.stage_name} · ${row.item_name}`
	);
}

function pre_review(frm, stages) {
	action_dialog(frm, {
		method: "pre_review_stage",
		title: __("Pre-Review Stage (容缺预审)"),
		fields: [
			row_field(
				"stage",
				__("Stage"),
				stages,
				(row) => row.stage_name,
				(row) => row.stage_name
			),
			{
				fieldname: "deferred_materials",
				fieldtype: "Small Text",
				label: __("Materials Deferred at Pre-Review"),
				description: __("What the enterprise may supply later, with its promised date; leave empty when complete"),
			},
		],
		done: __("Stage pre-reviewed"),
	});
}

function change_liaison(frm) {
	action_dialog(frm, {
		method: "change_liaison",
		title: __("Change Liaison Agent"),
		fields: [
			{
				fieldname: "agent",
				fieldtype: "Link",
				options: "GS Agent",
				label: __("New Liaison Agent"),
				reqd: 1,
				get_query: () => ({ filters: { is_active: 1 } }),
			},
			{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
		],
		done: __("Liaison agent changed"),
	});
}

function pause_approval(frm, rows) {
	action_dialog(frm, {
		method: "pause_approval",
		title: __("Stop Clock (One-Time Notice)"),
		fields: [
			approval_field(rows),
			{
				fieldname: "missing_materials",
				fieldtype: "Small Text",
				label: __("Materials Asked For (一次性告知)"),
				reqd: 1,
			},
		],
		done: __("Clock stopped"),
		indicator: "orange",
	});
}

function resume_approval(frm, rows) {
	action_dialog(frm, {
		method: "resume_approval",
		title: __("Materials Arrived"),
		fields: [approval_field(rows)],
		done: __("Clock running again"),
	});
}

function print_notice(frm, stops) {
	frappe.prompt(
		[
			row_field(
				"notice",
				__("One-Time Notice"),
				stops,
				(row) => row.name,
				(row) => `${row.item_name} · ${frappe.datetime.str_to_user(row.paused_on)}`
			),
		],
		(values) =>
			window.open(
				"/api/method/govservice.api.printing.project_notice_pdf?" +
					new URLSearchParams({ project: frm.doc.name, notice: values.notice }).toString()
			),
		__("One-Time Notice (PDF)"),
		__("Open the PDF")
	);
}

function urge_approval(frm, rows) {
	action_dialog(frm, {
		method: "urge_approval",
		title: __("Urge (催办)"),
		fields: [
			approval_field(rows),
			{ fieldname: "note", fieldtype: "Small Text", label: __("What You Ask"), reqd: 1 },
		],
		done: __("The department has been urged"),
	});
}

function verify_commitment(frm, rows) {
	action_dialog(frm, {
		method: "record_verification",
		title: __("Verify Commitment (核查承诺)"),
		fields: [
			approval_field(rows),
			{
				fieldname: "outcome",
				fieldtype: "Select",
				label: __("Verification Outcome"),
				options: [
					{ value: "Commitment Met", label: __("Commitment Met") },
					{ value: "Commitment Not Met", label: __("Commitment Not Met") },
				],
				default: "Commitment Met",
				reqd: 1,
			},
			{
				fieldname: "note",
				fieldtype: "Small Text",
				label: __("Verification Note"),
				mandatory_depends_on: "eval:doc.outcome=='Commitment Not Met'",
			},
		],
		done: __("Commitment verified"),
	});
}

function receive_deferred(frm, rows) {
	action_dialog(frm, {
		method: "receive_deferred",
		title: __("Deferred Material Received"),
		fields: [
			row_field(
				"deferred",
				__("Material"),
				rows,
				(row) => row.name,
				(row) => `${row.item_name} · ${row.material_name}`
			),
		],
		done: __("Material received"),
	});
}

function record_approval(frm, rows) {
	action_dialog(frm, {
		method: "record_approval",
		title: __("Record Approval"),
		fields: [
			approval_field(rows),
			{ fieldname: "approval_number", fieldtype: "Data", label: __("Approval Document No.") },
			{
				fieldname: "approved_on",
				fieldtype: "Date",
				label: __("Approved On"),
				default: frappe.datetime.get_today(),
				reqd: 1,
			},
		],
		done: __("Approval recorded"),
	});
}

// The plan on Frappe's Gantt chart (the library of the desk's Gantt view): each stage and each approval
// from its planned start to its planned (or actual) finish, critical approvals marked. Read-only: a bar
// dragged by mistake snaps back. Names are escaped (the chart writes them as HTML).
const GANTT_LIBS = [
	"assets/frappe/node_modules/frappe-gantt/dist/frappe-gantt.css",
	"assets/frappe/node_modules/frappe-gantt/dist/frappe-gantt.min.js",
];

function timetable_tasks(frm) {
	const esc = frappe.utils.escape_html;
	const tasks = [];
	// 前置事项: an approval's bar hangs from the bars of the approvals it needs (or else from its stage's)
	const by_name = {};
	(frm.doc.approvals || []).forEach((row) => {
		by_name[row.item_name] = by_name[row.item_name] || [];
		by_name[row.item_name].push(`approval-${row.idx}`);
	});
	const needs = (row) =>
		(row.prerequisites || "")
			.split("\n")
			.map((name) => name.trim())
			.filter((name) => name && by_name[name])
			.flatMap((name) => by_name[name]);
	(frm.doc.stages || []).forEach((stage) => {
		const start = stage.opened_on || stage.planned_start;
		const end = stage.completed_on || stage.planned_finish || stage.due_date;
		if (!start || !end) return;
		const rows = (frm.doc.approvals || []).filter((row) => row.stage_name === stage.stage_name);
		const done = rows.filter((row) => row.approval_status === "Approved").length;
		tasks.push({
			id: `stage-${stage.idx}`,
			name: esc(stage.stage_name),
			start,
			end,
			progress: rows.length ? Math.round((100 * done) / rows.length) : 0,
			custom_class: "gs-gantt-stage",
			detail: [__(stage.stage_status), stage.due_date ? __("Due {0}", [frappe.datetime.str_to_user(stage.due_date)]) : ""],
		});
		rows.forEach((row) => {
			const row_start = row.started_on || row.planned_start;
			const row_end = row.approved_on || row.planned_finish || row.due_date;
			if (!row_start || !row_end) return;
			tasks.push({
				id: `approval-${row.idx}`,
				name: esc(row.item_name),
				start: row_start,
				end: row_end,
				progress: row.approval_status === "Approved" ? 100 : 0,
				dependencies: (needs(row).length ? needs(row) : [`stage-${stage.idx}`]).join(","),
				custom_class: row.is_paused
					? "gs-gantt-paused"
					: row.is_critical
					? "gs-gantt-critical"
					: "gs-gantt-approval",
				detail: [
					row.is_paused ? __("Waiting for Materials") : __(row.approval_status),
					row.due_date ? __("Due {0}", [frappe.datetime.str_to_user(row.due_date)]) : "",
					row.is_critical ? __("On the critical path") : "",
				],
			});
		});
	});
	return tasks;
}

function show_timetable(frm) {
	const wrapper = frm.fields_dict.timetable_html && frm.fields_dict.timetable_html.$wrapper;
	if (!wrapper) return;
	const tasks = timetable_tasks(frm);
	if (!tasks.length) {
		wrapper.html(`<p class="text-muted">${__("Apply a plan template to see the timetable.")}</p>`);
		return;
	}
	frappe.require(GANTT_LIBS, () => {
		wrapper.html(
			"<style>.gs-project-gantt .gs-gantt-stage .bar { fill: #5e64ff; }" +
				".gs-project-gantt .gs-gantt-critical .bar { fill: #e24c4c; }" +
				".gs-project-gantt .gs-gantt-paused .bar { fill: #f5a623; }" +
				".gs-project-gantt .handle { display: none; }</style>" +
				'<div class="gs-project-gantt"></div>'
		);
		const last = tasks.map((task) => task.end).sort().pop();
		const days = moment(last).diff(moment(tasks[0].start), "days");
		const by_day = days <= 180;
		const gantt = new Gantt(wrapper.find(".gs-project-gantt")[0], tasks, {
				view_mode: by_day ? "Day" : "Week",
				language: (frappe.boot.lang || "").startsWith("zh") ? "zh" : "en",
				date_format: "YYYY-MM-DD",
				bar_height: 22,
				padding: 14,
				custom_popup_html: (task) =>
					`<div class="details-container"><h5>${task.name}</h5>` +
					`<p>${frappe.datetime.str_to_user(moment(task._start).format("YYYY-MM-DD"))} – ` +
					`${frappe.datetime.str_to_user(moment(task._end).format("YYYY-MM-DD"))}</p>` +
					task.detail.filter(Boolean).map((line) => `<p>${frappe.utils.escape_html(line)}</p>`).join("") +
					"</div>",
				on_date_change: () => setTimeout(() => show_timetable(frm), 0),
				on_progress_change: () => setTimeout(() => show_timetable(frm), 0),
			});
		if (by_day) shade_rest_days(frm, gantt, tasks.length);
		wrapper.append(
			`<p class="text-muted small">${__(
				"Every limit is in working days: the grey columns are days off (weekends and public holidays, with the swapped working days)."
			)}</p>`
		);
	});
}

// 休息日: the calendar's days off, shaded on the chart's day columns (the server sends them: China's
// holidays and swapped working days)
function shade_rest_days(frm, gantt, rows) {
	const rest = (frm.doc.__onload || {}).rest_days || [];
	const options = gantt.options;
	const height = options.header_height + options.padding + (options.bar_height + options.padding) * rows;
	rest.forEach((day) => {
		const hours = moment(day).diff(moment(gantt.gantt_start), "hours");
		if (hours < 0) return;
		const rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
		rect.setAttribute("x", (hours / options.step) * options.column_width);
		rect.setAttribute("y", 0);
		rect.setAttribute("width", options.column_width);
		rect.setAttribute("height", height);
		rect.setAttribute("class", "gs-rest-day");
		rect.setAttribute("data-day", day);
		rect.setAttribute("fill", "#8d99a6");
		rect.setAttribute("fill-opacity", "0.18");
		gantt.layers.grid.appendChild(rect);
	});
}
