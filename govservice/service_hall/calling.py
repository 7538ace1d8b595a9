"""叫号: the window officer's desk. An officer signs in to a window of their centre for the day (the duty
the hall's figures count), calls the next ticket of the categories the window serves (two officers
pressing 叫号 together never get the same ticket: the row is taken with SKIP LOCKED), calls again (重呼),
passes a ticket that did not come (过号), sends it to another window (转窗口), starts the service and
finishes it, linking the case it became. Each step is timed on the ticket."""

import frappe
from frappe import _
from frappe.utils import cint, now_datetime, nowdate

from govservice.domain.hall_rules import call_text, seconds_between
from govservice.security.scope import granted_centres
from govservice.service_hall.categories import centre_windows, window_categories
from govservice.service_hall.tickets import TICKET, HallError, publish

SESSION = "GS Window Session"
OFFICER_ROLES = frozenset(("GS Window Officer", "GS Agent", "GS Supervisor"))


def check_officer() -> str:
	user = frappe.session.user
	if user == "Guest" or not OFFICER_ROLES & set(frappe.get_roles(user)):
		frappe.throw(_("Only the hall's window staff call numbers."), frappe.PermissionError)
	return user


def officer_centres(user: str) -> list[str]:
	"""The centres the officer is placed at (not the villages below a county officer's centre)."""
	return granted_centres(user, TICKET)


def current_session(user: str) -> frappe._dict | None:
	return frappe.db.get_value(
		SESSION,
		{"officer": user, "session_date": nowdate(), "signed_out_at": ["is", "not set"]},
		["name", "service_centre", "window_name"],
		as_dict=True,
	)


def session_or_refuse(user: str) -> frappe._dict:
	session = current_session(user)
	if not session:
		frappe.throw(_("Sign in to a window first."), HallError, title=_("Window"))
	return session


@frappe.whitelist(methods=["POST"])
def sign_in(centre: str, window: str) -> dict:
	"""签到: the officer serves this window of their centre today (a window one colleague holds is not
	taken by another)."""
	user = check_officer()
	if not isinstance(centre, str) or centre not in officer_centres(user):
		frappe.throw(_("You may sign in only at a window of your own centre."), frappe.PermissionError)
	if not isinstance(window, str) or window not in centre_windows(centre):
		frappe.throw(_("The centre has no window of this name."), HallError)
	held = frappe.db.get_value(
		SESSION,
		{
			"service_centre": centre,
			"window_name": window,
			"session_date": nowdate(),
			"signed_out_at": ["is", "not set"],
			"officer": ["!=", user],
		},
		"officer_name",
	)
	if held:
		frappe.throw(_("{0} is signed in at this window.").format(frappe.utils.escape_html(held)), HallError)
	old = current_session(user)
	if old:
		if (old.service_centre, old.window_name) == (centre, window):
			return desk_state()
		refuse_open_ticket(user)
		frappe.db.set_value(SESSION, old.name, "signed_out_at", now_datetime())
	frappe.get_doc(
		{
			"doctype": SESSION,
			"officer": user,
			"service_centre": centre,
			"window_name": window,
			"session_date": nowdate(),
			"signed_in_at": now_datetime(),
		}
	).insert(ignore_permissions=True)
	return desk_state()


@frappe.whitelist(methods=["POST"])
def sign_out() -> dict:
	user = check_officer()
	session = session_or_refuse(user)
	refuse_open_ticket(user)
	frappe.db.set_value(SESSION, session.name, "signed_out_at", now_datetime())
	return desk_state()


def refuse_open_ticket(user: str) -> None:
	if open_ticket(user):
		frappe.throw(_("Finish or pass the ticket at your window first."), HallError)


def open_ticket(user: str) -> frappe._dict | None:
	return frappe.db.get_value(
		TICKET,
		{"called_by": user, "ticket_date": nowdate(), "status": ["in", ("Called", "Serving")]},
		[
			"name",
			"ticket_no",
			"status",
			"category",
			"window_name",
			"call_count",
			"gs_case",
			"source",
			"appointment",
			"called_at",
			"started_at",
			"service_centre",
		],
		as_dict=True,
	)


@frappe.whitelist()
def desk_state() -> dict:
	"""What the officer's page shows: their centres and windows to sign in to, the window they serve and
	its categories, the ticket in hand and how many wait."""
	from govservice.service_hall.tickets import waiting_counts

	user = check_officer()
	session = current_session(user)
	centres = officer_centres(user)
	titles = (
		dict(
			frappe.get_all(
				"GS Service Centre",
				filters={"name": ["in", centres]},
				fields=["name", "official_name"],
				as_list=True,
			)
		)
		if centres
		else {}
	)
	state = {
		"centres": [
			{"name": name, "title": titles.get(name, name), "windows": centre_windows(name)}
			for name in centres
			if centre_windows(name)
		],
		"session": None,
		"ticket": None,
		"waiting": [],
	}
	if not session:
		return state
	categories = window_categories(session.service_centre, session.window_name)
	counts = waiting_counts(session.service_centre)
	state["session"] = {
		"centre": session.service_centre,
		"centre_title": titles.get(session.service_centre, session.service_centre),
		"window": session.window_name,
		"categories": categories,
		"windows": [w for w in centre_windows(session.service_centre) if w != session.window_name],
	}
	state["waiting"] = [{"category": c, "waiting": counts.get(c, 0)} for c in categories]
	state["sent_to_me"] = cint(
		frappe.db.count(
			TICKET,
			{
				"service_centre": session.service_centre,
				"ticket_date": nowdate(),
				"status": "In Queue",
				"sent_to_window": session.window_name,
			},
		)
	)
	ticket = open_ticket(user)
	if ticket:
		state["ticket"] = {k: (str(v) if v is not None else None) for k, v in ticket.items()}
		state["ticket"]["call_count"] = cint(ticket.call_count)
	return state


@frappe.whitelist(methods=["POST"])
def call_next() -> dict:
	"""叫号: the next waiting ticket this window serves — sent to this window first, then appointments whose
	slot has begun, then by the time taken (govservice.domain.hall_rules.call_order)."""
	user = check_officer()
	session = session_or_refuse(user)
	refuse_open_ticket(user)
	categories = window_categories(session.service_centre, session.window_name)
	now = now_datetime()
	found = frappe.db.sql(
		f"""select name from `tab{TICKET}`
		where service_centre = %(centre)s and ticket_date = %(day)s and status = 'In Queue'
			and (sent_to_window = %(window)s
				or (ifnull(sent_to_window, '') = '' and category in %(categories)s))
		order by (sent_to_window = %(window)s) desc,
			(slot_start_at is not null and slot_start_at <= %(now)s) desc,
			case when slot_start_at is not null and slot_start_at <= %(now)s then slot_start_at end,
			taken_at, name
		limit 1 for update skip locked""",
		{
			"centre": session.service_centre,
			"day": nowdate(),
			"window": session.window_name,
			"categories": tuple(categories) or ("",),
			"now": now,
		},
	)
	if not found:
		frappe.throw(_("Nobody is waiting for this window."), HallError, title=_("Call Next"))
	name = found[0][0]
	frappe.db.set_value(
		TICKET,
		name,
		{
			"status": "Called",
			"window_name": session.window_name,
			"called_by": user,
			"called_at": now,
			"call_count": 1,
			"sent_to_window": None,
		},
		update_modified=True,
	)
	return announce(name)


def announce(name: str) -> dict:
	ticket = frappe.db.get_value(
		TICKET, name, ["ticket_no", "window_name", "service_centre", "call_count"], as_dict=True
	)
	call = {
		"ticket_no": ticket.ticket_no,
		"window": ticket.window_name,
		"calls": cint(ticket.call_count),
		"text": call_text(ticket.ticket_no, ticket.window_name),
	}
	publish(ticket.service_centre, call)
	return {**desk_state(), "called": call}


def ticket_in_hand(user: str, name, statuses=("Called", "Serving")) -> frappe._dict:
	ticket = open_ticket(user)
	if not ticket or ticket.name != name or ticket.status not in statuses:
		frappe.throw(_("This ticket is not the one at your window."), HallError)
	return ticket


@frappe.whitelist(methods=["POST"])
def recall(ticket: str) -> dict:
	"""重呼: the same number called again."""
	user = check_officer()
	held = ticket_in_hand(user, ticket, ("Called",))
	frappe.db.set_value(TICKET, held.name, "call_count", cint(held.call_count) + 1)
	return announce(held.name)


@frappe.whitelist(methods=["POST"])
def skip(ticket: str) -> dict:
	"""过号: the number called did not come; the next can be called."""
	user = check_officer()
	held = ticket_in_hand(user, ticket, ("Called",))
	frappe.db.set_value(TICKET, held.name, {"status": "Skipped", "finished_at": now_datetime()})
	publish(held.service_centre)
	return desk_state()


@frappe.whitelist(methods=["POST"])
def transfer(ticket: str, window: str) -> dict:
	"""转窗口: the ticket waits again, for another window of the centre, which calls it first."""
	user = check_officer()
	held = ticket_in_hand(user, ticket)
	if not isinstance(window, str) or window not in centre_windows(held.service_centre):
		frappe.throw(_("The centre has no window of this name."), HallError)
	if window == held.window_name:
		frappe.throw(_("Choose another window."), HallError)
	frappe.db.set_value(
		TICKET,
		held.name,
		{"status": "In Queue", "sent_to_window": window, "called_by": None, "window_name": None},
	)
	publish(held.service_centre)
	return desk_state()


@frappe.whitelist(methods=["POST"])
def start(ticket: str) -> dict:
	"""开始办理: the person is at the window; the wait ends here."""
	user = check_officer()
	held = ticket_in_hand(user, ticket, ("Called",))
	now = now_datetime()
	taken = frappe.db.get_value(TICKET, held.name, "taken_at")
	frappe.db.set_value(
		TICKET,
		held.name,
		{"status": "Serving", "started_at": now, "wait_seconds": seconds_between(taken, now)},
	)
	publish(held.service_centre)
	return desk_state()


@frappe.whitelist(methods=["POST"])
def finish(ticket: str, case: str | None = None) -> dict:
	"""办结: the service at the window is over (linking the case it became, one the officer may read);
	the person is asked to rate it on their phone."""
	user = check_officer()
	held = ticket_in_hand(user, ticket, ("Serving",))
	values = {"status": "Done", "finished_at": now_datetime()}
	values["service_seconds"] = seconds_between(held.started_at, values["finished_at"])
	if case:
		# one answer for a case that does not exist and one the officer may not read
		if (
			not isinstance(case, str)
			or not frappe.db.exists("GS Case", case)
			or not frappe.has_permission("GS Case", "read", doc=case, user=user)
		):
			frappe.throw(_("Choose a case you may read."), HallError)
		values["gs_case"] = case
	frappe.db.set_value(TICKET, held.name, values)
	publish(held.service_centre)
	return desk_state()


def close_the_day() -> dict:
	"""Daily, after midnight: the numbers of days gone that were never served are cancelled (a hall's queue
	is the day's) and the windows still signed in are signed out, so no figure or screen counts them."""
	today = nowdate()
	now = now_datetime()
	frappe.db.sql(
		f"""update `tab{TICKET}` set status = 'Cancelled', finished_at = ifnull(finished_at, %s)
		where ticket_date < %s and status in ('In Queue', 'Called', 'Serving')""",
		(now, today),
	)
	closed = frappe.db._cursor.rowcount
	frappe.db.sql(
		f"""update `tab{SESSION}` set signed_out_at = %s where session_date < %s and signed_out_at is null""",
		(now, today),
	)
	return {"tickets": closed, "sessions": frappe.db._cursor.rowcount}
