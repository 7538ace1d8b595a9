import frappe
from frappe import _
from frappe.utils import add_days, getdate, nowdate

no_cache = 1


def get_context(context):
	"""预约: an account holder books a slot at a centre for a category on a working day, sees their
	appointments with the check-in code, and cancels one (govservice.service_hall.appointments)."""
	from govservice.citizen_portal.utils import is_portal_user
	from govservice.organisation.calendar import is_working_day
	from govservice.service_hall.appointments import APPOINTMENT, portal_view, settings
	from govservice.service_hall.categories import hall_centres

	context.title = _("Book an Appointment")
	user = frappe.session.user
	context.logged_in = user != "Guest" and is_portal_user(user)
	if user == "Guest":
		frappe.local.flags.redirect_location = "/portal-login?redirect-to=/appointments"
		raise frappe.Redirect
	context.centres = hall_centres()
	days = []
	day = getdate(nowdate())
	for _offset in range(settings().days_ahead + 1):
		if is_working_day(day):
			days.append(day)
		day = getdate(add_days(day, 1))
	context.days = [
		(str(d), frappe.utils.formatdate(d, "yyyy-MM-dd") + " " + _(d.strftime("%A"))) for d in days
	]
	context.appointments = (
		[
			portal_view(frappe.get_doc(APPOINTMENT, name))
			for name in frappe.get_all(
				APPOINTMENT,
				filters={"portal_user": user, "appointment_date": [">=", add_days(nowdate(), -30)]},
				order_by="appointment_date desc, slot_start desc",
				pluck="name",
			)
		]
		if context.logged_in
		else []
	)
