frappe.query_reports["Proxy Service Item List"] = {
	filters: govservice.catalogue_list_filters(),
};
