import datetime
import json

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime

from govservice.domain.china_calendar import (
	WEEKEND_DESCRIPTIONS,
	china_non_working_days,
	has_official_arrangement,
)
from govservice.organisation.calendar import holiday_list_name, invalidate_calendar


class GSCalendarYear(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from govservice.organisation.doctype.gs_calendar_adjustment.gs_calendar_adjustment import (
			GSCalendarAdjustment,
		)

		adjustments: DF.Table[GSCalendarAdjustment]
		admins_told: DF.Check
		arrangement_notice: DF.Data | None
		confirmed_by: DF.Link | None
		confirmed_on: DF.Datetime | None
		generated_days: DF.LongText | None
		holiday_list: DF.Link | None
		is_provisional: DF.Check
		last_generated_on: DF.Datetime | None
		makeup_workdays: DF.SmallText | None
		non_working_days: DF.Int
		year: DF.Int
	# end: auto-generated types
	"""One year of China's working-day calendar, written into an ERPNext Holiday List.

	The national calendar (public holidays and 调休 make-up workdays) comes from the `holidays` library;
	local differences are kept as adjustments. Days added to or removed from the Holiday List by hand are
	turned into adjustments the next time the year is generated, and the user is told, so regenerating
	never drops a manual edit silently.

	A year whose official arrangement (the State Council's notice of holidays and 调休 make-up workdays) is
	not in the library and has not been confirmed by an administrator is provisional: its deadlines are shown
	as provisional, the administrators are told what to enter, and confirming the year (after entering the
	notice's days as adjustments, or updating the library) recomputes the open deadlines it moves.
	"""

	def validate(self) -> None:
		if not 2000 <= int(self.year or 0) <= 2100:
			frappe.throw(_("Enter a year between 2000 and 2100."), title=_("Year"))
		self.validate_adjustments()

	def validate_adjustments(self) -> None:
		seen = set()
		for row in self.adjustments:
			day = getdate(row.adjustment_date)
			if day.year != int(self.year):
				frappe.throw(
					_("Row {0}: {1} is not in {2}.").format(row.idx, row.adjustment_date, self.year),
					title=_("Adjustment"),
				)
			if day in seen:
				frappe.throw(_("Row {0}: {1} is adjusted twice.").format(row.idx, row.adjustment_date))
			seen.add(day)

	def on_update(self) -> None:
		self.generate()

	@frappe.whitelist()
	def regenerate(self) -> None:
		"""Rebuild the Holiday List from the national calendar plus the adjustments (GS Administrator)."""
		self.check_permission("write")
		self.save()

	@frappe.whitelist()
	def confirm_arrangement(self, notice: str) -> dict:
		"""The year's arrangement is the official one (GS Administrator): record the notice, generate the year
		again and move every open deadline the final calendar moves, telling each case's agent."""
		from govservice.casework.deadlines import recompute_open_deadlines

		self.check_permission("write")
		notice = (notice or "").strip()
		if not notice:
			frappe.throw(
				_("Enter the State Council's notice this arrangement comes from."), title=_("Confirm")
			)
		self.arrangement_notice = notice
		self.confirmed_on = now_datetime()
		self.confirmed_by = frappe.session.user
		self.save()
		moved = recompute_open_deadlines(
			datetime.date(int(self.year) - 1, 12, 1),
			_("{0} arrangement confirmed ({1})").format(self.year, notice),
		)
		return {"moved": moved}

	def generate(self) -> None:
		carried = self.carry_manual_edits()
		language = calendar_language()
		national = china_non_working_days([int(self.year)], language)
		days = dict(national)
		for row in self.adjustments:
			day = getdate(row.adjustment_date)
			if row.is_working_day:
				days.pop(day, None)
			else:
				days[day] = row.reason
		holiday_list = self.write_holiday_list(days, WEEKEND_DESCRIPTIONS[language])
		makeup = sorted(
			d for d in _all_days(int(self.year)) if d.weekday() >= 5 and d not in national and d not in days
		)
		provisional = not self.confirmed_on and not has_official_arrangement(int(self.year))
		self.db_set(
			{
				"holiday_list": holiday_list,
				"is_provisional": int(provisional),
				"non_working_days": len(days),
				"makeup_workdays": ", ".join(d.isoformat() for d in makeup),
				"last_generated_on": now_datetime(),
				"generated_days": json.dumps(sorted(d.isoformat() for d in days)),
			}
		)
		invalidate_calendar()
		if provisional and not self.admins_told:
			self.tell_administrators()
		if carried:
			frappe.msgprint(
				_(
					"{0} manual change(s) found in the Holiday List were kept as local adjustments: {1}"
				).format(len(carried), ", ".join(carried)),
				title=_("Manual Edits Kept"),
				indicator="orange",
			)

	def tell_administrators(self) -> None:
		"""Once per provisional year: the county's administrators learn what to enter, in the desk."""
		from govservice.casework.reminders import Alerts

		users = {
			row.parent
			for row in frappe.get_all(
				"Has Role", filters={"role": "GS Administrator", "parenttype": "User"}, fields=["parent"]
			)
			if frappe.db.get_value("User", row.parent, "enabled")
		}
		alerts = Alerts(self.doctype)
		alerts.add(
			self.name,
			_(
				"The holidays and make-up workdays of {0} are not official yet: when the State Council's notice is out, enter its days as adjustments in the calendar year {0} (or update the holidays library), then Confirm Arrangement. Deadlines in {0} are shown as provisional until then."
			).format(self.year),
			users,
		)
		alerts.send(now_datetime(), email=False, title="")
		self.db_set("admins_told", 1)

	def carry_manual_edits(self) -> list[str]:
		"""Turn hand edits of the Holiday List since the last generation into adjustments."""
		name = holiday_list_name(int(self.year))
		if not self.generated_days or not frappe.db.exists("Holiday List", name):
			return []
		written = {getdate(d) for d in json.loads(self.generated_days)}
		current = {
			getdate(row.holiday_date): row.description
			for row in frappe.get_all(
				"Holiday",
				filters={"parent": name, "parenttype": "Holiday List"},
				fields=["holiday_date", "description"],
			)
		}
		adjusted = {getdate(row.adjustment_date) for row in self.adjustments}
		edits = [
			(day, 0, current[day] or _("Added in Holiday List")) for day in set(current) - written - adjusted
		]
		edits += [(day, 1, _("Removed in Holiday List")) for day in written - set(current) - adjusted]
		for day, is_working_day, reason in sorted(edits):
			row = self.append(
				"adjustments", {"adjustment_date": day, "is_working_day": is_working_day, "reason": reason}
			)
			row.db_insert()
		return [day.isoformat() for day, _working, _reason in sorted(edits)]

	def write_holiday_list(self, days: dict[datetime.date, str], weekend: str) -> str:
		name = holiday_list_name(int(self.year))
		if frappe.db.exists("Holiday List", name):
			holiday_list = frappe.get_doc("Holiday List", name)
			holiday_list.holidays = []
		else:
			holiday_list = frappe.new_doc("Holiday List")
			holiday_list.holiday_list_name = name
		holiday_list.from_date = datetime.date(int(self.year), 1, 1)
		holiday_list.to_date = datetime.date(int(self.year), 12, 31)
		for day in sorted(days):
			holiday_list.append(
				"holidays",
				{"holiday_date": day, "description": days[day], "weekly_off": int(days[day] == weekend)},
			)
		holiday_list.flags.ignore_permissions = True  # generated on behalf of the user saving the year
		holiday_list.save()
		return holiday_list.name


def calendar_language() -> str:
	"""The language the Holiday Lists are written in: the site's (Chinese on a county's site)."""
	language = frappe.db.get_single_value("System Settings", "language") or "en"
	return "zh_CN" if language.startswith("zh") else "en_US"


def _all_days(year: int):
	day = datetime.date(year, 1, 1)
	while day.year == year:
		yield day
		day += datetime.timedelta(days=1)


def ensure_calendar_years(years: list[int]) -> None:
	"""Create the calendar years that do not exist yet (idempotent; used by install and setup)."""
	for year in years:
		if not frappe.db.exists("GS Calendar Year", year):
			frappe.get_doc({"doctype": "GS Calendar Year", "year": year}).insert(ignore_permissions=True)
