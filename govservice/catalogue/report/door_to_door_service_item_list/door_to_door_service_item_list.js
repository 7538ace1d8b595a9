frappe.query_reports["Door-to-Door Service Item List"] = {
	filters: govservice.catalogue_list_filters(),
};
