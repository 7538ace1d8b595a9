frappe.listview_settings["GS Back Office Task"] = {
	add_fields: ["status", "due_date"],
	get_indicator(doc) {
		if (doc.status === "With Back Office") {
			const late = doc.due_date && doc.due_date < frappe.datetime.get_today();
			return [late ? __("Overdue") : __("With Back Office"), late ? "red" : "orange", "status,=,With Back Office"];
		}
		return [__(doc.status), doc.status === "Result Returned" ? "green" : "gray", `status,=,${doc.status}`];
	},
};
