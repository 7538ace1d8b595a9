"""Benchmark: the service hall (取号叫号, 预约) as a running server answers it, over HTTP.

Run from the bench's sites directory with the bench's Python, on a scratch site made for tests (site config
`allow_tests`) that has a county centre (`bench --site SITE govservice-setup --demo`), while a server serves
that site:

	cd ~/govservice-bench/sites && ../env/bin/python ../apps/govservice/benchmarks/hall_bench.py \
		--site govservice-dev.localhost --url http://127.0.0.1:8012

Sizes: --windows 20 --tickets 2000 --bookers 50 (a hall of 20 windows and 2,000 tickets a day), --clients 8
kiosks and phones taking numbers and checking in together, --check-ins 200 appointments.

It builds, directly in the site, a hall of its own: a township centre 大厅压测中心 under the county root with
--windows windows (1号窗口…), one officer account (GS Window Officer) at each window (which gives the officer
the centre through a User Permission), a hotline seat account (GS Hotline Seat), all with a random password,
and a business category with a letter no other category uses, served by every window. It raises GS
Settings' hall_tickets_per_hour for the run (the guest endpoints are limited per address) and, on a site that
has the setting, turns hall_open_hours_only off (numbers are taken at any hour). Then it prints, asserting
nothing:

1. 取号: take_ticket (guest) p50/p95 from --clients concurrent clients until --tickets are taken (a take
   the server fails is taken again, as the citizen would press again), how many numbers were given twice
   (must be 0), and the failed attempts with their reasons.
2. 叫号: call_next p50/p95, the officers signed in each at its own window and calling together (one thread
   each) call_next → start → finish until nobody waits; how many tickets were called twice (must be 0), how
   many were served and how many are left waiting.
3. 叫号 → realtime: for every call of 2, the time from sending call_next to the `gs_hall_call` event with
   that number arriving on Redis (channel `events` of the site's redis_queue, where Frappe's
   publish_realtime puts it for the socket.io server). This is the hop to the realtime server, NOT to the
   browser: socket.io's relay to the hall screen and the phones comes after it and is not measured.
4. 签到: check_in (guest) p50/p95 of --check-ins appointments of today (inserted in the database as booked,
   each with a known 8-digit code and a slot that has begun), from --clients concurrent clients (a
   check-in the server fails is tried again), and the failed attempts with their reasons.
5. 预约: --bookers hotline calls booking the same fresh slot at once (POST /api/resource/GS Appointment,
   distinct mobiles, a working day two or more days ahead): the slot's capacity, the bookings accepted, the
   slot's `booked` afterwards, the overbooking (booked − capacity, and appointments stored − capacity; must
   be 0) and the booking p50/p95.

However the run ends (an error, Ctrl-C, SIGTERM) it deletes what it made: tickets, appointments, slots,
window sessions, the category, its centre's ticket counters (tabSeries), the User Permissions, the accounts
(with their sessions and log-in records), the centre, the Notification Log and SMS Log rows its
appointments caused, the versions, comments and activity-feed lines of its records, and the Error Log rows
of its requests the server failed (written, or still queued in Redis by Frappe's deferred insert; it says
how many there were). It puts back the naming-series counters it advanced (never below a record made
meanwhile), the settings and the per-address rate-limit counters of the two guest endpoints, then checks
that nothing of the run is left and says so. Records of an earlier run that could not clean up (killed) are
removed first.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import random
import secrets
import signal
import string
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator

import frappe
import redis
import requests
from bench_common import open_test_site, percentile, restored_settings, terminated_as_exit
from frappe.utils import add_days, add_to_date, cint, get_datetime, getdate, now_datetime, nowdate

CENTRE = "大厅压测中心"
CATEGORY = "大厅压测业务"
USER_LIKE = "hallbench.%@bench.govservice"
SEAT = "hallbench.seat@bench.govservice"
HALL = "govservice.service_hall"
TICKET, APPOINTMENT, SLOT, SESSION = (
	"GS Queue Ticket",
	"GS Appointment",
	"GS Appointment Slot",
	"GS Window Session",
)
# their naming series are advanced by the run and put back at the end
NAMED_BY_SERIES = (TICKET, APPOINTMENT, SESSION)
RATE_LIMITED = (f"{HALL}.tickets.take_ticket", f"{HALL}.appointments.check_in")
TIMEOUT = 120
RETRIES = 50  # a take or check-in the server failed is tried again: at most 50 × the number wanted
STOP = threading.Event()  # set on Ctrl-C / SIGTERM: the workers end after their current request


def officer(index: int) -> str:
	return f"hallbench.w{index:02d}@bench.govservice"


def window(index: int) -> str:
	return f"{index}号窗口"


# --- the site: setup and cleanup -----------------------------------------------------------------------


@contextlib.contextmanager
def in_site(site: str) -> Iterator[None]:
	open_test_site(site)
	frappe.set_user("Administrator")
	frappe.flags.mute_emails = True
	try:
		yield
	except BaseException:
		frappe.db.rollback()
		raise
	finally:
		frappe.destroy()


def new_user(email: str, first_name: str, role: str, password: str) -> None:
	"""An account with one role, written as rows: a User's save queues background jobs (its Contact, its
	Gravatar) that a worker would run after the run has deleted the account."""
	from frappe.utils.password import update_password

	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": first_name,
			"full_name": first_name,
			"language": "zh",
			"user_type": "System User",
			"enabled": 1,
			"send_welcome_email": 0,
			"roles": [{"role": role}],
		}
	)
	user.name = email
	user.set_parent_in_children()
	user.db_insert()
	for row in user.roles:
		row.db_insert()
	update_password(email, password)


def setup(args) -> dict:
	"""The hall, its accounts and its category (committed), and what the run needs to know of the site."""
	from govservice.organisation.calendar import is_working_day

	with in_site(args.site):
		if leftovers():
			print(
				"records of an earlier run of this benchmark are on the site: removing them first", flush=True
			)
			remove_run(series_before=None)
			frappe.db.commit()
		roots = frappe.get_all(
			"GS Service Centre",
			filters={"parent_gs_service_centre": ("is", "not set"), "level": "County"},
			pluck="name",
			order_by="lft",
		)
		if not roots:
			raise SystemExit("the site has no county centre: bench --site SITE govservice-setup --demo")
		used = set(frappe.get_all("GS Hall Category", pluck="prefix"))
		letters = [c for c in reversed(string.ascii_uppercase) if c not in used]
		if not letters:
			raise SystemExit("every ticket letter A–Z is used by a category")
		info = {
			"series_before": series_counters(),
			"series_names": set(frappe.db.sql_list("select name from `tabSeries`")),
			"rate_limits_before": rate_limit_counters(),
			"redis_queue": frappe.conf.redis_queue,
			"root": roots[0],
			"prefix": letters[0],
			"password": secrets.token_urlsafe(18),
			"officers": [officer(i) for i in range(1, args.windows + 1)],
		}
		# the guest endpoints' per-address limit: every attempt of the run counts, the failed ones too; and
		# numbers are taken at any hour (a site with the opening-hours rule)
		info["settings"] = {"hall_tickets_per_hour": (RETRIES + 2) * (args.tickets + args.check_ins) + 100}
		if frappe.get_meta("GS Settings").has_field("hall_open_hours_only"):
			info["settings"]["hall_open_hours_only"] = 0
		if frappe.conf.get("redis_queue_sentinel_enabled"):
			info["redis_queue"] = None  # a sentinel's master is not looked up here
		for index, email in enumerate(info["officers"], 1):
			new_user(email, f"压测窗口{index}", "GS Window Officer", info["password"])
		new_user(SEAT, "压测热线坐席", "GS Hotline Seat", info["password"])
		frappe.get_doc(
			{
				"doctype": "GS Service Centre",
				"centre_name": CENTRE,
				"official_name": CENTRE,
				"level": "Township",
				"parent_gs_service_centre": info["root"],
				"windows": [
					{"window_name": window(i), "window_type": "Comprehensive Acceptance", "officer": email}
					for i, email in enumerate(info["officers"], 1)
				],
			}
		).insert(ignore_permissions=True)  # sets each officer's User Permission on the centre
		frappe.get_doc(
			{
				"doctype": "GS Hall Category",
				"category_name": CATEGORY,
				"prefix": info["prefix"],
				"service_minutes": 15,
				"enabled": 1,
				"windows": [
					{"service_centre": CENTRE, "window_name": window(i)} for i in range(1, args.windows + 1)
				],
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		today = getdate(nowdate())
		ahead = cint(frappe.db.get_single_value("GS Settings", "appointment_days_ahead")) or 7
		info["booking_days"] = []
		for offset in range(2, ahead + 1):
			with contextlib.suppress(frappe.ValidationError):  # a year the calendar does not have yet
				if is_working_day(add_days(today, offset)):
					info["booking_days"].append(str(add_days(today, offset)))
		info["today"] = str(today)
		return info


def leftovers() -> dict[str, int]:
	"""What of a run is on the site, by kind (only the kinds with rows)."""
	users = frappe.get_all("User", filters={"name": ["like", USER_LIKE]}, pluck="name")
	counts = {
		"GS Service Centre": frappe.db.count("GS Service Centre", {"name": CENTRE}),
		"GS Service Window": frappe.db.count("GS Service Window", {"parent": CENTRE}),
		"GS Hall Category": frappe.db.count("GS Hall Category", {"name": CATEGORY}),
		"GS Hall Category Window": frappe.db.count("GS Hall Category Window", {"service_centre": CENTRE}),
		TICKET: frappe.db.count(TICKET, {"service_centre": CENTRE}),
		APPOINTMENT: frappe.db.count(APPOINTMENT, {"service_centre": CENTRE}),
		SLOT: frappe.db.count(SLOT, {"service_centre": CENTRE}),
		SESSION: frappe.db.count(SESSION, {"service_centre": CENTRE}),
		"Series (ticket counters)": frappe.db.sql(
			"select count(*) from `tabSeries` where name like %s", counter_prefix() + "%"
		)[0][0],
		"Error Log": frappe.db.sql("select count(*) from `tabError Log` where error like %s", f"%{CENTRE}%")[
			0
		][0],
		"Error Log (deferred, in Redis)": len(deferred_error_logs(cache_connection())[1]),
		"User": len(users),
		"User Permission": frappe.db.count("User Permission", {"for_value": CENTRE})
		+ (frappe.db.count("User Permission", {"user": ["in", users]}) if users else 0),
	}
	if users:
		for doctype, field in (
			("Has Role", "parent"),
			("Activity Log", "user"),
			(SESSION, "officer"),
		):
			counts[doctype] = frappe.db.count(doctype, {field: ["in", users]})
		counts["Sessions"] = frappe.db.sql(
			"select count(*) from `tabSessions` where user like %s", USER_LIKE
		)[0][0]
		counts["__Auth"] = frappe.db.sql(
			"select count(*) from `__Auth` where doctype = 'User' and name like %s", USER_LIKE
		)[0][0]
	return {kind: count for kind, count in counts.items() if count}


def counter_prefix() -> str:
	"""The tabSeries rows of the centre's daily ticket numbers (govservice.service_hall.tickets.next_sequence)."""
	return "GSQ-" + hashlib.sha1(CENTRE.encode()).hexdigest()[:16] + "-"


def series_heads() -> list[tuple[str, str]]:
	return [(doctype, frappe.get_meta(doctype).autoname.split(".")[0]) for doctype in NAMED_BY_SERIES]


def series_counters() -> dict[str, int]:
	counters = {}
	for _doctype, head in series_heads():
		counters.update(frappe.db.sql("select name, current from `tabSeries` where name like %s", head + "%"))
	return counters


def restore_series(before: dict[str, int]) -> None:
	"""The naming-series counters the run advanced, back to where they were (never below a record made
	meanwhile by someone else)."""
	for doctype, head in series_heads():
		for key, current in frappe.db.sql(
			"select name, current from `tabSeries` where name like %s", head + "%"
		):
			highest = frappe.db.sql(
				f"""select max(cast(substring(name, %s) as unsigned)) from `tab{doctype}`
				where name like %s""",
				(len(key) + 1, key + "%"),
			)[0][0]
			target = max(before.get(key) or 0, int(highest or 0))
			if key not in before and not target:
				frappe.db.sql("delete from `tabSeries` where name = %s", key)
			elif current != target:
				frappe.db.sql("update `tabSeries` set current = %s where name = %s", (target, key))


def cache_connection():
	return redis.from_url(frappe.conf.redis_cache)


def rate_limit_keys(conn) -> list[bytes]:
	keys = []
	for method in RATE_LIMITED:
		keys += conn.scan_iter(match=frappe.cache.make_key(f"rl:{method}:*"))
	return keys


def rate_limit_counters() -> dict[bytes, tuple[bytes, int, float]]:
	"""The per-address counters of the guest endpoints the run calls: value, milliseconds left, when read."""
	conn = cache_connection()
	return {key: (conn.get(key), conn.pttl(key), time.monotonic()) for key in rate_limit_keys(conn)}


def restore_rate_limits(before: dict) -> None:
	"""The counters as they were (an address's count of the run would refuse its kiosk for an hour)."""
	conn = cache_connection()
	for key in rate_limit_keys(conn):
		value, ttl, read_at = before.get(key, (None, -2, 0))
		left = ttl - (time.monotonic() - read_at) * 1000
		if value is not None and ttl > 0 and left > 0:
			conn.set(key, value, px=int(left))
		elif value is not None and ttl == -1:
			conn.set(key, value)
		else:
			conn.delete(key)


def in_chunks(values: list, size: int = 500) -> Iterator[list]:
	for start in range(0, len(values), size):
		yield values[start : start + size]


def remove_run(series_before: dict | None) -> tuple[int, int]:
	"""Delete everything of the run (not committed). The hall's ledgers refuse deletion as documents, so
	their rows go with SQL; the category, the centre and the accounts through Frappe."""
	users = frappe.get_all("User", filters={"name": ["like", USER_LIKE]}, pluck="name")
	appointments = frappe.get_all(
		APPOINTMENT, filters={"service_centre": CENTRE}, fields=["name", "mobile", "appointment_date"]
	)
	sessions = frappe.get_all(SESSION, filters={"service_centre": CENTRE}, pluck="name")
	if users:
		sessions += frappe.get_all(SESSION, filters={"officer": ["in", users]}, pluck="name")
	names = {
		TICKET: frappe.get_all(TICKET, filters={"service_centre": CENTRE}, pluck="name"),
		APPOINTMENT: [row.name for row in appointments],
		SLOT: frappe.get_all(SLOT, filters={"service_centre": CENTRE}, pluck="name"),
		SESSION: sorted(set(sessions)),
		"GS Hall Category": [CATEGORY] if frappe.db.exists("GS Hall Category", CATEGORY) else [],
		"GS Service Centre": [CENTRE] if frappe.db.exists("GS Service Centre", CENTRE) else [],
		"User": users,
	}
	# the texts its appointments caused (SMS Log rows name the numbers texted)
	mobiles = sorted({row.mobile for row in appointments if row.mobile})
	for chunk in in_chunks(mobiles, 100):
		frappe.db.sql(
			"delete from `tabSMS Log` where " + " or ".join(["requested_numbers like %s"] * len(chunk)),
			[f"%{mobile}%" for mobile in chunk],
		)
	for doctype in (TICKET, APPOINTMENT, SLOT, SESSION):
		for chunk in in_chunks(names[doctype]):
			frappe.db.delete(doctype, {"name": ["in", chunk]})
	frappe.db.sql("delete from `tabSeries` where name like %s", counter_prefix() + "%")
	names["User Permission"] = frappe.get_all(
		"User Permission",
		or_filters=[["for_value", "=", CENTRE], ["user", "in", users or [""]]],
		pluck="name",
	)
	if users:
		for (sid,) in frappe.db.sql("select sid from `tabSessions` where user like %s", USER_LIKE):
			frappe.cache.hdel("session", sid)
			frappe.cache.hdel("last_db_session_update", sid)
		frappe.db.sql("delete from `tabSessions` where user like %s", USER_LIKE)
		for doctype in ("Activity Log", "Access Log", "Route History"):
			frappe.db.delete(doctype, {"user": ["in", users]})
	for doctype in ("User Permission", "GS Hall Category", "GS Service Centre", "User"):
		for name in names[doctype]:
			frappe.delete_doc(doctype, name, ignore_permissions=True, force=True, delete_permanently=True)
			# and the "deleted" line Frappe adds to the activity feed
			frappe.db.sql(
				"""delete from `tabComment` where comment_type = 'Deleted' and reference_doctype = %s
				and right(subject, char_length(%s)) = %s""",
				(doctype, " " + name, " " + name),
			)
	# what Frappe wrote about the run's records: versions, comments, notifications, the search index
	for doctype, listed in names.items():
		for chunk in in_chunks(listed):
			frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ["in", chunk]})
			frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": ["in", chunk]})
			frappe.db.delete("Activity Log", {"reference_doctype": doctype, "reference_name": ["in", chunk]})
			frappe.db.delete("Notification Log", {"document_type": doctype, "document_name": ["in", chunk]})
			frappe.db.delete("Deleted Document", {"deleted_doctype": doctype, "deleted_name": ["in", chunk]})
			frappe.db.sql(
				"delete from `__global_search` where doctype = %s and name in %s", (doctype, tuple(chunk))
			)
	if series_before is not None:
		restore_series(series_before)
	frappe.cache.delete_value("govservice:centre-tree")
	return remove_error_logs()


def deferred_error_logs(conn, pipe=None) -> tuple[bytes, list[int]]:
	"""The deferred-insert queue of Error Log (frappe.deferred_insert: a request that fails with a 5xx logs
	its traceback there, and the scheduler writes it to the table later) and the places of the run's entries
	in it: their traceback names the run's centre."""
	key = frappe.cache.make_key("insert_queue_for_Error Log")
	markers = (CENTRE.encode(), json.dumps(CENTRE)[1:-1].encode())  # as written, and ASCII-escaped
	entries = (pipe or conn).lrange(key, 0, -1)
	return key, [i for i, entry in enumerate(entries) if any(m in entry for m in markers)]


def remove_error_logs() -> tuple[int, int]:
	"""The Error Log rows of the run's failed requests, written and still queued (not committed for the
	table; the queue changes at once). Returns how many of each."""
	written = frappe.db.sql("select count(*) from `tabError Log` where error like %s", f"%{CENTRE}%")[0][0]
	frappe.db.sql("delete from `tabError Log` where error like %s", f"%{CENTRE}%")
	conn = cache_connection()
	for _attempt in range(10):
		with conn.pipeline() as pipe:
			try:
				key = frappe.cache.make_key("insert_queue_for_Error Log")
				pipe.watch(key)  # the scheduler may take entries meanwhile: then read them again
				key, ours = deferred_error_logs(conn, pipe)
				if ours:
					pipe.multi()
					for index in ours:
						pipe.lset(key, index, b"\0hall-bench-removed")
					pipe.lrem(key, 0, b"\0hall-bench-removed")
					pipe.execute()
				return written, len(ours)
			except redis.WatchError:
				continue
	return written, 0


def cleanup(site: str, info: dict | None) -> None:
	"""Delete the run's records, put back its counters, and show that nothing is left. Signals wait."""
	ignored = {
		sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
	}
	try:
		print("cleaning up (Ctrl-C waits until it is done)…", flush=True)
		with in_site(site):
			written, queued = remove_run(info["series_before"] if info else None)
			frappe.db.commit()
			print(
				f"the server logged {written + queued} errors of the run's requests (Error Log rows: {written} "
				f"written, {queued} still queued in Redis for writing): removed",
				flush=True,
			)
			if info:
				restore_rate_limits(info["rate_limits_before"])
			left = leftovers()
			if info:  # any counter row the run added and left (a counter of the app's the run does not know)
				added = set(frappe.db.sql_list("select name from `tabSeries`")) - info["series_names"]
				if added:
					left[f"Series rows added by the run ({', '.join(sorted(added)[:5])}…)"] = len(added)
		checked = (
			"GS Service Centre, its windows, GS Hall Category and its windows, tickets, appointments, slots, "
			"window sessions, ticket counters, accounts, their roles, sessions, log-ins and passwords, "
			"User Permissions, Error Log rows written or queued; no tabSeries row added"
		)
		if left:
			print(f"cleanup INCOMPLETE, still on the site: {left}", flush=True)
		else:
			print(f"cleaned up: nothing of the run is left (0 rows of: {checked})", flush=True)
	finally:
		for sig, handler in ignored.items():
			signal.signal(sig, handler)


# --- HTTP ---------------------------------------------------------------------------------------------


def new_session(site: str) -> requests.Session:
	session = requests.Session()
	session.headers.update({"Host": site, "Accept": "application/json"})  # a multi-site server picks by Host
	return session


def login(url: str, site: str, user: str, password: str) -> requests.Session:
	session = new_session(site)
	session.post(
		f"{url}/api/method/login", data={"usr": user, "pwd": password}, timeout=TIMEOUT
	).raise_for_status()
	return session


def failure(response: requests.Response | None, error: Exception | None = None) -> str:
	"""What went wrong, in a few words: the status and Frappe's exception type, or the client's error."""
	if response is None:
		return type(error).__name__
	try:
		kind = response.json().get("exc_type") or ""
	except ValueError:
		kind = ""
	return f"{response.status_code} {kind}".strip()


def message_of(response: requests.Response) -> str:
	try:
		messages = json.loads(response.json().get("_server_messages") or "[]")
		return "; ".join(json.loads(m).get("message", "") for m in messages) or response.text[:120]
	except ValueError:
		return response.text[:120]


def post(
	session: requests.Session, url: str, method: str, **data
) -> tuple[requests.Response | None, float, str]:
	"""POST to a whitelisted method: the answer (None on a client error), milliseconds, and the error."""
	start = time.perf_counter()
	try:
		response = session.post(f"{url}/api/method/{method}", data=data, timeout=TIMEOUT)
	except requests.RequestException as error:
		return None, (time.perf_counter() - start) * 1000, failure(None, error)
	elapsed = (time.perf_counter() - start) * 1000
	return response, elapsed, "" if response.status_code == 200 else failure(response)


def run_threads(targets: list[Callable[[], None]]) -> float:
	"""Run the callables in threads until all end; Ctrl-C or SIGTERM stops them after their current request
	(waited for, so that nothing the run sent is still being written when it cleans up). Returns the wall
	time in seconds. Each thread says it ended through an Event: a Thread.join interrupted by a signal marks
	the thread ended while it still runs (CPython before 3.13)."""
	ended = [threading.Event() for _target in targets]

	def run(target: Callable[[], None], done: threading.Event) -> None:
		try:
			target()
		finally:
			done.set()

	start = time.perf_counter()
	for target, done in zip(targets, ended, strict=True):
		threading.Thread(target=run, args=(target, done), daemon=True).start()
	try:
		for done in ended:
			while not done.wait(0.2):
				pass
	except BaseException:
		STOP.set()
		for done in ended:
			done.wait(TIMEOUT + 10)
		raise
	return time.perf_counter() - start


def figures(ms: list[float]) -> str:
	if not ms:
		return "no answers"
	return f"p50 {percentile(ms, 0.5):.1f} ms, p95 {percentile(ms, 0.95):.1f} ms, max {max(ms):.1f} ms"


def errors_text(errors: Counter) -> str:
	return ", ".join(f"{kind} ×{count}" for kind, count in errors.most_common()) or "none"


# --- 1. 取号 -------------------------------------------------------------------------------------------


def take_tickets(args, info: dict) -> None:
	"""Numbers taken until --tickets are: a refused take is taken again (the citizen presses again), at most
	RETRIES × --tickets failures in all."""
	lock = threading.Lock()
	latencies: list[float] = []
	failed_ms: list[float] = []
	numbers: list[str] = []
	errors: Counter = Counter()
	in_flight = [0]

	def kiosk() -> None:
		session = new_session(args.site)
		while not STOP.is_set():
			with lock:
				if len(numbers) >= args.tickets or errors.total() >= RETRIES * args.tickets:
					return
				wait = len(numbers) + in_flight[0] >= args.tickets
				if not wait:
					in_flight[0] += 1
			if wait:  # the last numbers are being taken: they may yet fail
				time.sleep(0.005)
				continue
			answer, ms, error = post(
				session, args.url, f"{HALL}.tickets.take_ticket", centre=CENTRE, category=CATEGORY
			)
			with lock:
				in_flight[0] -= 1
				if error:
					errors[error] += 1
					failed_ms.append(ms)
				else:
					latencies.append(ms)
					numbers.append(answer.json()["message"]["ticket_no"])

	wall = run_threads([kiosk] * args.clients)
	twice = len(numbers) - len(set(numbers))
	attempts = len(numbers) + errors.total()
	print(
		f"1. take_ticket (guest, {args.clients} concurrent clients): {len(numbers)} of {args.tickets} taken in "
		f"{wall:.1f} s ({len(numbers) / wall:.1f}/s), {attempts} attempts; taken: {figures(latencies)}; "
		f"numbers given twice: {twice}",
		flush=True,
	)
	print(
		f"   failed attempts: {errors.total()} ({100 * errors.total() / max(attempts, 1):.0f}%): "
		f"{errors_text(errors)}; their time: {figures(failed_ms)}",
		flush=True,
	)


# --- 2 and 3. 叫号, and its realtime event ---------------------------------------------------------------


class RealtimeListener:
	"""Subscribed to the channel Frappe's publish_realtime publishes on (frappe.realtime.emit_via_redis:
	`events` on the redis_queue connection): when each gs_hall_call event naming a number of the run's centre
	arrives."""

	def __init__(self, redis_url: str, site: str):
		self.site = site
		self.arrived: dict[str, float] = {}
		self.events = 0
		self.pubsub = redis.from_url(redis_url).pubsub()
		self.pubsub.subscribe("events")
		for _attempt in range(50):  # subscribed before the first call is sent
			message = self.pubsub.get_message(timeout=0.2)
			if message and message["type"] == "subscribe":
				break
		self.done = threading.Event()
		self.thread = threading.Thread(target=self.listen, daemon=True)
		self.thread.start()

	def listen(self) -> None:
		while not self.done.is_set():
			message = self.pubsub.get_message(timeout=0.2)
			if not message or message["type"] != "message":
				continue
			at = time.perf_counter()
			try:
				event = json.loads(message["data"])
			except ValueError:
				continue
			body = event.get("message") or {}
			if (
				event.get("event") == "gs_hall_call"
				and event.get("namespace") == self.site
				and isinstance(body, dict)
				and body.get("centre") == CENTRE
			):
				self.events += 1
				if body.get("ticket_no"):
					self.arrived.setdefault(body["ticket_no"], at)

	def close(self, linger: float = 2.0) -> None:
		time.sleep(linger)  # events of the last calls
		self.done.set()
		self.thread.join(5)
		self.pubsub.close()


def call_tickets(args, info: dict) -> None:
	officers = []
	for index, user in enumerate(info["officers"], 1):
		session = login(args.url, args.site, user, info["password"])
		answer, _ms, error = post(
			session, args.url, f"{HALL}.calling.sign_in", centre=CENTRE, window=window(index)
		)
		if error:
			raise SystemExit(f"{user} could not sign in at {window(index)}: {error} {message_of(answer)}")
		officers.append(session)
	listener = RealtimeListener(info["redis_queue"], args.site) if info["redis_queue"] else None
	lock = threading.Lock()
	call_ms: list[float] = []
	step_ms: list[float] = []
	called: list[str] = []
	sent: dict[str, tuple[float, float]] = {}  # number: (call sent, answer received)
	served = [0]
	errors: Counter = Counter()
	ended: Counter = Counter()  # why each officer stopped

	def desk(session: requests.Session) -> None:
		while not STOP.is_set():
			start = time.perf_counter()
			answer, ms, error = post(session, args.url, f"{HALL}.calling.call_next")
			received = time.perf_counter()
			if error:
				with lock:
					reason = message_of(answer) if answer is not None else error
					if answer is not None and answer.status_code == 417:
						ended[reason] += 1
					else:
						errors[f"call_next {error}"] += 1
						ended[f"error: {error}"] += 1
				return
			message = answer.json()["message"]
			ticket, number = message["ticket"]["name"], message["called"]["ticket_no"]
			with lock:
				call_ms.append(ms)
				called.append(ticket)
				sent.setdefault(number, (start, received))
			done = True
			for step in ("start", "finish"):
				_reply, ms, error = post(session, args.url, f"{HALL}.calling.{step}", ticket=ticket)
				with lock:
					if error:
						errors[f"{step} {error}"] += 1
						done = False
					else:
						step_ms.append(ms)
				if error:
					break
			if done:
				with lock:
					served[0] += 1
			else:
				return  # the ticket stays in this officer's hands: calling again would be refused

	try:
		wall = run_threads([lambda s=s: desk(s) for s in officers])
	finally:
		if listener:
			listener.close()
	twice = len(called) - len(set(called))
	with in_site(args.site):
		statuses = dict(
			frappe.db.sql(
				f"select status, count(*) from `tab{TICKET}` where service_centre = %s group by status",
				CENTRE,
			)
		)
	print(
		f"2. call_next ({len(officers)} officers at their own windows, concurrently, call_next → start → "
		f"finish until nobody waits): {len(called)} calls in {wall:.1f} s ({len(called) / wall:.1f}/s); "
		f"{figures(call_ms)}; start/finish {figures(step_ms)}",
		flush=True,
	)
	print(
		f"   tickets called twice: {twice}; served: {served[0]}; tickets by status now: {statuses}; "
		f"errors: {errors_text(errors)}; why the officers stopped: {dict(ended)}",
		flush=True,
	)
	if not listener:
		print(
			"3. realtime: not measured (the site has no redis_queue, or it is behind a sentinel)", flush=True
		)
		return
	delays = [(listener.arrived[n] - s) * 1000 for n, (s, _r) in sent.items() if n in listener.arrived]
	after_answer = [(listener.arrived[n] - r) * 1000 for n, (_s, r) in sent.items() if n in listener.arrived]
	print(
		f"3. call_next sent → its gs_hall_call event on Redis (channel 'events' of redis_queue; the hop to the "
		f"realtime server, not to the browser): {len(delays)} of {len(sent)} calls' events arrived; "
		f"{figures(delays)}; the event came before the HTTP answer for "
		f"{sum(1 for d in after_answer if d < 0)} calls (event − answer: {figures(after_answer)}); "
		f"gs_hall_call events of the centre seen in all: {listener.events}",
		flush=True,
	)


# --- 4. 签到 --------------------------------------------------------------------------------------------


def insert_check_ins(args, info: dict) -> list[str]:
	"""Appointments of today at the centre, booked, with a known code and a slot that has begun (as
	govservice.tests.desk_setup.ensure_hall_citizen makes one)."""
	from govservice.security.scope import set_scope_centres

	with in_site(args.site):
		now = now_datetime()
		start = max(add_to_date(now, minutes=-10), get_datetime(nowdate()))
		end = add_to_date(start, minutes=30)
		codes = [f"{code:08d}" for code in random.SystemRandom().sample(range(10**8), args.check_ins)]
		tag = random.randrange(1000, 10000)
		for index, code in enumerate(codes):
			doc = frappe.get_doc(
				{
					"doctype": APPOINTMENT,
					"applicant_name": f"压测预约{index}",
					"mobile": f"137{tag}{index:04d}",
					"booked_via": "Hotline Booking",
					"service_centre": CENTRE,
					"centre_title": CENTRE,
					"category": CATEGORY,
					"appointment_date": nowdate(),
					"slot_start": start.strftime("%H:%M"),
					"slot_end": end.strftime("%H:%M") if end.date() == start.date() else "23:59",
					"status": "Booked",
					"check_in_code": code,
				}
			)
			set_scope_centres(doc)
			doc.db_insert()
		frappe.db.commit()
	return codes


def check_in(args, info: dict) -> None:
	"""Every code checked in; a check-in that failed on the server (5xx) is tried again, up to RETRIES times a
	code; one refused (4xx) is not."""
	codes = insert_check_ins(args, info)
	lock = threading.Lock()
	latencies: list[float] = []
	errors: Counter = Counter()
	refused: Counter = Counter()
	waiting = [(code, 0) for code in codes]

	def kiosk() -> None:
		session = new_session(args.site)
		while not STOP.is_set():
			with lock:
				if not waiting:
					return
				code, tries = waiting.pop()
			answer, ms, error = post(
				session, args.url, f"{HALL}.appointments.check_in", centre=CENTRE, code=code
			)
			with lock:
				if not error:
					latencies.append(ms)
				elif answer is not None and answer.status_code < 500:
					refused[error] += 1
				else:
					errors[error] += 1
					if tries + 1 < RETRIES:
						waiting.insert(0, (code, tries + 1))

	wall = run_threads([kiosk] * args.clients)
	with in_site(args.site):
		checked = frappe.db.count(APPOINTMENT, {"service_centre": CENTRE, "status": "Checked In"})
		tickets = frappe.db.count(TICKET, {"service_centre": CENTRE, "source": "Appointment"})
	attempts = len(latencies) + errors.total() + refused.total()
	print(
		f"4. check_in (guest, {args.clients} concurrent clients, {len(codes)} appointments of today): "
		f"{len(latencies)} checked in in {wall:.1f} s, {attempts} attempts; checked in: {figures(latencies)}; "
		f"appointments Checked In: {checked}, their tickets: {tickets}",
		flush=True,
	)
	print(
		f"   failed on the server: {errors.total()} ({100 * errors.total() / max(attempts, 1):.0f}%): "
		f"{errors_text(errors)}; refused: {errors_text(refused)}",
		flush=True,
	)


# --- 5. 预约 --------------------------------------------------------------------------------------------


def book_one_slot(args, info: dict) -> None:
	seat = login(args.url, args.site, SEAT, info["password"])
	target = None
	for day in info["booking_days"]:
		answer = seat.get(
			f"{args.url}/api/method/{HALL}.appointments.available_slots",
			params={"centre": CENTRE, "category": CATEGORY, "day": day},
			timeout=TIMEOUT,
		)
		answer.raise_for_status()
		fresh = [s for s in answer.json()["message"]["slots"] if s["open"] and s["left"] == s["capacity"]]
		if fresh:
			target = (day, fresh[-1])
			break
	if not target:
		print(f"5. booking: no fresh open slot on the working days {info['booking_days']}", flush=True)
		return
	day, slot = target
	tag = random.randrange(1000, 10000)
	lock = threading.Lock()
	latencies: list[float] = []
	answers: Counter = Counter()
	gate = threading.Barrier(args.bookers)

	def caller(index: int) -> None:
		session = new_session(args.site)
		session.cookies.update(seat.cookies)  # the seat's session, one connection per caller
		body = {
			"applicant_name": f"压测来电{index}",
			"mobile": f"138{tag}{index:04d}",
			"service_centre": CENTRE,
			"category": CATEGORY,
			"appointment_date": day,
			"slot_start": slot["start"],
		}
		try:
			gate.wait(30)
		except threading.BrokenBarrierError:
			return
		if STOP.is_set():
			return
		start = time.perf_counter()
		try:
			response = session.post(f"{args.url}/api/resource/{APPOINTMENT}", json=body, timeout=TIMEOUT)
			error = "" if response.status_code == 200 else failure(response)
		except requests.RequestException as exc:
			error = failure(None, exc)
		ms = (time.perf_counter() - start) * 1000
		with lock:
			latencies.append(ms)
			answers[error or "200 booked"] += 1

	run_threads([lambda i=i: caller(i) for i in range(args.bookers)])
	with in_site(args.site):
		where = {"service_centre": CENTRE, "category": CATEGORY}
		row = frappe.db.get_value(
			SLOT,
			{**where, "slot_date": day, "slot_start": slot["start"]},
			["capacity", "booked"],
			as_dict=True,
		)
		row = row or frappe._dict()
		stored = frappe.db.count(
			APPOINTMENT, {**where, "appointment_date": day, "slot_start": slot["start"], "status": "Booked"}
		)
	capacity = slot["capacity"]
	print(
		f"5. booking ({args.bookers} hotline calls at once for the slot {day} {slot['start']}–{slot['end']}, "
		f"POST /api/resource/GS Appointment): capacity {capacity} (slot row: {row.get('capacity')}); "
		f"booked {answers['200 booked']}; answers: {errors_text(answers)}",
		flush=True,
	)
	print(
		f"   slot's booked afterwards: {row.get('booked')}; overbooking: booked − capacity = "
		f"{(row.get('booked') or 0) - capacity}, appointments stored − capacity = {stored - capacity}; "
		f"booking {figures(latencies)} (all answers)",
		flush=True,
	)


# --- the run ------------------------------------------------------------------------------------------


def main() -> None:
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--url", required=True, help="the running server, e.g. http://127.0.0.1:8012")
	parser.add_argument("--windows", type=int, default=20)
	parser.add_argument("--tickets", type=int, default=2000)
	parser.add_argument("--bookers", type=int, default=50)
	parser.add_argument(
		"--clients", type=int, default=8, help="concurrent kiosks taking numbers, checking in"
	)
	parser.add_argument("--check-ins", type=int, default=200)
	args = parser.parse_args()
	args.url = args.url.rstrip("/")
	requests.get(f"{args.url}/api/method/ping", headers={"Host": args.site}, timeout=10).raise_for_status()

	info = None
	with terminated_as_exit():
		try:
			info = setup(args)
			print(
				f"hall benchmark on {args.site} via {args.url}, {info['today']}: centre {CENTRE} (under "
				f"{info['root']}), {args.windows} windows, category {CATEGORY} (letter {info['prefix']}), "
				f"{args.tickets} tickets, {args.check_ins} check-ins, {args.bookers} bookers",
				flush=True,
			)
			print(f"settings for the run: {info['settings']}", flush=True)
			with restored_settings(args.site, "GS Settings", info["settings"]):
				take_tickets(args, info)
				call_tickets(args, info)
				check_in(args, info)
				book_one_slot(args, info)
		finally:
			STOP.set()
			cleanup(args.site, info)


if __name__ == "__main__":
	main()
