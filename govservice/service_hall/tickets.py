"""取号: tickets for the hall's queue, taken on the kiosk or a phone (QR code at the door) without an account,
followed on the phone by a key only its taker holds, rated (好差评) once served. The hall screen reads the
numbers being called and how many wait. Nothing here shows personal data: a ticket holds none."""

import hashlib
import secrets

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import cint, now_datetime, nowdate

from govservice.domain.hall_rules import estimated_wait_minutes, ticket_number
from govservice.domain.rating_rules import RATING_LEVELS
from govservice.security.inputs import plain
from govservice.service_hall.categories import centre_categories, exact_centre

TICKET = "GS Queue Ticket"
OPEN = ("In Queue", "Called", "Serving")
HALL_EVENT = "gs_hall_call"  # published to the website room: a number and a window, nothing personal
MAX_COMMENT = 500


class HallError(frappe.ValidationError):
	pass


def tickets_per_hour() -> int:
	return cint(frappe.db.get_single_value("GS Settings", "hall_tickets_per_hour")) or 300


def follow_hash(key: str) -> str:
	return hashlib.sha256(key.encode()).hexdigest()


def next_sequence(centre: str, day: str, prefix: str) -> int:
	"""The day's next number of a category at a centre: one statement that takes the counter row's
	exclusive lock at once (an INSERT IGNORE then UPDATE took a shared lock first, and two kiosks deadlocked
	upgrading it), held until the ticket is committed, so two kiosks never give the same number."""
	key = "GSQ-" + hashlib.sha1(centre.encode()).hexdigest()[:16] + f"-{day}-{prefix}"
	frappe.db.sql(
		"""insert into `tabSeries` (`name`, `current`) values (%s, last_insert_id(1))
		on duplicate key update `current` = last_insert_id(`current` + 1)""",
		key,
	)
	return cint(frappe.db.sql("select last_insert_id()")[0][0])


def category_at(centre: str, category: str) -> frappe._dict:
	if not exact_centre(centre) or not isinstance(category, str):
		frappe.throw(_("Choose a service centre and a category."), HallError)
	for row in centre_categories(centre):
		if row.name == category:
			return row
	frappe.throw(_("This category is not served at this centre."), HallError, title=_("Take a Number"))


def check_open(centre: str) -> None:
	"""Numbers are taken while the hall is open: a working day of China's calendar, within the centre's
	opening hours (from half an hour before); GS Settings may switch the rule off (a 24-hour hall)."""
	from govservice.domain.hall_rules import is_open, periods_of
	from govservice.organisation.calendar import is_working_day

	if not cint(frappe.db.get_single_value("GS Settings", "hall_open_hours_only")):
		return
	now = now_datetime()
	hours = frappe.db.get_value("GS Service Centre", centre, "opening_hours")
	if not is_working_day(now.date()) or not is_open(periods_of(hours), now.time(), early_minutes=30):
		frappe.throw(
			_("The hall is closed now. Numbers are taken on working days during opening hours: {0}").format(
				frappe.utils.escape_html(hours or "")
			),
			HallError,
			title=_("Take a Number"),
		)


def issue_ticket(centre: str, category: str, source: str, appointment=None, slot_start_at=None):
	"""A new ticket (its document) and the key that follows it (shown once to its taker)."""
	row = category_at(centre, category)
	day = nowdate()
	sequence = next_sequence(centre, day, row.prefix)
	key = secrets.token_urlsafe(24)
	ticket = frappe.get_doc(
		{
			"doctype": TICKET,
			"service_centre": centre,
			"category": category,
			"ticket_date": day,
			"sequence": sequence,
			"ticket_no": ticket_number(row.prefix, sequence),
			"source": source,
			"appointment": appointment,
			"slot_start_at": slot_start_at,
			"status": "In Queue",
			"taken_at": now_datetime(),
			"follow_key": follow_hash(key),
		}
	)
	ticket.insert(ignore_permissions=True)
	publish(centre)
	return ticket, key


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=tickets_per_hour, seconds=60 * 60)
def take_ticket(centre: str, category: str, source: str = "Kiosk") -> dict:
	"""取号 on the kiosk or a phone: the number, the people ahead, the estimated wait and the key to follow
	it (kept by the page; only its hash is stored)."""
	if source not in ("Kiosk", "Phone"):
		source = "Kiosk"
	category_at(centre, category)
	check_open(centre)
	ticket, key = issue_ticket(centre, category, source)
	return {**ticket_view(ticket), "key": key}


def ticket_of_key(key) -> frappe._dict:
	if not isinstance(key, str) or not 16 <= len(key) <= 64:
		frappe.throw(_("This ticket is not known."), HallError)
	found = frappe.db.get_value(
		TICKET,
		{"follow_key": follow_hash(key)},
		[
			"name",
			"ticket_no",
			"service_centre",
			"category",
			"status",
			"window_name",
			"ticket_date",
			"taken_at",
			"sequence",
			"rating",
			"slot_start_at",
		],
		as_dict=True,
	)
	if not found:
		frappe.throw(_("This ticket is not known."), HallError)
	return found


@frappe.whitelist(allow_guest=True)
@rate_limit(limit=lambda: tickets_per_hour() * 20, seconds=60 * 60)
def ticket_status(key: str) -> dict:
	"""The taker's phone follows the ticket: waiting (how many ahead), called to which window, served."""
	return ticket_view(ticket_of_key(key))


def ticket_view(ticket) -> dict:
	ahead = people_ahead(ticket) if ticket.status == "In Queue" else 0
	row = next((c for c in centre_categories(ticket.service_centre) if c.name == ticket.category), None)
	minutes = estimated_wait_minutes(ahead, row.windows if row else 1, row.service_minutes if row else 15)
	return {
		"ticket_no": ticket.ticket_no,
		"centre": frappe.db.get_value("GS Service Centre", ticket.service_centre, "official_name"),
		"category": row.category_name if row else ticket.category,
		"status": ticket.status,
		"status_label": _(ticket.status),
		"window": ticket.window_name if ticket.status in ("Called", "Serving") else None,
		"ahead": ahead,
		"wait_minutes": minutes,
		"can_rate": ticket.status == "Done" and not ticket.rating,
		"rating": _(ticket.rating) if ticket.rating else None,
		"today": str(ticket.ticket_date) == nowdate(),
	}


def people_ahead(ticket) -> int:
	"""Tickets of the same category and centre still waiting that were taken before this one."""
	return cint(
		frappe.db.sql(
			f"""select count(*) from `tab{TICKET}` where service_centre = %s and ticket_date = %s
			and category = %s and status = 'In Queue' and taken_at < %s""",
			(ticket.service_centre, ticket.ticket_date, ticket.category, ticket.taken_at),
		)[0][0]
	)


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=tickets_per_hour, seconds=60 * 60)
def rate_ticket(key: str, level: str, comment: str | None = None) -> dict:
	"""好差评 after the service: once per ticket, on the five national levels."""
	ticket = ticket_of_key(key)
	if level not in RATING_LEVELS:
		frappe.throw(_("Choose one of the five levels."), HallError)
	if ticket.status != "Done":
		frappe.throw(_("A ticket is rated after its service."), HallError)
	if ticket.rating:
		frappe.throw(_("This service has been rated already."), HallError)
	# typed text is plain text wherever it is shown (this UPDATE skips the save's input cleaning)
	text = plain(comment.strip()[:MAX_COMMENT]) if isinstance(comment, str) else ""
	frappe.db.sql(
		f"""update `tab{TICKET}` set rating = %s, rating_comment = %s, rated_at = %s
		where name = %s and ifnull(rating, '') = ''""",
		(level, text, now_datetime(), ticket.name),
	)
	if not frappe.db._cursor.rowcount:  # a second rating sent at the same moment
		frappe.throw(_("This service has been rated already."), HallError)
	return {"rating": _(level)}


@frappe.whitelist(allow_guest=True)
def kiosk_state(centre: str) -> dict:
	"""The kiosk's choice: the categories served at the centre, how many wait in each, the estimated wait."""
	if not exact_centre(centre):
		frappe.throw(_("Choose a service centre."), HallError)
	waiting = waiting_counts(centre)
	return {
		"centre": frappe.db.get_value("GS Service Centre", centre, "official_name"),
		"categories": [
			{
				"name": row.name,
				"label": row.category_name,
				"prefix": row.prefix,
				"waiting": waiting.get(row.name, 0),
				"wait_minutes": estimated_wait_minutes(
					waiting.get(row.name, 0), row.windows, row.service_minutes
				),
			}
			for row in centre_categories(centre)
		],
	}


def waiting_counts(centre: str) -> dict[str, int]:
	return {
		category: cint(count)
		for category, count in frappe.db.sql(
			f"""select category, count(*) from `tab{TICKET}` where service_centre = %s and ticket_date = %s
			and status = 'In Queue' group by category""",
			(centre, nowdate()),
		)
	}


@frappe.whitelist(allow_guest=True)
def screen_state(centre: str) -> dict:
	"""The hall screen (大屏): the numbers called last and where to go, and how many wait per category."""
	if not exact_centre(centre):
		frappe.throw(_("Choose a service centre."), HallError)
	called = frappe.db.sql(
		f"""select ticket_no, window_name, called_at, call_count, status from `tab{TICKET}`
		where service_centre = %s and ticket_date = %s and status in ('Called', 'Serving')
		order by called_at desc limit 10""",
		(centre, nowdate()),
		as_dict=True,
	)
	waiting = waiting_counts(centre)
	return {
		"centre": frappe.db.get_value("GS Service Centre", centre, "official_name"),
		"called": [
			{
				"ticket_no": row.ticket_no,
				"window": row.window_name,
				"serving": row.status == "Serving",
				"at": str(row.called_at),
				"calls": cint(row.call_count),
			}
			for row in called
		],
		"waiting": [
			{"label": row.category_name, "prefix": row.prefix, "waiting": waiting.get(row.name, 0)}
			for row in centre_categories(centre)
		],
	}


def publish(centre: str, call: dict | None = None) -> None:
	"""Tell the hall's screens and phones (the website room: a number and a window, nothing personal)."""
	frappe.publish_realtime(
		HALL_EVENT,
		{"centre": centre, **(call or {})},
		room="website",
		after_commit=True,
	)
