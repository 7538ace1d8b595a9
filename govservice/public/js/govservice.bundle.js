frappe.provide("govservice");

// Filters shared by the channel lists (代办 / 上门办 / 一网通办 / 一事联办事项清单).
govservice.catalogue_list_filters = () => [
	{
		fieldname: "level",
		label: __("Level"),
		fieldtype: "Select",
		options: [
			"",
			{ value: "County", label: __("County") },
			{ value: "Township", label: __("Township") },
			{ value: "Village", label: __("Village") },
		],
	},
	{
		fieldname: "department",
		label: __("Serving Department"),
		fieldtype: "Link",
		options: "Department",
	},
];

// Filters shared by the 办不成事 ledgers and weekly summary: one week by default.
govservice.complaint_week_filters = () => [
	{
		fieldname: "from_date",
		label: __("From"),
		fieldtype: "Date",
		default: frappe.datetime.add_days(frappe.datetime.get_today(), -6),
		reqd: 1,
	},
	{ fieldname: "to_date", label: __("To"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
	{ fieldname: "department", label: __("Department"), fieldtype: "Link", options: "Department" },
];

// A report's "email it to me" button: the reader turns their own Auto Email Report of the report on or off
// (govservice.report_mail). `get` and `set` are the report's whitelisted methods; the texts its own.
govservice.add_report_mail_button = (report, { label, get, set, check_label, on, off }) => {
	report.page.add_inner_button(label, () =>
		frappe.call(get).then(({ message }) =>
			frappe.prompt(
				[{ fieldname: "enabled", fieldtype: "Check", label: check_label, default: message.enabled ? 1 : 0 }],
				(values) =>
					frappe.call({ method: set, args: { enabled: values.enabled } }).then(({ message: result }) =>
						frappe.show_alert({ message: result.enabled ? on : off, indicator: "green" })
					),
				label,
				__("Save")
			)
		)
	);
};

// China's working-day calendar (holidays and 调休 make-up days), sent by govservice.boot.
govservice.calendar = {
	non_working() {
		if (!this._off) {
			const calendar = frappe.boot.govservice_calendar || { non_working_days: [] };
			this._off = new Set(calendar.non_working_days);
		}
		return this._off;
	},
	is_provisional(date) {
		const calendar = frappe.boot.govservice_calendar;
		return Boolean(date && calendar && (calendar.provisional_years || []).includes(Number(date.slice(0, 4))));
	},
	in_range(date) {
		const calendar = frappe.boot.govservice_calendar;
		return calendar && date >= calendar.start && date <= calendar.end;
	},
	// Working days after `from` up to and including `to` (negative when `to` is before `from`).
	working_days_between(from, to) {
		if (!this.in_range(from) || !this.in_range(to)) return null;
		const off = this.non_working();
		const sign = to >= from ? 1 : -1;
		let [start, end] = sign > 0 ? [from, to] : [to, from];
		let count = 0;
		let day = frappe.datetime.add_days(start, 1);
		while (day <= end) {
			if (!off.has(day)) count += 1;
			day = frappe.datetime.add_days(day, 1);
		}
		return sign * count;
	},
};

// What a case's deadline means today: days left, due today or overdue (for the form and the list).
govservice.deadline_status = (deadline, stage, is_paused) => {
	if (!deadline || !["Accepted", "In Progress"].includes(stage)) return null;
	const today = frappe.datetime.get_today();
	if (is_paused) return { label: __("Clock paused: waiting for materials"), color: "orange", days: null };
	const days = govservice.calendar.working_days_between(today, deadline);
	if (deadline < today) {
		const label = days === null ? __("Overdue") : __("Overdue by {0} working days", [Math.abs(days)]);
		return { label, color: "red", days };
	}
	const status =
		deadline === today
			? { label: __("Due today"), color: "orange", days: 0 }
			: days === null
			? { label: __("Due {0}", [frappe.datetime.str_to_user(deadline)]), color: "blue", days }
			: { label: __("{0} working days left", [days]), color: days <= 1 ? "orange" : "green", days };
	if (govservice.calendar.is_provisional(deadline)) {
		// the year's official arrangement of holidays is not out yet: the date may still move
		status.label += " " + __("(provisional)");
		status.provisional = true;
	}
	return status;
};

govservice.is_window_staff = () =>
	frappe.user.has_role(["GS Window Officer", "GS Supervisory Officer", "GS Administrator", "System Manager"]);

// Field labels where the desk prints them untranslated (the change history of child-table rows reads
// "第1行Task Status从…"): labels through frappe.meta.get_label come back in the user's language.
{
	const get_label = frappe.meta.get_label;
	frappe.meta.get_label = function (doctype, fieldname, name) {
		const label = get_label.call(this, doctype, fieldname, name);
		return label ? __(label, null, doctype) : label;
	};
}

// A system notification (the desk's bell) can go to the users a document names, such as a case's agent,
// B post or centre supervisor: Frappe's form offers document fields as recipients for e-mail only.
{
	const offer_user_fields = (frm) => {
		if (frm.doc.channel !== "System Notification" || !frm.doc.document_type) return;
		frappe.model.with_doctype(frm.doc.document_type, () => {
			// after the Notification form's own handler, which sets the e-mail options
			setTimeout(() => {
				const users = frappe
					.get_meta(frm.doc.document_type)
					.fields.filter((df) => df.fieldtype === "Link" && df.options === "User")
					.map((df) => ({ value: df.fieldname, label: `${df.fieldname} (${__(df.label)})` }));
				frm.fields_dict.recipients.grid.update_docfield_property(
					"receiver_by_document_field",
					"options",
					["", "owner", ...users]
				);
			}, 0);
		});
	};
	frappe.ui.form.on("Notification", {
		refresh: offer_user_fields,
		document_type: offer_user_fields,
		channel: offer_user_fields,
	});
}

// One of the app's print formats of the form's document as a PDF (govservice.api.printing.download_pdf).
govservice.open_pdf = (frm, print_format) => {
	const query = new URLSearchParams({ doctype: frm.doctype, name: frm.doc.name, print_format });
	window.open(`/api/method/govservice.api.printing.download_pdf?${query}`);
};

// A title link (GS Service Item shows its name, not its code) redrawn inside a child row's form shows the
// title without remembering which record it stands for: on leaving the field Frappe then looked the title
// up as a record name, found none and emptied the field (an item picked for a collected request vanished
// when the agent went on to the phone number). The title of the field's own value means that value.
frappe.ui.form.ControlLink.prototype.get_input_value = (function (get_input_value) {
	return function () {
		const value = get_input_value.call(this);
		if (value && this.value && value !== this.value && this.is_title_link && this.is_title_link()) {
			const title = frappe.utils.get_link_title(this.get_options(), this.value);
			if (title && value === this.get_translated(title)) return this.value;
		}
		return value;
	};
})(frappe.ui.form.ControlLink.prototype.get_input_value);

// A field at a permission level the user cannot read (the full ID number for a supervisor) is not on the
// form the user has: it cannot be mandatory there. Frappe's form would still refuse every save of the record
// ("缺少必填字段 居民身份证号码"), although the server keeps the stored value and the same change saves over
// REST. The server checks the record as stored, with every level.
$(document).on("form-refresh", (_event, frm) => {
	if (!frm || !frm.doctype || !frm.doctype.startsWith("GS ")) return;
	for (const df of frm.meta.fields || []) {
		if (!df.permlevel || frappe.perm.has_perm(frm.doctype, df.permlevel, "read", frm.doc)) continue;
		if (df.reqd || df.mandatory_depends_on) {
			frm.set_df_property(df.fieldname, "reqd", 0);
			frm.set_df_property(df.fieldname, "mandatory_depends_on", "");
		}
	}
});

// A number card and the list it opens use one definition: Frappe's card counts with its filters and its
// dynamic filters (overdue: the deadline before today; mine: the agent's own user) but opens the list with
// the fixed filters only, so "逾期件 0" opened every case in handling. The list gets all of them.
$(() => {
	const NumberCard = frappe.widget && frappe.widget.widget_factory && frappe.widget.widget_factory.number_card;
	if (!NumberCard || NumberCard.prototype.govservice_route) return;
	const set_route = NumberCard.prototype.set_route;
	NumberCard.prototype.set_route = function () {
		if (this.card_doc.type !== "Document Type") return set_route.call(this);
		const filters = frappe.dashboard_utils.get_all_filters(this.card_doc) || [];
		frappe.route_options = {};
		for (const [doctype, field, operator, value] of filters) {
			frappe.route_options[`${doctype}.${field}`] = [operator, value];
		}
		frappe.set_route(frappe.utils.generate_route({ name: this.card_doc.document_type, type: "doctype" }));
	};
	NumberCard.prototype.govservice_route = true;
});

// The actions of a form used in the field (a village agent's phone): buttons of the form on a desk, and on a
// phone also a row of visible buttons at the top of the form, where Frappe would put them into its "···" menu
// among a dozen generic entries. `actions`: [{ label, action, primary }].
govservice.field_actions = (frm, actions) => {
	for (const { label, action, primary } of actions) {
		const button = frm.add_custom_button(label, action);
		if (primary) button.addClass("btn-primary");
	}
	frm.layout.wrapper.find(".gs-field-actions").remove();
	if (window.innerWidth >= 768 || !actions.length) return;
	const strip = $('<div class="gs-field-actions"></div>');
	for (const { label, action, primary } of actions) {
		$('<button type="button" class="btn btn-sm"></button>')
			.addClass(primary ? "btn-primary" : "btn-default")
			.text(label)
			.on("click", action)
			.appendTo(strip);
	}
	frm.layout.wrapper.prepend(strip);
};

// The Workflow form as the administrator reads it on a Chinese site: a state's Update Field and Update Value
// are the DocType's field and one of its keys (stage, Accepted); they show as the field's label and the key's
// meaning (阶段, 已受理), the stored values unchanged. Frappe's "Go to GS Case List" names the DocType by its
// code; it names it as people do.
frappe.ui.form.on("Workflow", {
	refresh(frm) {
		const grid = frm.fields_dict.states && frm.fields_dict.states.grid;
		if (grid) {
			grid.update_docfield_property("update_field", "formatter", (value) =>
				value && frm.doc.document_type
					? __(frappe.meta.get_label(frm.doc.document_type, value) || value)
					: value || ""
			);
			grid.update_docfield_property("update_value", "formatter", (value) => (value ? __(value) : ""));
			grid.refresh();
		}
		setTimeout(() => {
			if (!frm.doc.document_type) return;
			const code = __("Go to {0} List", [frm.doc.document_type]);
			frm.page.wrapper
				.find(".page-actions .btn, .custom-actions .btn")
				.filter((_i, button) => $(button).text().trim() === code)
				.text(__("Go to {0} List", [__(frm.doc.document_type)]));
		}, 0);
	},
});

// The Notification form's help in the reader's language, with the app's own examples (Frappe's are English
// prose about orders and customers, written by its own form script after ours: so after it).
{
	const CONDITIONS = 'doc.stage == "Accepted"<br>doc.deadline_date == nowdate()<br>doc.portal_user';
	const MESSAGE =
		"【{{ frappe.db.get_single_value('GS Settings', 'portal_name') }}】{{ doc.applicant_name }}您好，" +
		"您的“{{ doc.item_name }}”已受理，承诺{{ gs_date(doc.deadline_date, 'zh') }}前办结。";
	const explain = (frm) =>
		setTimeout(() => {
			frm.set_df_property(
				"html_7",
				"options",
				`<p><strong>${__("Condition Examples:")}</strong></p><pre>${CONDITIONS}</pre>`
			);
			frm.set_df_property(
				"message_examples",
				"options",
				`<h5>${__("Message Example")}</h5><pre>${frappe.utils.escape_html(MESSAGE)}</pre><p>${__(
					"{0} is a field of the record; {1} writes a date as 2026年12月14日. Restricted fields (full ID numbers) reach a template masked.",
					["<code>doc.fieldname</code>", "<code>gs_date</code>"]
				)}</p>`
			);
			if (frm.is_new() && frm.doc.message === "Add your message here") {
				frm.set_value("message", __("Add your message here"));
			}
		}, 0);
	frappe.ui.form.on("Notification", { refresh: explain, channel: explain });
}

// The site's own running (scheduler, errors, backups, SMS), shown to administrators when the desk starts:
// a stalled scheduler cannot send its own notification (govservice.setup.health).
$(document).on("app_ready", () => {
	const problems = frappe.boot.govservice_health || [];
	// once a browser session: the desk starts again on every full page load
	if (!problems.length || sessionStorage.getItem("govservice-health-shown")) return;
	sessionStorage.setItem("govservice-health-shown", "1");
	const link = frappe.user.has_role("System Manager")
		? `<br><a href="/app/system-health-report">${__("System Health Report")}</a>`
		: "";
	frappe.show_alert(
		{
			message: problems.map((text) => frappe.utils.escape_html(text)).join("<br>") + link,
			indicator: "red",
		},
		10
	);
});
