"""预约: a slot at a centre for a category, on a working day of China's calendar, booked on the portal (the
account holder) or by the hotline seat (a caller's name and mobile). A slot's capacity comes from the windows
serving the category and the administrator's share (govservice.domain.hall_rules.slot_capacity); the place
is taken by one conditional UPDATE of the slot's row, so a slot is never overbooked however many book at
once. Booking, cancelling and rescheduling are texted; the day before, a reminder. An appointment not
checked in by its slot's end (and the grace) is a no-show; too many bar booking for a while. Checking in at
the hall (the code on the phone) gives a ticket that is called at the slot's time before the queue."""

import hashlib
import secrets

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import add_days, cint, getdate, now_datetime, nowdate

from govservice.domain import hall_rules
from govservice.service_hall.categories import centre_categories, exact_centre
from govservice.service_hall.tickets import HallError, issue_ticket, tickets_per_hour
from govservice.utils import transaction_lock

APPOINTMENT = "GS Appointment"
SLOT = "GS Appointment Slot"
ACTIVE = ("Booked", "Checked In")


class SlotFull(HallError):
	pass


def settings() -> frappe._dict:
	get = frappe.db.get_single_value
	return frappe._dict(
		slot_minutes=cint(get("GS Settings", "appointment_slot_minutes")) or 30,
		share=cint(get("GS Settings", "appointment_share_percent") or 50),
		days_ahead=cint(get("GS Settings", "appointment_days_ahead")) or 7,
		lead=cint(get("GS Settings", "appointment_lead_minutes") or 0),
		grace=cint(get("GS Settings", "no_show_grace_minutes") or 15),
		no_show_limit=cint(get("GS Settings", "no_show_limit") or 0),
		no_show_window=cint(get("GS Settings", "no_show_window_days")) or 90,
		no_show_bar=cint(get("GS Settings", "no_show_bar_days")) or 30,
	)


def day_slots(centre: str, category: str, day) -> list[dict]:
	"""The slots of a day at a centre for a category, each with its capacity and the places left (none on a
	day that is not a working day)."""
	from govservice.organisation.calendar import is_working_day

	day = getdate(day)
	if day < getdate(nowdate()) or not exact_centre(centre):
		return []
	try:
		if not is_working_day(day):
			return []
	except frappe.ValidationError:
		return []  # a year the calendar does not have yet
	row = next((c for c in centre_categories(centre) if c.name == category), None)
	if not row:
		return []
	conf = settings()
	hours = frappe.db.get_value("GS Service Centre", centre, "opening_hours")
	booked = {
		start: cint(count)
		for start, count in frappe.db.sql(
			f"""select slot_start, booked from `tab{SLOT}`
			where service_centre = %s and category = %s and slot_date = %s""",
			(centre, category, day),
		)
	}
	capacity = hall_rules.slot_capacity(row.windows, conf.slot_minutes, row.service_minutes, conf.share)
	now = now_datetime()
	return [
		{
			"start": start,
			"end": end,
			"capacity": capacity,
			"left": max(capacity - booked.get(start, 0), 0),
			"open": hall_rules.bookable(day, start, now, conf.lead, conf.days_ahead),
		}
		for start, end in hall_rules.slots(hall_rules.periods_of(hours), conf.slot_minutes)
	]


@frappe.whitelist(allow_guest=True)
def available_slots(centre: str, category: str, day: str) -> dict:
	"""The booking page's slots (no personal data: capacity and places left)."""
	from govservice.reporting import client_date

	if not all(isinstance(v, str) for v in (centre, category, day)):
		frappe.throw(_("Choose a centre, a category and a day."), HallError)
	when = client_date(day)
	return {"day": str(when) if when else None, "slots": day_slots(centre, category, when) if when else []}


def reserve(doc) -> None:
	"""`before_insert` of an appointment: checks the slot and takes a place in it (or refuses)."""
	conf = settings()
	day = getdate(doc.appointment_date)
	if not exact_centre(doc.service_centre):
		frappe.throw(_("Choose a service centre."), HallError)
	slot = next(
		(s for s in day_slots(doc.service_centre, doc.category, day) if s["start"] == doc.slot_start), None
	)
	if not slot:
		frappe.throw(
			_("Choose one of the slots offered for this centre, category and working day."),
			HallError,
			title=_("Appointment"),
		)
	if not slot["open"]:
		frappe.throw(
			_(
				"This slot can no longer be booked: book at least {0} minutes ahead and no more than {1} days ahead."
			).format(conf.lead, conf.days_ahead),
			HallError,
			title=_("Appointment"),
		)
	check_person(doc, conf)
	key = slot_name(doc.service_centre, doc.category, day, doc.slot_start)
	frappe.db.sql(
		f"""insert ignore into `tab{SLOT}` (name, service_centre, category, slot_date, slot_start, capacity,
			booked, creation, modified, owner, modified_by, docstatus)
		values (%s, %s, %s, %s, %s, %s, 0, %s, %s, 'Administrator', 'Administrator', 0)""",
		(
			key,
			doc.service_centre,
			doc.category,
			day,
			doc.slot_start,
			slot["capacity"],
			now_datetime(),
			now_datetime(),
		),
	)
	frappe.db.sql(
		f"update `tab{SLOT}` set booked = booked + 1, capacity = %s where name = %s and booked < %s",
		(slot["capacity"], key, slot["capacity"]),
	)
	if not frappe.db._cursor.rowcount:
		frappe.throw(
			_("This slot has just been fully booked; choose another."), SlotFull, title=_("Appointment")
		)
	doc.slot = key
	doc.slot_end = slot["end"]
	doc.status = "Booked"
	doc.check_in_code = "".join(secrets.choice("0123456789") for _ in range(8))


def slot_name(centre: str, category: str, day, start: str) -> str:
	return "SLOT-" + hashlib.sha1(f"{centre}|{category}|{day}|{start}".encode()).hexdigest()[:24]


def check_person(doc, conf) -> None:
	"""One active appointment per person per day and category (the one being moved apart); the no-show
	rule."""
	transaction_lock(f"appointment:{doc.mobile}:{getdate(doc.appointment_date)}")
	moved = doc.flags.rescheduled_from.name if doc.flags.rescheduled_from else ""
	same = frappe.db.sql(
		f"""select name from `tab{APPOINTMENT}` where mobile = %s and appointment_date = %s and category = %s
		and status in %s and name not in %s for update""",
		(doc.mobile, getdate(doc.appointment_date), doc.category, ACTIVE, (doc.name or "", moved)),
	)
	if same:
		frappe.throw(
			_("There is already an appointment for this mobile number, day and category."),
			HallError,
			title=_("Appointment"),
		)
	no_shows = frappe.get_all(
		APPOINTMENT,
		filters={
			"mobile": doc.mobile,
			"status": "No-show",
			"appointment_date": [">", add_days(nowdate(), -conf.no_show_window)],
		},
		pluck="appointment_date",
	)
	until = hall_rules.barred_until(
		[getdate(d) for d in no_shows],
		getdate(nowdate()),
		conf.no_show_limit,
		conf.no_show_window,
		conf.no_show_bar,
	)
	if until:
		frappe.throw(
			_(
				"Appointments missed {0} times: booking opens again on {1}. You may still take a number at the hall."
			).format(len(no_shows), frappe.utils.formatdate(until)),
			HallError,
			title=_("Appointment"),
		)


def release(doc) -> None:
	if doc.slot:
		frappe.db.sql(f"update `tab{SLOT}` set booked = greatest(booked - 1, 0) where name = %s", doc.slot)


def may_change(doc) -> bool:
	"""The account that booked it, the hotline seats and administrators."""
	user = frappe.session.user
	if doc.portal_user and doc.portal_user == user:
		return True
	return bool({"GS Hotline Seat", "GS Administrator", "System Manager"} & set(frappe.get_roles(user)))


def appointment_for_change(name) -> "frappe.model.document.Document":
	"""The appointment, locked until the change commits (a cancel sent twice at once is refused the second
	time instead of giving its place back twice)."""
	if not isinstance(name, str) or not frappe.db.exists(APPOINTMENT, name):
		frappe.throw(_("This appointment is not yours to change."), frappe.PermissionError)
	frappe.db.sql(f"select name from `tab{APPOINTMENT}` where name = %s for update", name)
	doc = frappe.get_doc(APPOINTMENT, name)
	if not may_change(doc):
		frappe.throw(_("This appointment is not yours to change."), frappe.PermissionError)
	if doc.status != "Booked":
		frappe.throw(_("Only a booked appointment can be cancelled or changed."), HallError)
	return doc


def changes_per_hour() -> int:
	"""Bookings and changes per address and hour (a hotline office books from one address)."""
	return 120


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=changes_per_hour, seconds=60 * 60)
def cancel(name: str) -> dict:
	"""取消预约: the place goes back to the slot; the cancellation is texted (its Notification)."""
	doc = appointment_for_change(name)
	set_status(doc, "Cancelled")
	release(doc)
	return {"status": "Cancelled"}


def set_status(doc, status: str, **values) -> None:
	"""A status the app's actions set: saved (its history kept, its texts sent), after their own checks."""
	doc.update({"status": status, **values})
	if status == "Cancelled":
		doc.cancelled_at = now_datetime()
	doc.flags.ignore_permissions = True
	try:
		doc.save()
	finally:
		doc.flags.ignore_permissions = False


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=changes_per_hour, seconds=60 * 60)
def reschedule(name: str, day: str, slot_start: str) -> dict:
	"""改约: the new slot is booked first; only then is the old one cancelled."""
	old = appointment_for_change(name)
	new = frappe.get_doc(
		{
			"doctype": APPOINTMENT,
			"applicant_name": old.applicant_name,
			"mobile": old.mobile,
			"portal_user": old.portal_user,
			"service_centre": old.service_centre,
			"category": old.category,
			"appointment_date": day,
			"slot_start": slot_start,
		}
	)
	new.flags.rescheduled_from = old
	new.insert(ignore_permissions=True)
	set_status(old, "Cancelled", rescheduled_to=new.name)
	release(old)
	return {"name": new.name}


def book(values: dict, via: str) -> "frappe.model.document.Document":
	"""An appointment from the portal (the account holder) or the hotline seat."""
	doc = frappe.get_doc({"doctype": APPOINTMENT, **values})
	doc.flags.booked_via = via
	doc.insert(ignore_permissions=via == "Portal")
	return doc


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=changes_per_hour, seconds=60 * 60)
def book_on_portal(centre: str, category: str, day: str, slot_start: str) -> dict:
	"""预约 on the portal: in the account holder's name and mobile, whatever the form sends."""
	from govservice.citizen_portal.utils import is_portal_user

	user = frappe.session.user
	if user == "Guest" or not is_portal_user(user):
		frappe.throw(_("Log in to the portal to book."), frappe.PermissionError)
	profile = (
		frappe.db.get_value("GS Portal Profile", {"user": user}, ["full_name", "phone"], as_dict=True)
		or frappe._dict()
	)
	mobile = profile.phone or frappe.db.get_value("User", user, "mobile_no")
	name = profile.full_name or frappe.db.get_value("User", user, "full_name")
	if not mobile:
		frappe.throw(_("Add your mobile number to your account first."), HallError)
	doc = book(
		{
			"applicant_name": name,
			"mobile": mobile,
			"service_centre": centre,
			"category": category,
			"appointment_date": day,
			"slot_start": slot_start,
			"portal_user": user,
		},
		"Portal",
	)
	return portal_view(doc)


def portal_view(doc) -> dict:
	return {
		"name": doc.name,
		"centre": frappe.db.get_value("GS Service Centre", doc.service_centre, "official_name"),
		"category": doc.category,
		"day": str(doc.appointment_date),
		"start": doc.slot_start,
		"end": doc.slot_end,
		"status": doc.status,
		"status_label": _(doc.status),
		"code": doc.check_in_code if doc.status == "Booked" else None,
	}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=tickets_per_hour, seconds=60 * 60)
def check_in(centre: str, code: str) -> dict:
	"""签到 at the hall's kiosk with the appointment's code: a ticket (its number and the key that follows
	it) called at the slot's time before the queue. On the day only, at the booked centre. Limited like
	taking a number (the kiosk checks in every booked visitor from one address); guessing a code is one in
	10⁸ per try against the day's appointments of one centre."""
	code = frappe.utils.cstr(code).strip() if isinstance(code, str) else ""
	if not isinstance(centre, str) or not code.isdigit() or not code.isascii() or len(code) != 8:
		frappe.throw(_("Enter the 8-digit code of your appointment."), HallError)
	# found without a lock (a locking lookup walked the index of `modified` and deadlocked with the other
	# check-ins), then claimed with one conditional UPDATE: a code checks in once
	name = (
		frappe.db.get_value(
			APPOINTMENT,
			{
				"service_centre": centre,
				"check_in_code": code,
				"appointment_date": nowdate(),
				"status": "Booked",
			},
			"name",
		)
		if exact_centre(centre)
		else None
	)
	if name:
		frappe.db.sql(
			f"""update `tab{APPOINTMENT}` set status = 'Checked In', checked_in_at = %s, modified = %s
			where name = %s and status = 'Booked'""",
			(now_datetime(), now_datetime(), name),
		)
		if not frappe.db._cursor.rowcount:
			name = None
	if not name:
		frappe.throw(_("No appointment today at this centre has this code."), HallError)
	doc = frappe.get_doc(APPOINTMENT, name)
	ticket, key = issue_ticket(
		doc.service_centre,
		doc.category,
		"Appointment",
		appointment=doc.name,
		slot_start_at=hall_rules.slot_datetime(getdate(doc.appointment_date), doc.slot_start),
	)
	frappe.db.set_value(APPOINTMENT, doc.name, "ticket", ticket.name, update_modified=False)
	from govservice.service_hall.tickets import ticket_view

	return {**ticket_view(ticket), "key": key, "slot": f"{doc.slot_start}—{doc.slot_end}"}


def mark_no_shows() -> int:
	"""Hourly: a booked appointment whose slot ended (with the grace) without check-in is a no-show."""
	conf = settings()
	now = now_datetime()
	marked = 0
	for row in frappe.get_all(
		APPOINTMENT,
		filters={"status": "Booked", "appointment_date": ["<=", nowdate()]},
		fields=["name", "appointment_date", "slot_end"],
	):
		if hall_rules.valid_slot(row.slot_end) and hall_rules.is_no_show(
			getdate(row.appointment_date), row.slot_end, now, conf.grace
		):
			frappe.db.set_value(APPOINTMENT, row.name, "status", "No-show")
			marked += 1
	return marked
