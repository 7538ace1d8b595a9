// The case list shows what an agent acts on: the state, and for cases on the clock the deadline with the
// working days left or how late it is.
frappe.listview_settings["GS Case"] = {
	add_fields: ["status", "stage", "deadline_date", "is_paused", "applicant_name", "item_name"],
	onload(listview) {
		// 首办负责: the cases this agent registered first, wherever they are handled now (sent up included)
		listview.page.add_inner_button(__("Cases I Follow"), () => {
			listview.filter_area.clear(false).then(() => {
				listview.filter_area.add([["GS Case", "agent_user", "=", frappe.session.user]]);
			});
		});
	},
	get_indicator(doc) {
		const deadline = govservice.deadline_status(doc.deadline_date, doc.stage, doc.is_paused);
		if (deadline && deadline.color === "red") {
			return [__("Overdue"), "red", "deadline_date,<,Today"];
		}
		const colors = {
			Registered: "blue",
			"Awaiting Materials": "orange",
			Accepted: "cyan",
			"In Progress": "purple",
			Completed: "green",
			Archived: "gray",
			"Not Accepted": "red",
			Terminated: "gray",
		};
		return [__(doc.status), colors[doc.stage] || "blue", "status,=," + doc.status];
	},
	formatters: {
		deadline_date(value, df, doc) {
			if (!value) return "";
			const deadline = govservice.deadline_status(value, doc.stage, doc.is_paused);
			const date = frappe.datetime.str_to_user(value);
			return deadline
				? `${date} <span class="indicator-pill ${deadline.color} ellipsis">${deadline.label}</span>`
				: date;
		},
	},
};
