import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, date_diff, getdate

from govservice.domain.organisation_rules import continue_rotation, rotate, uncovered_days
from govservice.organisation.calendar import get_work_calendar


class DutyRosterError(frappe.ValidationError):
	pass


class GSDutyRoster(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from govservice.organisation.doctype.gs_duty_roster_entry.gs_duty_roster_entry import (
			GSDutyRosterEntry,
		)

		entries: DF.Table[GSDutyRosterEntry]
		from_date: DF.Date
		level: DF.Literal["County", "Township", "Village"]
		service_centre: DF.Link
		to_date: DF.Date
	# end: auto-generated types
	"""Who is on duty at a centre on each day of a period.

	三办三不出: a village station keeps one agent on duty every working day, so a village roster must
	cover every working day of its period with exactly one agent.
	"""

	def validate(self) -> None:
		self.validate_period()
		self.validate_entries()
		if self.level == "Village":
			self.validate_village_coverage()

	def validate_period(self) -> None:
		if getdate(self.to_date) < getdate(self.from_date):
			frappe.throw(_("The roster cannot end before it starts."), DutyRosterError, title=_("Period"))
		if date_diff(self.to_date, self.from_date) > 366:
			frappe.throw(_("A roster covers at most one year."), DutyRosterError, title=_("Period"))

	def validate_entries(self) -> None:
		agents = {
			a.name: a
			for a in frappe.get_all(
				"GS Agent",
				filters={"name": ["in", list({row.agent for row in self.entries})]},
				fields=["name", "service_centre", "is_active", "agent_name"],
			)
		}
		for row in self.entries:
			agent = agents.get(row.agent)
			if not getdate(self.from_date) <= getdate(row.duty_date) <= getdate(self.to_date):
				frappe.throw(
					_("Row {0}: {1} is outside the roster period.").format(row.idx, row.duty_date),
					DutyRosterError,
				)
			if not agent or agent.service_centre != self.service_centre or not agent.is_active:
				frappe.throw(
					_("Row {0}: {1} is not an active agent of {2}.").format(
						row.idx, row.agent, self.service_centre
					),
					DutyRosterError,
				)

	def validate_village_coverage(self) -> None:
		by_day: dict = {}
		for row in self.entries:
			by_day.setdefault(getdate(row.duty_date), []).append(row.agent)
		doubled = sorted(day for day, agents in by_day.items() if len(agents) > 1)
		if doubled:
			frappe.throw(
				_("A village station has one agent on duty per day; {0} has more than one.").format(
					", ".join(str(d) for d in doubled)
				),
				DutyRosterError,
				title=_("Duty Roster"),
			)
		missing = uncovered_days(self.working_days(), set(by_day))
		if missing:
			frappe.throw(
				_(
					"A village station needs an agent on duty every working day. Nobody is on duty on: {0}"
				).format(", ".join(str(d) for d in missing)),
				DutyRosterError,
				title=_("Duty Roster"),
			)

	def working_days(self) -> list:
		calendar = get_work_calendar()
		days = (
			getdate(add_days(self.from_date, offset))
			for offset in range(date_diff(self.to_date, self.from_date) + 1)
		)
		return [day for day in days if calendar.is_working_day(day)]

	@frappe.whitelist()
	def fill_working_days(self) -> None:
		"""Put the centre's active agents on duty in turn on every uncovered working day of the period,
		carrying on the turn of the centre's previous roster."""
		if not self.is_new():
			self.check_permission("write")
		covered = {getdate(row.duty_date) for row in self.entries}
		agents = frappe.get_all(
			"GS Agent",
			filters={"service_centre": self.service_centre, "is_active": 1},
			order_by="name asc",
			pluck="name",
		)
		if not agents:
			frappe.throw(
				_("{0} has no active agent to put on duty.").format(self.service_centre), DutyRosterError
			)
		last = frappe.db.sql(
			"""select entry.agent from `tabGS Duty Roster Entry` entry
			join `tabGS Duty Roster` roster on roster.name = entry.parent
			where roster.service_centre = %s and entry.duty_date < %s
			order by entry.duty_date desc limit 1""",
			(self.service_centre, self.from_date),
		)
		agents = continue_rotation(agents, last[0][0] if last else None)
		for day, agent in rotate(agents, uncovered_days(self.working_days(), covered)):
			self.append("entries", {"duty_date": day, "agent": agent})
		self.entries.sort(key=lambda row: getdate(row.duty_date))
		for index, row in enumerate(self.entries, start=1):
			row.idx = index
