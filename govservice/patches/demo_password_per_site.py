"""Demo users of a site loaded before the demo password was made per site get that site's own password (the
old one was written in the repository, and anyone who read it could log in to a reachable demo site)."""

import frappe
from frappe.utils.password import update_password


def execute() -> None:
	users = frappe.get_all("User", filters={"name": ["like", "%@demo.govservice.localhost"]}, pluck="name")
	if not users or frappe.conf.get("govservice_demo_password"):
		return
	from govservice.setup.demo import demo_password

	password = demo_password()
	for user in users:
		update_password(user, password)
