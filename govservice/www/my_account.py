import frappe
from frappe import _

from govservice.api.account import PHONE_ONLY_DOMAIN
from govservice.citizen_portal.utils import is_portal_user

no_cache = 1


def get_context(context):
	"""The signed-in citizen's or enterprise's account: who it is (ID masked), the verified mobile number,
	and where to change the password or log out."""
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/portal-login?redirect-to=/my-account"
		raise frappe.Redirect(302)  # depends on who asks: never a permanent (cached) redirect
	if not is_portal_user():
		frappe.local.flags.redirect_location = "/app"
		raise frappe.Redirect(302)  # depends on who asks: never a permanent (cached) redirect
	context.title = _("My Account")
	context.profile = frappe.db.get_value(
		"GS Portal Profile",
		{"user": frappe.session.user},
		[
			"account_type",
			"full_name",
			"id_number_masked",
			"phone",
			"phone_verified_on",
			"enterprise_name",
			"credit_code",
		],
		as_dict=True,
	)
	user = frappe.session.user
	context.email = None if user.endswith("@" + PHONE_ONLY_DOMAIN) else user
