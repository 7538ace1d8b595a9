"""bench commands of govservice."""

import click
from frappe.commands import get_site, pass_context


@click.command("govservice-setup")
@click.option("--demo", is_flag=True, default=False, help="Also load the demo county")
@pass_context
def govservice_setup(context, demo: bool = False) -> None:
	"""Complete ERPNext's setup wizard for China, generate the working-day calendar, optionally load demo data."""
	import frappe

	from govservice.setup.install import ensure_calendar, ensure_roles
	from govservice.setup.site import complete_setup_wizard, reset_scheduler_clock, set_china_formats

	site = get_site(context)
	frappe.init(site)
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		complete_setup_wizard()
		set_china_formats()
		ensure_roles()
		ensure_calendar()
		if demo:
			from govservice.setup.demo import demo_password, load_demo

			load_demo()
		reset_scheduler_clock()
		frappe.db.commit()
		click.secho(f"govservice is set up on {site}", fg="green")
		if demo:
			click.echo(f"demo users' password (site config govservice_demo_password): {demo_password()}")
	finally:
		frappe.destroy()


commands = [govservice_setup]
