"""Auto Email Report, run as the user it names — so each person subscribes, reads and sends only their own,
to their own address.

Frappe runs an emailed report in the scheduler's session (Administrator) and passes its `user` only to the
report's caching; a script report that reads through the reader's scope (`frappe.get_list`, the app's
permission queries) would mail the whole county's records to a township supervisor. This class runs the
report as that user, and refuses a user who may not read the report.
"""

import frappe
from frappe import _
from frappe.email.doctype.auto_email_report.auto_email_report import AutoEmailReport

from govservice.utils import shown


def subscription_query(user: str | None = None, doctype: str | None = None) -> str:
	"""Auto Email Reports list to their own user only (Administrator: all)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	return f"`tabAuto Email Report`.`user` = {frappe.db.escape(user)}"


def has_subscription_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	"""An emailed report runs as the user it names (its data is theirs): only they, or Administrator, read,
	change, send or download it — not another administrator, who would read through its user's eyes."""
	user = user or frappe.session.user
	return user == "Administrator" or doc.get("user") == user


def own_addresses(user: str) -> set[str]:
	email = frappe.db.get_value("User", user, "email")
	return {user.lower(), (email or "").lower()} - {""}


class ScopedAutoEmailReport(AutoEmailReport):
	def send(self):
		if self.report in PUBLISHED_REPORTS:
			return send_published(self)
		return super().send()

	def validate(self) -> None:
		editor = frappe.session.user
		if editor != "Administrator" and not (frappe.flags.in_install or frappe.flags.in_migrate):
			before = self.get_doc_before_save()
			recipients = {address.lower() for address in (self.email_to or "").split()}
			if (
				self.user != editor
				or (before and before.user != editor)
				or not recipients
				or not recipients <= own_addresses(editor)
			):
				frappe.throw(_("You may only have reports emailed to yourself."), frappe.PermissionError)
		super().validate()
		if not run_as(self.user, lambda: frappe.get_doc("Report", self.report).is_permitted()):
			frappe.throw(
				_("{0} may not read the report {1}.").format(shown(self.user), shown(_(self.report)))
			)

	def get_report_content(self):
		return run_as(self.user, super().get_report_content)


def run_as(user: str, job):
	"""`job()` in `user`'s session; the caller's session (its sid and data) and request restored afterwards,
	since `frappe.set_user` overwrites both."""
	caller = frappe.session.user
	if user == caller:
		return job()
	session, form_dict = frappe.local.session.copy(), frappe.local.form_dict
	frappe.set_user(user)
	try:
		return job()
	finally:
		frappe.set_user(caller)
		frappe.local.session.update(session)
		frappe.local.form_dict = form_dict


# reports mailed as their own designed PDF beside the table, when their period is published rather than on
# the scheduler's day: report → (the period's filter, the module that renders and names it)
PUBLISHED_REPORTS = {"Monthly Service Report": ("month", "govservice.supervision.monthly_report")}


def send_published(self: AutoEmailReport) -> None:
	"""send() of a report in PUBLISHED_REPORTS: only for a period given in `flags.month` (the publication's
	job), with its PDF, rendered as the reader, beside the table."""
	period_filter, module_name = PUBLISHED_REPORTS[self.report]
	if not self.flags.month:
		return  # Frappe's monthly run: the figures are mailed when they are published
	module = frappe.get_module(module_name)
	month = module.month_given(self.flags.month)
	self.filters = {**(frappe.parse_json(self.filters) if self.filters else {}), period_filter: str(month)}
	table = self.get_report_content()
	pdf = run_as(self.user, lambda: module.render(month))
	title = module.file_name(month)
	attachments = [{"fname": f"{title}.pdf", "fcontent": pdf}]
	if table and self.format != "HTML":
		attachments.append({"fname": f"{title}.{self.format.lower()}", "fcontent": table})
	frappe.sendmail(
		recipients=self.email_to.split(),
		subject=title,
		message=_("{0} of {1}, as published, for the centres you may see.").format(
			_(self.report), f"{month:%Y-%m}"
		),
		attachments=attachments,
		reference_doctype=self.doctype,
		reference_name=self.name,
	)
