"""What the desk needs at start-up (boot_session hook)."""

import frappe


def boot_session(bootinfo) -> None:
	"""China's working-day calendar for the desk's lists and forms (working days left before a deadline),
	as the generated range and its non-working days."""
	if frappe.session.user == "Guest":
		return
	from govservice.setup.health import boot_messages

	bootinfo.govservice_health = boot_messages()
	years = frappe.get_all(
		"GS Calendar Year", fields=["year", "holiday_list", "is_provisional"], order_by="year asc"
	)
	if not years:
		return
	days = frappe.get_all(
		"Holiday",
		filters={"parenttype": "Holiday List", "parent": ["in", [y.holiday_list for y in years]]},
		pluck="holiday_date",
		order_by="holiday_date asc",
	)
	bootinfo.govservice_calendar = {
		"start": f"{years[0].year}-01-01",
		"end": f"{years[-1].year}-12-31",
		"non_working_days": [str(day) for day in days],
		# years without the State Council's official arrangement yet: their deadlines may still move
		"provisional_years": [y.year for y in years if y.is_provisional],
	}
