frappe.query_reports["Joint Handling Item List"] = {
	filters: govservice.catalogue_list_filters(),
};
