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

// China's working-day calendar (holidays and 调休 make-up days), sent by govservice.boot.
govservice.calendar = {
	non_working() {
		if (!this._off) {
			const calendar = frappe.boot.govservice_calendar || { non_working_days: [] };
			this._off = new Set(calendar.non_working_days);
		}
		return this._off;
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
	if (deadline === today) return { label: __("Due today"), color: "orange", days: 0 };
	if (days === null) return { label: __("Due {0}", [frappe.datetime.str_to_user(deadline)]), color: "blue", days };
	return { label: __("{0} working days left", [days]), color: days <= 1 ? "orange" : "green", days };
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
