frappe.query_reports["Complaint Weekly Summary"] = {
	filters: govservice.complaint_week_filters(),
};
