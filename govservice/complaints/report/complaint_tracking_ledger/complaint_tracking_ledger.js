frappe.query_reports["Complaint Tracking Ledger"] = {
	filters: govservice.complaint_week_filters(),
};
