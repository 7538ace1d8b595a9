frappe.query_reports["Online Service Item List"] = {
	filters: govservice.catalogue_list_filters(),
};
