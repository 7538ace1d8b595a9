"""The security suite: identities × paths × DocTypes, over HTTP against a running test site.

scripts/test serves the test site on 127.0.0.1 and passes the world made by
`govservice.tests.security_setup.prepare` (GS_SECURITY_WORLD, JSON). Every identity logs in as itself and
probes every path Frappe exposes for every app DocType; each probe expects a refusal or exactly the
records in scope (`expected`). A new DocType or path is one more row in DOCTYPES or a probe function.
The figures (identities, paths, DocTypes, probes) are printed at the end.
"""

import csv
import io
import json
import os
import re
import threading
import unittest
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import requests

BASE = os.environ.get("GS_E2E_URL", "http://127.0.0.1:8010")
WORLD = json.loads(os.environ.get("GS_SECURITY_WORLD", "{}"))
ADMIN_PASSWORD = os.environ.get("GS_ADMIN_PASSWORD", "admin")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

STAFF_WITH_CASES = ("village", "village2", "township", "township2", "county", "window", "lead", "supervisor")
CASE_SCOPE = {  # which fixture cases each identity's centre covers
	"village": {"v1a"},
	"village2": {"v1b"},
	"township": {"v1a", "v1b"},
	"township2": {"t2"},
	"county": {"v1a", "v1b", "t2", "c"},
	"window": {"v1a", "v1b", "t2", "c"},
	"lead": {"v1a", "v1b", "t2", "c"},
	"supervisor": {"v1a", "v1b"},
}
OWN_CASES = {"portal_a": {"v1a"}, "portal_b": {"t2"}}
# Who reads the full resident ID number (permission level 1 on GS Case): the handlers
ID_READERS = ("village", "village2", "township", "township2", "county", "window", "lead")
IDENTITIES = (*STAFF_WITH_CASES, "contact", "contact2", "supervisory", "portal_a", "portal_b", "guest")
CITIZENS = ("portal_a", "portal_b", "guest")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
FULL_READ_PATHS = ("REST get", "REST v2 get", "frappe.client.get", "getdoc", "get_docinfo")


def case_names(keys) -> set[str]:
	return {WORLD["cases"][key] for key in keys}


def expected(identity: str, doctype: str) -> set[str]:
	"""Records of the fixture world `identity` may read through the desk's paths."""
	if identity in CITIZENS:
		return set()  # citizens and guests use the portal, never the desk API
	scope = CASE_SCOPE.get(identity, set())
	cases = case_names(scope)
	if doctype == "GS Case":
		return cases
	if doctype in ("GS Case Material", "GS Case Task", "GS Case Consultation"):
		return cases  # by parent
	if doctype in ("GS One-Time Notice", "GS Notice Material"):
		return {name for key, name in WORLD["notices"].items() if key in scope}
	if doctype == "GS Work Log":
		return {name for case, names in WORLD["work_logs"].items() if case in cases for name in names}
	if doctype in (
		"GS Key Project",
		"GS Project Approval",
		"GS Project Team Member",
		"GS Project Stage",
		"GS Project Material",
		"GS Project Approval Pause",
		"GS Project Deferred Material",
	):
		# its handling centre's scope (the township's agent is its liaison), its supervisor, the county, the
		# department that approves in it, and the supervisory department (to read); child rows follow it
		readers = {"township", "county", "supervisor", "contact", "supervisory"}
		return {WORLD["key_project"]} if identity in readers else set()
	if doctype in OUTREACH_DOCTYPES:
		# the special-group register, its visits and the collection sheets: the village's agents, its
		# township's agents and supervisor, the county's agents (never the windows, departments, supervisory
		# staff or citizens); the world's visit and sheet are the first village's
		outreach = WORLD["outreach"]
		villages = {"v1a", "v1b"} & scope if identity in OUTREACH_READERS else set()
		if doctype == "GS Special Group Member":
			return {outreach["members"][key] for key in villages}
		return {outreach["visit" if "Visit" in doctype else "sheet"]} if "v1a" in villages else set()
	if doctype == "GS Project Reminder":
		# read by supervisors (and administrators), for their centres' projects: the world's is the township's
		return {WORLD["project_reminder"]} if identity == "supervisor" else set()
	if doctype == "GS Case Reminder":
		# read by supervisors (and administrators), for their centres' cases
		readers = {"supervisor"}
		return {WORLD["reminders"][case] for case in cases} if identity in readers else set()
	if doctype in ("GS Rating", "GS Rectification"):
		record = WORLD["rating"] if doctype == "GS Rating" else WORLD["rectification"]
		readers = {"village", "township", "county", "supervisor", "supervisory"}
		return {record} if identity in readers else set()
	if doctype == "GS Supervision Alert":
		# 监察预警: the supervisory department all; the first township's supervisor the alert of its village's
		# case; the person each names (the village's agent, the department's contact) their own
		alerts = WORLD["alerts"]
		return {
			"supervisory": {alerts["case"], alerts["complaint"]},
			"supervisor": {alerts["case"]},
			"village": {alerts["case"]},
			"contact": {alerts["complaint"]},
		}.get(identity, set())
	if doctype in ("GS Performance Report", "GS Performance Row"):
		# 绩效月报: the supervisory department every centre's; the first township's supervisor its township's
		# and its villages'; nobody else (child rows follow their report)
		reports = WORLD["performance"]["reports"]
		keys = {"supervisory": set(reports), "supervisor": {"t1", "v1a", "v1b"}}.get(identity, set())
		if doctype == "GS Performance Row":
			keys &= set(WORLD["performance"]["with_rows"])
		return {reports[key] for key in keys if reports.get(key)}
	if doctype in (
		"GS Joint Meeting",
		"GS Meeting Agenda Item",
		"GS Meeting Attendance",
		"GS Meeting Decision",
	):
		# 联席会议: the county's meeting, read by the supervisory department, the supervisors and the departments
		readers = {"supervisory", "supervisor", "contact", "contact2"}
		return {WORLD["meeting"]["name"]} if identity in readers else set()
	if doctype in ("GS Inspection", "GS Inspection Result", "GS Inspection Finding"):
		# 督查检查 of the first village: its staff, its township's and the county's, its township's supervisor,
		# and the supervisory department
		readers = {"village", "township", "county", "supervisor", "supervisory"}
		return {WORLD["inspection"]["name"]} if identity in readers else set()
	if doctype == "GS Evaluation Round":
		# 三亮三评: every member of staff who is evaluated or evaluates (not the departments, not citizens)
		readers = {*STAFF_WITH_CASES, "supervisory"}
		return {WORLD["evaluation"]["name"]} if identity in readers else set()
	if doctype == "GS Evaluation Result":
		# an agent their own result; the first township's supervisor his township's and villages' agents and
		# centres; the supervisory department all; window officers (no agent record) and departments none
		evaluation = WORLD["evaluation"]
		results, centres = evaluation["results"], evaluation["centres"]
		if identity == "supervisory":
			return set(results.values()) | set(centres.values())
		if identity == "supervisor":
			agents = {results[k] for k in ("village", "village2", "township", "mate")}
			return agents | {centres[k] for k in ("t1", "v1a", "v1b")}
		return {results[identity]} if identity in results else set()
	if doctype == "GS Peer Rating":
		# a colleague's score only its rater: the village's agent reads the score it gave, not the one it got
		peer = WORLD["evaluation"]["peer"]
		return {peer["by_village"]} if identity == "village" else set()
	if doctype in ("GS Township Assessment", "GS Assessment Ranking", "GS Assessment Line"):
		# 综合考核: the supervisory department and the supervisors (the county's ranking); child rows follow
		return {WORLD["assessment"]["name"]} if identity in ("supervisory", "supervisor") else set()
	if doctype == "GS Stationed Staff Score":
		# the stationed staff's rows (every township's, both sides: level 1): the supervisory department only;
		# each side reads its own through 驻镇人员双重考核
		return {WORLD["assessment"]["name"]} if identity == "supervisory" else set()
	if doctype == "GS Assessment Indicator":
		readers = ("supervisory", "supervisor")
		return set(WORLD["assessment"]["indicators"]) if identity in readers else set()
	if doctype == "GS Questionnaire Response":
		# anonymous answers: the supervisory department all; the first township's supervisor its village's
		answers = WORLD["assessment"]["answers"]
		return {"supervisory": set(answers.values()), "supervisor": {answers["v1a"]}}.get(identity, set())
	if doctype in ("GS Hall Category", "GS Hall Category Item", "GS Hall Category Window"):
		# 业务类别: every member of the hall's and the centres' staff reads them (not departments, not citizens)
		readers = {*STAFF_WITH_CASES, "supervisory"}
		return {WORLD["hall"]["category"]} if identity in readers else set()
	if doctype == "GS Queue Ticket":
		# tickets (no personal data): the county's window officers (the county and below), the first
		# township's supervisor its own, the supervisory department all; agents and departments none
		tickets = WORLD["hall"]["tickets"]
		keys = {"window": {"county", "t1"}, "lead": {"county", "t1"}, "supervisory": {"county", "t1"}}
		keys["supervisor"] = {"t1"}
		return {tickets[key] for key in keys.get(identity, set())}
	if doctype == "GS Appointment":
		# names and mobiles: the hall's window officers and the township's supervisor, by centre (the
		# hotline seats book for every centre); not the supervisory department
		booked = WORLD["hall"]["appointments"]
		keys = {"window": {"county", "t1"}, "lead": {"county", "t1"}, "supervisor": {"t1"}}
		return {booked[key] for key in keys.get(identity, set())}
	if doctype == "GS Window Session":
		readers = ("window", "lead", "supervisory")
		return {WORLD["hall"]["session"]} if identity in readers else set()
	if doctype in ("GS Appointment Slot", "GS Hotline Platform"):
		return set()  # the administrators' only
	if doctype == "GS Result Handover":
		# the first township's results window: its township's and the county's window staff and agents, its
		# supervisor (not the village whose case it is, which sees the case's own result_issued_on)
		readers = ("township", "county", "window", "lead", "supervisor")
		return {WORLD["hall"]["handover"]} if identity in readers else set()
	if doctype in ("GS Back Office Task", "GS Back Office Material"):
		# 按责转办: 安全一村's case with the first department: the village's front (its village, township and
		# county staff, the county's windows, the township's supervisor), that department's contact and the
		# supervisory department; not the second village, the other township or department, nor citizens
		readers = ("village", "township", "county", "window", "lead", "supervisor", "contact", "supervisory")
		return {WORLD["hall"]["back_office"]} if identity in readers else set()
	if doctype == "GS Work Order":
		# 12345 work orders: the hotline seats (not in this matrix) and the supervisory department
		return {WORLD["hall"]["work_order"]} if identity == "supervisory" else set()
	if doctype == "GS Complaint":
		complaints = WORLD["complaints"]
		if identity in ("window", "lead", "supervisor", "supervisory"):
			return set(complaints.values())
		return {"contact": {complaints["d1"]}, "contact2": {complaints["d2"]}}.get(identity, set())
	if doctype == "File":
		return {WORLD["file_names"][case] for case in cases}
	if doctype == "User":
		users = WORLD["users"]
		linked = {
			"village": {"portal_a"},
			"township": {"portal_a"},
			"township2": {"portal_b"},
			"county": {"portal_a", "portal_b"},
			"window": {"portal_a", "portal_b"},
			"lead": {"portal_a", "portal_b"},
			"supervisor": {"portal_a", "portal_b"},
			"contact": {"portal_a"},
			"contact2": {"portal_b"},
			"supervisory": {"portal_a", "portal_b"},
		}.get(identity, set())
		return {users[key] for key in linked}
	if doctype == "GS Portal Profile":
		users = WORLD["users"]
		return {users["portal_a"], users["portal_b"]} if identity in ("window", "lead") else set()
	raise KeyError(doctype)


def expected_writers_of_case() -> tuple[str, ...]:
	"""Who writes 安全一村's case: its village's, township's and county's agents and the county's windows."""
	return ("village", "township", "county", "window", "lead", "supervisor")


def own_records(identity: str, doctype: str) -> set[str]:
	"""What a citizen's web-form link fields may find: their own requests (nothing else of the desk)."""
	return case_names(OWN_CASES.get(identity, set())) if doctype == "GS Case" else set()


def fixture_records(doctype: str) -> set[str]:
	everyone = set()
	for identity in ("county", "supervisory", "window"):
		everyone |= expected(identity, doctype)
	if doctype == "GS Complaint":
		everyone |= set(WORLD["complaints"].values())
	if doctype == "GS Case Reminder":
		everyone |= set(WORLD["reminders"].values())
	if doctype == "GS Project Reminder":
		everyone.add(WORLD["project_reminder"])
	if doctype == "GS Peer Rating":
		everyone |= set(WORLD["evaluation"]["peer"].values())  # the one nobody but its rater reads too
	return everyone


OUTREACH_READERS = ("village", "village2", "township", "county", "supervisor")
OUTREACH_DOCTYPES = (
	"GS Special Group Member",
	"GS Special Group Visit",
	"GS Visit Need",
	"GS Collection Sheet",
	"GS Collection Request",
)
OUTREACH_PRINTS = {
	"GS Special Group Member": "GS Special Group Contact Card",
	"GS Collection Sheet": "GS Collection Notice",
}

# the app's DocTypes and the records of each in the world
DOCTYPES = (
	"GS Special Group Member",
	"GS Special Group Visit",
	"GS Collection Sheet",
	"GS Case",
	"GS One-Time Notice",
	"GS Work Log",
	"GS Case Reminder",
	"GS Key Project",
	"GS Project Reminder",
	"GS Rating",
	"GS Rectification",
	"GS Complaint",
	"GS Supervision Alert",
	"GS Performance Report",
	"GS Joint Meeting",
	"GS Inspection",
	"GS Evaluation Round",
	"GS Evaluation Result",
	"GS Peer Rating",
	"GS Township Assessment",
	"GS Assessment Indicator",
	"GS Questionnaire Response",
	"GS Portal Profile",
	"GS Hall Category",
	"GS Queue Ticket",
	"GS Appointment",
	"GS Window Session",
	"GS Appointment Slot",
	"GS Result Handover",
	"GS Work Order",
	"GS Hotline Platform",
	"GS Back Office Task",
	"File",
	"User",
)
CHILD_TABLES = (
	("GS Case Material", "GS Case"),
	("GS Case Task", "GS Case"),
	("GS Case Consultation", "GS Case"),
	("GS Notice Material", "GS One-Time Notice"),
	("GS Project Approval", "GS Key Project"),
	("GS Project Team Member", "GS Key Project"),
	("GS Project Stage", "GS Key Project"),
	("GS Project Material", "GS Key Project"),
	("GS Project Approval Pause", "GS Key Project"),
	("GS Project Deferred Material", "GS Key Project"),
	("GS Visit Need", "GS Special Group Visit"),
	("GS Collection Request", "GS Collection Sheet"),
	("GS Performance Row", "GS Performance Report"),
	("GS Meeting Agenda Item", "GS Joint Meeting"),
	("GS Meeting Attendance", "GS Joint Meeting"),
	("GS Meeting Decision", "GS Joint Meeting"),
	("GS Inspection Result", "GS Inspection"),
	("GS Inspection Finding", "GS Inspection"),
	("GS Stationed Staff Score", "GS Township Assessment"),
	("GS Hall Category Item", "GS Hall Category"),
	("GS Hall Category Window", "GS Hall Category"),
	("GS Back Office Material", "GS Back Office Task"),
)


class Client:
	"""One identity's browser-less session."""

	def __init__(self, identity: str, email: str | None, password: str | None):
		self.identity = identity
		self.session = requests.Session()
		self.session.headers["Accept"] = "application/json"
		if email:
			response = self.session.post(f"{BASE}/api/method/login", data={"usr": email, "pwd": password})
			response.raise_for_status()

	def get(self, path: str, **params) -> requests.Response:
		# a read is answered alike when asked again: a server error under the suite's parallel load (a lock
		# wait while another identity's probe writes its Access Log) is asked again, a refusal is not
		for _ in range(3):
			response = self.session.get(BASE + path, params=params, timeout=60)
			if response.status_code < 500:
				break
		return response

	def call(self, _method: str, **data) -> requests.Response:
		payload = {
			key: json.dumps(value) if isinstance(value, dict | list) else value for key, value in data.items()
		}
		return retried(lambda: self.session.post(f"{BASE}/api/method/{_method}", data=payload, timeout=60))

	def put(self, path: str, body: dict) -> requests.Response:
		return retried(lambda: self.session.put(BASE + path, json=body, timeout=60))

	def post_json(self, path: str, body: dict) -> requests.Response:
		return retried(lambda: self.session.post(BASE + path, json=body, timeout=60))


def retried(send, attempts: int = 4) -> requests.Response:
	"""Identities probe the same records at once: a lock wait or deadlock is retried, not counted."""
	for _ in range(attempts):
		response = send()
		if response.status_code != 200 and any(
			error in response.text
			for error in ("QueryDeadlockError", "QueryTimeoutError", "Lock wait timeout")
		):
			continue
		return response
	return response


def ok(response: requests.Response) -> bool:
	return response.status_code == 200


def message(response: requests.Response):
	return response.json().get("message") if ok(response) else None


def answer_of(response: requests.Response) -> tuple:
	"""What an answer tells: its status, message, error type and the messages shown."""
	try:
		body = response.json()
	except ValueError:
		return (response.status_code, response.text)
	shown = []
	for item in json.loads(body.get("_server_messages") or "[]"):
		item = json.loads(item) if isinstance(item, str) else item
		if isinstance(item, dict):
			item.pop("__frappe_exc_id", None)  # a random id per answer
		shown.append(item)
	return (
		response.status_code,
		json.dumps(body.get("message"), sort_keys=True),
		body.get("exc_type"),
		json.dumps(shown, sort_keys=True),
	)


def names_from_list(response: requests.Response, key: str = "data") -> set[str] | None:
	"""Names in a list answer; None for a refusal (which counts as no rows)."""
	if not ok(response):
		return None
	rows = response.json().get(key) or []
	return {row["name"] if isinstance(row, dict) else row[0] for row in rows}


class SecuritySuite(unittest.TestCase):
	@classmethod
	def setUpClass(cls):
		users, password = WORLD["users"], WORLD["password"]
		cls.clients = {
			identity: Client(identity, None if identity == "guest" else users[identity], password)
			for identity in IDENTITIES
		}
		cls.admin = Client("admin", "Administrator", ADMIN_PASSWORD)
		cls.results = []
		cls.lock = threading.Lock()

	@classmethod
	def tearDownClass(cls):
		by_path = Counter(path for _i, _d, path, _r, _ok in cls.results)
		doctypes = {doctype for _i, doctype, _p, _r, _ok in cls.results}
		print(
			f"\nsecurity suite: {len(cls.results)} probes, {len(IDENTITIES)} identities, {len(by_path)} paths, "
			f"{len(doctypes)} DocTypes",
			flush=True,
		)
		for path, count in sorted(by_path.items()):
			print(f"  {path:42} {count:5}", flush=True)

	def record(self, identity, doctype, path, record, passed, detail=""):
		with self.lock:
			self.results.append((identity, doctype, path, record, passed))
			if not passed:
				self.failures_seen.append(f"{identity} · {doctype} · {path} · {record} {detail}")

	def run_matrix(self, probe, workers: int = 8):
		"""Run `probe(client, identity)` for every identity (in parallel unless the probes write to the same
		records); fail with every wrong answer."""
		self.failures_seen = []
		with ThreadPoolExecutor(max_workers=workers) as pool:
			for future in [pool.submit(probe, self.clients[i], i) for i in IDENTITIES]:
				future.result()
		if self.failures_seen:
			self.fail(
				f"{len(self.failures_seen)} probes answered wrongly:\n"
				+ "\n".join(sorted(self.failures_seen)[:80])
			)

	def check_set(self, identity, doctype, path, got: set[str] | None, want: set[str], universe: set[str]):
		got = (got or set()) & universe
		self.record(identity, doctype, path, "*", got == want, f"got {sorted(got)} want {sorted(want)}")

	# --- reading lists --------------------------------------------------------------------------------

	def test_lists_return_exactly_the_records_in_scope(self):
		def probe(client: Client, identity: str):
			for doctype in DOCTYPES:
				universe = fixture_records(doctype)
				want = expected(identity, doctype)
				name_filter = json.dumps([["name", "in", sorted(universe)]])
				rest = client.get(f"/api/resource/{doctype}", filters=name_filter, limit_page_length=0)
				self.check_set(identity, doctype, "REST list", names_from_list(rest), want, universe)
				v2 = client.get(f"/api/v2/document/{doctype}", filters=name_filter, limit=500)
				self.check_set(identity, doctype, "REST v2 list", names_from_list(v2), want, universe)
				got = client.call(
					"frappe.client.get_list", doctype=doctype, filters=name_filter, limit_page_length=0
				)
				self.check_set(
					identity,
					doctype,
					"frappe.client.get_list",
					names_from_list(got, "message"),
					want,
					universe,
				)
				report = client.call(
					"frappe.desk.reportview.get",
					doctype=doctype,
					fields=json.dumps([f"`tab{doctype}`.`name`"]),
					filters=name_filter,
					page_length=500,
				)
				rows = set()
				if ok(report) and report.json().get("message"):
					rows = {row[0] for row in report.json()["message"].get("values", [])}
				self.check_set(
					identity, doctype, "reportview.get", rows if ok(report) else None, want, universe
				)
				export = client.call(
					"frappe.desk.reportview.export_query",
					doctype=doctype,
					file_format_type="CSV",
					fields=json.dumps([f"`tab{doctype}`.`name`"]),
					filters=name_filter,
				)
				if ok(export):  # export needs the export permission: a refusal is fine, a leak is not
					exported = {
						cell
						for row in csv.reader(io.StringIO(export.content.decode("utf-8-sig")))
						for cell in row
					}
					self.check_set(identity, doctype, "reportview.export_query", exported, want, universe)
				else:
					self.record(identity, doctype, "reportview.export_query", "*", True)
				for flag in (0, 1):
					search = client.call(
						"frappe.desk.search.search_link",
						doctype=doctype,
						txt="",
						page_length=500,
						ignore_user_permissions=flag,
					)
					found = {row["value"] for row in search.json()["message"]} if ok(search) else None
					search_want = own_records(identity, doctype) if identity in CITIZENS else want
					self.check_set(
						identity,
						doctype,
						f"search_link (ignore_user_permissions={flag})",
						found,
						search_want,
						universe,
					)
				widget = client.call(
					"frappe.desk.search.search_widget",
					doctype=doctype,
					txt="",
					page_length=500,
					ignore_user_permissions=1,
					as_dict=1,
				)
				found = (
					{row["name"] if isinstance(row, dict) else row[0] for row in widget.json()["message"]}
					if ok(widget)
					else None
				)
				self.check_set(identity, doctype, "search_widget", found, want, universe)

		self.run_matrix(probe)

	def test_counts_are_the_lists_counts(self):
		def probe(client: Client, identity: str):
			for doctype in DOCTYPES:
				universe = fixture_records(doctype)
				want = len(expected(identity, doctype))
				name_filter = json.dumps([["name", "in", sorted(universe)]])
				for path, response in (
					(
						"frappe.client.get_count",
						client.call("frappe.client.get_count", doctype=doctype, filters=name_filter),
					),
					(
						"reportview.get_count",
						client.call("frappe.desk.reportview.get_count", doctype=doctype, filters=name_filter),
					),
					("REST v2 count", client.get(f"/api/v2/doctype/{doctype}/count", filters=name_filter)),
				):
					got = (
						(response.json().get("message", response.json().get("data")) or 0)
						if ok(response)
						else 0
					)
					self.record(identity, doctype, path, "*", got == want, f"got {got} want {want}")
				for field in ("owner", "assigned_to"):
					response = client.call(
						"frappe.desk.listview.get_group_by_count",
						doctype=doctype,
						current_filters=name_filter,
						field=field,
					)
					got = sum(row["count"] for row in message(response) or []) if ok(response) else 0
					truth = self.admin.call(
						"frappe.desk.listview.get_group_by_count",
						doctype=doctype,
						current_filters=json.dumps([["name", "in", sorted(expected(identity, doctype))]]),
						field=field,
					)
					want_count = sum(row["count"] for row in message(truth) or []) if want else 0
					self.record(
						identity,
						doctype,
						f"get_group_by_count ({field})",
						"*",
						got == want_count,
						f"got {got} want {want_count}",
					)

		self.run_matrix(probe)

	def test_prefix_counts_reveal_nothing(self):
		"""`id_number like '4201%'` may only count what the caller reads in full already."""
		t2 = WORLD["cases"]["t2"]
		prefix = WORLD["id_numbers"][t2][:8]
		id_filter = json.dumps([["id_number", "like", f"{prefix}%"]])
		phone_filter = json.dumps([["phone", "like", "1391%"]])

		def probe(client: Client, identity: str):
			readable = expected(identity, "GS Case")
			matching = {name for name in readable if WORLD["id_numbers"][name].startswith(prefix)}
			for path, method, key in (
				("frappe.client.get_count", "frappe.client.get_count", "filters"),
				("reportview.get_count", "frappe.desk.reportview.get_count", "filters"),
				("get_group_by_count", "frappe.desk.listview.get_group_by_count", "current_filters"),
			):
				extra = {"field": "owner"} if "group_by" in method else {}
				response = client.call(method, doctype="GS Case", **{key: id_filter}, **extra)
				if identity in ID_READERS:
					got = message(response)
					got = sum(row["count"] for row in got) if isinstance(got, list) else got
					passed = (
						ok(response)
						and (got or 0) <= len(readable)
						and (got or 0) >= len(matching)
						and (t2 in readable or (got or 0) == len(matching))
					)
				else:
					passed = not ok(response) or not message(response)
				self.record(
					identity, "GS Case", f"{path} id_number prefix", prefix, passed, response.text[:160]
				)
			response = client.call("frappe.client.get_count", doctype="GS Case", filters=phone_filter)
			got = message(response) or 0
			self.record(
				identity, "GS Case", "get_count phone prefix", "1391", got <= len(readable), f"got {got}"
			)
			filer = client.call(
				"frappe.client.get_count",
				doctype="GS Case",
				filters=json.dumps([["filer_id_number", "like", f"{prefix}%"]]),
			)
			passed = identity in ID_READERS or not ok(filer) or not message(filer)
			self.record(
				identity, "GS Case", "get_count filer_id_number prefix", prefix, passed, filer.text[:120]
			)
			sort = client.get("/api/resource/GS Case", order_by="id_number asc", limit_page_length=0)
			passed = identity in ID_READERS or not ok(sort) or not sort.json().get("data")
			self.record(identity, "GS Case", "REST list order_by id_number", "*", passed, sort.text[:120])

		self.run_matrix(probe)

	# --- reading one record ---------------------------------------------------------------------------

	def test_single_record_paths(self):
		def probe(client: Client, identity: str):
			for doctype in DOCTYPES:
				want = expected(identity, doctype)
				for name in sorted(fixture_records(doctype)):
					allowed = name in want
					checks = {
						"REST get": ok(client.get(f"/api/resource/{doctype}/{name}")),
						"REST v2 get": ok(client.get(f"/api/v2/document/{doctype}/{name}")),
						"frappe.client.get": ok(client.call("frappe.client.get", doctype=doctype, name=name)),
						"frappe.client.get_value": bool(
							message(
								client.call(
									"frappe.client.get_value",
									doctype=doctype,
									fieldname="name",
									filters=json.dumps({"name": name}),
								)
							)
						),
						"getdoc": ok(client.call("frappe.desk.form.load.getdoc", doctype=doctype, name=name)),
						"get_docinfo": ok(
							client.call("frappe.desk.form.load.get_docinfo", doctype=doctype, name=name)
						),
						"validate_link": (
							message(client.call("frappe.client.validate_link", doctype=doctype, docname=name))
							or {}
						).get("name")
						== name,
					}
					if doctype in ("GS Case", "GS Complaint", "GS One-Time Notice"):
						checks["printview Standard"] = ok(
							client.get("/printview", doctype=doctype, name=name, format="Standard")
						)
						checks["frappe download_pdf"] = ok(
							client.get(
								"/api/method/frappe.utils.print_format.download_pdf",
								doctype=doctype,
								name=name,
								format="Standard",
							)
						)
					if doctype in OUTREACH_PRINTS:
						for path, response in (
							(
								"app download_pdf",
								client.get(
									"/api/method/govservice.api.printing.download_pdf",
									doctype=doctype,
									name=name,
									print_format=OUTREACH_PRINTS[doctype],
								),
							),
							(
								"frappe download_pdf",
								client.get(
									"/api/method/frappe.utils.print_format.download_pdf",
									doctype=doctype,
									name=name,
									format=OUTREACH_PRINTS[doctype],
								),
							),
							(
								"printview Standard",
								client.get("/printview", doctype=doctype, name=name, format="Standard"),
							),
						):
							checks[path] = ok(response) and (
								path == "printview Standard" or response.content.startswith(b"%PDF")
							)
					if doctype == "GS Key Project":
						for print_format in (
							"GS Project Agency Agreement",
							"GS Project Plan Timetable",
							"GS Project Joint Application",
						):
							checks[f"app download_pdf {print_format}"] = ok(
								client.get(
									"/api/method/govservice.api.printing.download_pdf",
									doctype=doctype,
									name=name,
									print_format=print_format,
								)
							)
					for path, got in checks.items():
						# desk users may select accounts, never open them (read is for system managers)
						want_ok = allowed and not (doctype == "User" and path in FULL_READ_PATHS)
						if identity in CITIZENS and path == "validate_link":
							want_ok = name in own_records(identity, doctype)
						self.record(
							identity, doctype, path, name, got == want_ok, f"got {got} want {want_ok}"
						)

		self.run_matrix(probe)

	def test_child_rows_follow_their_parent(self):
		def probe(client: Client, identity: str):
			for child, parent in CHILD_TABLES:
				universe = fixture_records(parent)
				want = expected(identity, child)
				if child == "GS Case Consultation" and identity not in STAFF_WITH_CASES:
					want = set()
				for path, response in (
					(
						"REST list ?parent=",
						client.get(
							f"/api/resource/{child}",
							parent=parent,
							fields=json.dumps(["name", "parent"]),
							limit_page_length=0,
						),
					),
					(
						"frappe.client.get_list parent=",
						client.call(
							"frappe.client.get_list",
							doctype=child,
							parent=parent,
							fields=json.dumps(["name", "parent"]),
							limit_page_length=0,
						),
					),
				):
					rows = (
						(response.json().get("data") or response.json().get("message") or [])
						if ok(response)
						else []
					)
					got = {row["parent"] for row in rows} & universe
					self.record(
						identity, child, path, "*", got == want, f"got {sorted(got)} want {sorted(want)}"
					)
				rows = self.admin.get(
					f"/api/resource/{child}",
					parent=parent,
					fields=json.dumps(["name", "parent"]),
					limit_page_length=0,
				).json()["data"]
				for row in rows:
					if row["parent"] not in universe:
						continue
					allowed = row["parent"] in want
					got = ok(client.call("frappe.client.get", doctype=child, name=row["name"], parent=parent))
					self.record(
						identity, child, "frappe.client.get child", row["name"], got == allowed, f"got {got}"
					)

		self.run_matrix(probe)

	def test_files_of_records_out_of_scope(self):
		files = WORLD["files"]

		def probe(client: Client, identity: str):
			cases = expected(identity, "GS Case")
			for case, url in files.items():
				allowed = case in cases or (identity in OWN_CASES and case in case_names(OWN_CASES[identity]))
				response = client.get(url)
				self.record(
					identity,
					"File",
					"download private file",
					url,
					ok(response) == allowed,
					str(response.status_code),
				)
				meta = client.get(f"/api/resource/File/{WORLD['file_names'][case]}")
				leaked = case in meta.text and case not in cases
				self.record(identity, "File", "403 names no case", case, not leaked, meta.text[:120])
			if identity in CITIZENS:
				return
			own = sorted(cases)
			for case, url in files.items():
				if case in cases or not own:
					continue
				forged = client.post_json(
					"/api/resource/File",
					{
						"file_url": url,
						"attached_to_doctype": "GS Case",
						"attached_to_name": own[0],
						"is_private": 1,
					},
				)
				self.record(
					identity,
					"File",
					"File pointing at another's private file",
					case,
					not ok(forged),
					forged.text[:160],
				)
				orphan = client.post_json("/api/resource/File", {"file_url": url, "is_private": 1})
				self.record(
					identity,
					"File",
					"unattached File at another's private file",
					case,
					not ok(orphan),
					orphan.text[:160],
				)

		self.run_matrix(probe)

	def test_staff_uploads_meet_the_upload_rules(self):
		def probe(client: Client, identity: str):
			cases = sorted(expected(identity, "GS Case"))
			if not cases:
				return
			for label, filename, content in (
				("exe renamed pdf", "setup.pdf", b"MZ\x90\x00" + b"\x00" * 64),
				("20 MB pdf", "big.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024)),
				("html page", "page.html", b"<html><script>alert(1)</script></html>"),
			):
				response = client.session.post(
					f"{BASE}/api/method/upload_file",
					data={"doctype": "GS Case", "docname": cases[0], "is_private": 1},
					files={"file": (filename, content)},
					timeout=120,
				)
				self.record(
					identity, "File", f"upload_file {label}", cases[0], not ok(response), response.text[:120]
				)

		self.run_matrix(probe)

	def test_user_directory(self):
		users = WORLD["users"]
		citizens = {users["portal_a"], users["portal_b"]}

		def probe(client: Client, identity: str):
			want = expected(identity, "User")
			response = client.get(
				"/api/resource/User",
				filters=json.dumps([["name", "in", sorted(citizens)]]),
				fields=json.dumps(["name", "last_ip"]),
			)
			self.check_set(identity, "User", "REST list citizens", names_from_list(response), want, citizens)
			search = client.call(
				"frappe.desk.search.search_link", doctype="User", txt="sec.citizen", page_length=50
			)
			found = {row["value"] for row in search.json()["message"]} if ok(search) else None
			self.check_set(identity, "User", "search_link citizens", found, want, citizens)
			for user in sorted(citizens):
				got = message(
					client.call(
						"frappe.client.get_value",
						doctype="User",
						fieldname="name",
						filters=json.dumps({"name": user}),
					)
				)
				self.record(
					identity, "User", "get_value citizen", user, bool(got) == (user in want), str(got)
				)
			staff = message(
				client.call(
					"frappe.client.get_value",
					doctype="User",
					fieldname="name",
					filters=json.dumps({"name": users["window"]}),
				)
			)
			if identity not in CITIZENS:
				self.record(identity, "User", "staff see staff", users["window"], bool(staff), str(staff))

		self.run_matrix(probe)

	# --- writing --------------------------------------------------------------------------------------

	def own_centre(self, identity: str) -> str | None:
		agent_centres = {
			"village": "v1a",
			"village2": "v1b",
			"township": "t1",
			"township2": "t2",
			"county": "county",
			"window": "county",
			"lead": "county",
			"supervisor": "t1",
		}
		key = agent_centres.get(identity)
		return WORLD["centres"][key] if key else WORLD["centres"]["v1a"]

	def forged_centre(self, identity: str, case: dict) -> str:
		"""A centre in the identity's own scope that is not the case's: the value a forger would send."""
		own = self.own_centre(identity)
		if own != case["service_centre"]:
			return own
		return WORLD["centres"]["v1b" if own != WORLD["centres"]["v1b"] else "v1a"]

	def test_forged_writes_are_refused(self):
		cases = WORLD["cases"]
		copies = {
			name: self.admin.get(f"/api/resource/GS Case/{name}").json()["data"] for name in cases.values()
		}
		complaints, departments, users = WORLD["complaints"], WORLD["departments"], WORLD["users"]
		window_staff = ("window", "lead", "supervisory")  # the roles that register and dispatch

		def probe(client: Client, identity: str):
			writable = expected(identity, "GS Case")
			for name, stored in copies.items():
				allowed = name in writable
				centre = self.forged_centre(identity, stored)
				other_citizen = (
					users["portal_b"] if stored.get("portal_user") != users["portal_b"] else users["portal_a"]
				)
				# a completed case still takes how its result is handed over, and nothing else
				completed = stored.get("stage") == "Completed"
				field = "result" if completed else "request_note"
				harmless = client.put(f"/api/resource/GS Case/{name}", {field: f"{identity} 备注"})
				self.record(
					identity,
					"GS Case",
					"REST PUT harmless field",
					name,
					ok(harmless) == allowed,
					harmless.text[:120],
				)
				if completed:
					rewritten = client.put(
						f"/api/resource/GS Case/{name}",
						{"applicant_name": f"{identity}改名", "request_note": "改"},
					)
					self.record(
						identity,
						"GS Case",
						"REST PUT completed case",
						name,
						not ok(rewritten),
						rewritten.text[:120],
					)
				for field, value in (
					("service_centre", centre),
					("portal_user", other_citizen),
					("transferred_from", centre),
					("deadline_date", "2099-01-01"),
					("status", "Archived"),
				):
					forged = client.put(f"/api/resource/GS Case/{name}", {field: value})
					self.record(
						identity, "GS Case", f"REST PUT {field}", name, not ok(forged), forged.text[:120]
					)
				set_value = client.call(
					"frappe.client.set_value",
					doctype="GS Case",
					name=name,
					fieldname="service_centre",
					value=centre,
				)
				self.record(
					identity,
					"GS Case",
					"frappe.client.set_value service_centre",
					name,
					not ok(set_value),
					set_value.text[:120],
				)
				copy = dict(stored, service_centre=centre)
				saved = client.call("frappe.desk.form.save.savedocs", doc=json.dumps(copy), action="Save")
				self.record(identity, "GS Case", "savedocs forged", name, not ok(saved), saved.text[:120])
				run = client.call(
					"run_doc_method",
					docs=json.dumps(copy),
					method="record_call",
					args=json.dumps({"note": "x"}),
				)
				self.record(
					identity,
					"GS Case",
					"run_doc_method forged docs",
					name,
					ok(run) == allowed,
					run.text[:120],
				)
				v2 = client.post_json(
					"/api/v2/method/run_doc_method",
					{"method": "record_call", "document": copy, "kwargs": {"note": "x"}},
				)
				if not allowed:  # an allowed caller may meet a timestamp check on the stale copy
					self.record(
						identity, "GS Case", "v2 run_doc_method forged", name, not ok(v2), v2.text[:120]
					)
				workflow = client.call(
					"frappe.model.workflow.apply_workflow", doc=json.dumps(copy), action="Request Materials"
				)
				if allowed:  # the action may run (Frappe reloads the stored case); the forged centre must not
					after = self.admin.get(f"/api/resource/GS Case/{name}").json()["data"]
					held = after["service_centre"] == stored["service_centre"]
				else:
					held = not ok(workflow)
				self.record(identity, "GS Case", "apply_workflow forged", name, held, workflow.text[:120])
				row = stored["materials"][0]["name"]
				other_case = cases["c"] if name != cases["c"] else cases["v1a"]
				moved = client.put(f"/api/resource/GS Case Material/{row}", {"parent": other_case})
				self.record(
					identity, "GS Case Material", "REST PUT parent", row, not ok(moved), moved.text[:120]
				)
				planted = client.put(
					f"/api/resource/GS Case Material/{row}", {"portal_file": WORLD["files"][other_case]}
				)
				self.record(
					identity,
					"GS Case Material",
					"REST PUT portal_file",
					row,
					not ok(planted),
					planted.text[:120],
				)
				edited = client.put(f"/api/resource/GS Case Material/{row}", {"notes": f"{identity} 核对"})
				self.record(
					identity,
					"GS Case Material",
					"REST PUT notes",
					row,
					ok(edited) == allowed,
					edited.text[:120],
				)
			for key, name in complaints.items():
				stored = self.admin.get(f"/api/resource/GS Complaint/{name}").json()["data"]
				other_department = (
					departments["d2"] if stored.get("department") != departments["d2"] else departments["d1"]
				)
				other_citizen = (
					users["portal_b"] if stored.get("portal_user") != users["portal_b"] else users["portal_a"]
				)
				for field, value in (
					("department", other_department),
					("dispatched_on", "2026-01-01 10:00:00"),
					("assigned_to", users["supervisory"]),
					("portal_user", other_citizen),
					("status", "Closed"),
				):
					# the window may correct the department of a matter it has not dispatched yet
					may = field == "department" and key == "new" and identity in window_staff
					forged = client.put(f"/api/resource/GS Complaint/{name}", {field: value})
					self.record(
						identity,
						"GS Complaint",
						f"REST PUT {field}",
						name,
						ok(forged) == may,
						forged.text[:120],
					)
					if may and ok(forged):
						self.admin.put(f"/api/resource/GS Complaint/{name}", {field: stored.get(field)})

		self.run_matrix(probe, workers=1)

	def test_key_project_writes_and_actions(self):
		"""Only the project's writers change it, never its scope or its statuses by a plain save; the stage
		and approval actions check who acts (a department only on its own approvals)."""
		name = WORLD["key_project"]
		rows = WORLD["key_project_rows"]
		stored = self.admin.get(f"/api/resource/GS Key Project/{name}").json()["data"]
		writers = {"township", "county"}  # agents of the handling centre's scope
		recorders = writers | {"contact"}  # and the approving department, for its approvals

		def probe(client: Client, identity: str):
			harmless = client.put(
				f"/api/resource/GS Key Project/{name}", {"site_address": f"{identity} 地址"}
			)
			self.record(
				identity,
				"GS Key Project",
				"REST PUT harmless field",
				name,
				ok(harmless) == (identity in writers),
				harmless.text[:120],
			)
			for field, value in (
				("service_centre", WORLD["centres"]["t2"]),
				("liaison_agent", WORLD["agents"]["township2"]),
				("status", "Completed"),
				("accepted_on", "2020-01-01"),
			):
				forged = client.put(f"/api/resource/GS Key Project/{name}", {field: value})
				self.record(
					identity, "GS Key Project", f"REST PUT {field}", name, not ok(forged), forged.text[:120]
				)
			for field, value in (
				("approval_status", "Approved"),
				("is_escalated", 1),
				("is_paused", 1),
				("due_date", "2099-12-31"),
				("planned_start", "2020-01-01"),
			):
				approvals = [dict(row) for row in stored["approvals"]]
				approvals[0][field] = value
				forged = client.put(f"/api/resource/GS Key Project/{name}", {"approvals": approvals})
				self.record(
					identity,
					"GS Key Project",
					f"REST PUT approval {field}",
					name,
					not ok(forged),
					forged.text[:120],
				)
			accept = client.call("run_doc_method", dt="GS Key Project", dn=name, method="accept_stage")
			# a writer is told the next stage cannot open yet (417); anyone else is refused (403)
			self.record(
				identity,
				"GS Key Project",
				"accept_stage",
				name,
				accept.status_code == (417 if identity in writers else 403),
				accept.text[:120],
			)
			handover = client.call(
				"run_doc_method",
				dt="GS Key Project",
				dn=name,
				method="change_liaison",
				args=json.dumps({"agent": stored["liaison_agent"], "reason": "安全测试"}),
			)
			# a writer is told the agent already is the liaison (417); anyone else is refused (403)
			self.record(
				identity,
				"GS Key Project",
				"change_liaison",
				name,
				handover.status_code == (417 if identity in writers else 403),
				handover.text[:120],
			)
			deferred = stored["deferred_items"][0]["name"]
			# 417 to the team and the department, 403 to others: the stage of 施工许可证核发 has not opened;
			# 告知承诺制 / 容缺: 项目核准 is no commitment, the deferred material has arrived already; 催办 with no
			# note (the team and the stage's lead department, the department's contact, are told to write one)
			for method, args in (
				("pause_approval", {"approval": rows["施工许可证核发"], "missing_materials": "安全测试"}),
				("resume_approval", {"approval": rows["施工许可证核发"]}),
				("record_verification", {"approval": rows["项目核准"], "outcome": "Commitment Met"}),
				("receive_deferred", {"deferred": deferred}),
				("urge_approval", {"approval": rows["施工许可证核发"], "note": " "}),
			):
				answer = client.call(
					"run_doc_method", dt="GS Key Project", dn=name, method=method, args=json.dumps(args)
				)
				self.record(
					identity,
					"GS Key Project",
					method,
					name,
					answer.status_code == (417 if identity in recorders else 403),
					answer.text[:120],
				)
			forged_stop = [dict(row) for row in stored.get("approval_pauses", [])] + [
				{"approval_row": rows["项目核准"], "item_name": "项目核准", "paused_on": "2026-01-05"}
			]
			forged = client.put(f"/api/resource/GS Key Project/{name}", {"approval_pauses": forged_stop})
			self.record(
				identity, "GS Key Project", "REST PUT clock stop row", name, not ok(forged), forged.text[:120]
			)
			# a forged arrival date of the deferred material is refused to all
			forged_arrival = [dict(row) for row in stored["deferred_items"]]
			forged_arrival[0]["received_on"] = "2026-01-05"
			forged = client.put(f"/api/resource/GS Key Project/{name}", {"deferred_items": forged_arrival})
			self.record(
				identity,
				"GS Key Project",
				"REST PUT deferred arrival",
				name,
				not ok(forged),
				forged.text[:120],
			)
			record = client.call(
				"run_doc_method",
				dt="GS Key Project",
				dn=name,
				method="record_approval",
				args=json.dumps({"approval": rows["施工许可证核发"]}),
			)
			self.record(
				identity,
				"GS Key Project",
				"record_approval",
				name,
				record.status_code == (417 if identity in recorders else 403),
				record.text[:120],
			)

		self.run_matrix(probe, workers=1)
		after = self.admin.get(f"/api/resource/GS Key Project/{name}").json()["data"]
		self.assertEqual(len(after.get("approval_pauses", [])), len(stored.get("approval_pauses", [])))
		self.assertEqual(
			[(row["received_on"], row["promised_date"]) for row in after["deferred_items"]],
			[(row["received_on"], row["promised_date"]) for row in stored["deferred_items"]],
		)
		for field in ("service_centre", "liaison_agent", "status", "accepted_on"):
			self.assertEqual(after[field], stored[field], field)
		for field in ("approval_status", "is_escalated", "is_paused", "due_date", "planned_start"):
			self.assertEqual(
				[row.get(field) for row in after["approvals"]],
				[row.get(field) for row in stored["approvals"]],
				field,
			)

	def test_key_project_reports_are_the_readers_scope(self):
		"""重点项目代办台账 and 审批提速对比 list exactly the projects the caller reads (or refuse)."""
		name = WORLD["key_project"]

		def probe(client: Client, identity: str):
			# every reader of the project finds it in the ledgers: agents, supervisors, the approving
			# department's contact and leader, the supervisory department
			want = name in expected(identity, "GS Key Project")
			for report in ("Key Project Ledger", "Approval Time Saved"):
				response = client.call("frappe.desk.query_report.run", report_name=report, filters="{}")
				rows = (response.json().get("message") or {}).get("result", []) if ok(response) else []
				got = any(isinstance(row, dict) and row.get("project") == name for row in rows)
				# the time-saved report lists accepted projects only: the world's project is accepted
				self.record(identity, "GS Key Project", f"report {report}", name, got == want, f"got {got}")

		self.run_matrix(probe)

	def test_the_electronic_licence_is_its_applicants(self):
		"""网上出件: 市民B's result was issued as an electronic certificate; it downloads for 市民B and the staff who
		read that case, and is refused alike to everyone else; a case not issued electronically (安全一村's) has
		none for its readers and is refused to the others like a case that does not exist."""
		cases = WORLD["cases"]
		issued, not_issued = cases["t2"], cases["v1a"]
		licence = WORLD["files"][issued]

		def probe(client: Client, identity: str):
			readers = expected(identity, "GS Case") | {cases[key] for key in OWN_CASES.get(identity, ())}
			for case in (issued, not_issued, "GS-CASE-2026-99999", "<script>alert(1)</script>"):
				response = client.get(
					"/api/method/govservice.service_hall.results.download_licence", case=case
				)
				if case == issued and case in readers:
					want, good = (
						200,
						response.headers.get("Content-Disposition", "").startswith("attachment;"),
					)
				elif case == not_issued and case in readers:  # its readers are told there is none yet
					want, good = 417, True
				else:
					want, good = 403, True
				good = good and response.status_code == want and b"<script>" not in response.content
				self.record(
					identity,
					"GS Case",
					"download_licence",
					case,
					good,
					f"{response.status_code} want {want} (licence {licence})",
				)

		self.run_matrix(probe)

	def test_the_cross_centre_ledger_is_the_readers_centres(self):
		"""全县域通办台账: 安全一村's result waits at 安全一镇's results window; the township's side (代发) is read by
		whoever covers the township, the village's side (异地出件) by whoever covers the village; nobody else
		gets a row (departments, the supervisory department and citizens are refused the report)."""
		case, centres = WORLD["cases"]["v1a"], WORLD["centres"]
		both = {centres["t1"], centres["v1a"]}
		wanted = {
			"village": {centres["v1a"]},
			**{key: both for key in ("township", "county", "window", "lead", "supervisor")},
		}

		def probe(client: Client, identity: str):
			response = client.call(
				"frappe.desk.query_report.run", report_name="Cross-Centre Ledger", filters="{}"
			)
			rows = (response.json().get("message") or {}).get("result", []) if ok(response) else []
			got = {row.get("centre") for row in rows if isinstance(row, dict) and row.get("gs_case") == case}
			want = wanted.get(identity, set())
			self.record(
				identity,
				"GS Result Handover",
				"report Cross-Centre Ledger",
				case,
				got == want,
				f"got {got} want {want}",
			)

		self.run_matrix(probe)

	def test_outreach_writes_and_actions(self):
		"""The register, visits and sheets: only their scope writes them, never their village, person or a
		row's case by a plain save; dispatch and Create Cases refuse everyone outside the village's scope."""
		outreach, centres = WORLD["outreach"], WORLD["centres"]
		member, other_member = outreach["members"]["v1a"], outreach["members"]["v1b"]
		visit, sheet = outreach["visit"], outreach["sheet"]
		stored_sheet = self.admin.get(f"/api/resource/GS Collection Sheet/{sheet}").json()["data"]
		stored_visit = self.admin.get(f"/api/resource/GS Special Group Visit/{visit}").json()["data"]
		row, need = stored_sheet["requests"][0], stored_visit["needs"][0]

		def probe(client: Client, identity: str):
			writers = expected(identity, "GS Special Group Member")
			allowed = member in writers
			for doctype, name, field, value in (
				("GS Special Group Member", member, "service_centre", centres["v1b"]),
				("GS Special Group Member", member, "next_visit_due", "2099-01-01"),
				("GS Special Group Member", member, "is_elderly", 0),
				("GS Special Group Visit", visit, "member", other_member),
				("GS Special Group Visit", visit, "service_centre", centres["v1b"]),
				("GS Special Group Visit", visit, "is_on_time", 0),
				("GS Collection Sheet", sheet, "service_centre", centres["v1b"]),
				("GS Collection Sheet", sheet, "status", "Closed"),
			):
				forged = client.put(f"/api/resource/{doctype}/{name}", {field: value})
				# refused, or (a visit's village follows its person) taken back before it is saved
				stored = self.admin.get(f"/api/resource/{doctype}/{name}").json()["data"]
				held = not ok(forged) or stored.get(field) != value
				self.record(identity, doctype, f"REST PUT {field}", name, held, forged.text[:120])
			harmless = client.put(
				f"/api/resource/GS Special Group Member/{member}", {"needs": f"{identity} 记录"}
			)
			self.record(
				identity,
				"GS Special Group Member",
				"REST PUT harmless field",
				member,
				ok(harmless) == allowed,
			)
			for child, name, field, value in (
				("GS Collection Request", row["name"], "gs_case", WORLD["cases"]["c"]),
				("GS Collection Request", row["name"], "case_state", "已办结"),
				("GS Collection Request", row["name"], "parent", other_member),
				("GS Visit Need", need["name"], "gs_case", WORLD["cases"]["c"]),
				("GS Visit Need", need["name"], "case_centre", centres["county"]),
			):
				forged = client.put(f"/api/resource/{child}/{name}", {field: value})
				self.record(identity, child, f"REST PUT {field}", name, not ok(forged), forged.text[:120])
			# a row posted on its own, naming another village's person (dispatch would copy their ID)
			posted = client.post_json(
				"/api/resource/GS Collection Request",
				dict(
					{
						key: row[key]
						for key in ("requester_name", "request", "urgency", "service_item", "phone")
					},
					parent=sheet,
					parenttype="GS Collection Sheet",
					parentfield="requests",
					special_group_member=other_member,
				),
			)
			self.record(identity, "GS Collection Request", "REST POST row on its own", sheet, not ok(posted))
			for child, name in (("GS Collection Request", row["name"]), ("GS Visit Need", need["name"])):
				edited = client.put(
					f"/api/resource/{child}/{name}",
					{"request" if "Request" in child else "description": "改"},
				)
				self.record(
					identity, child, "REST PUT row on its own", name, not ok(edited), edited.text[:120]
				)
			planted = client.put(
				f"/api/resource/GS Collection Sheet/{sheet}",
				{"requests": [dict(row, gs_case=WORLD["cases"]["c"], case_state="已办结")]},
			)
			self.record(identity, "GS Collection Sheet", "REST PUT row gs_case", sheet, not ok(planted))
			if not allowed:
				for doctype, name, method in (
					("GS Collection Sheet", sheet, "dispatch"),
					("GS Special Group Visit", visit, "create_cases"),
				):
					run = client.call("run_doc_method", dt=doctype, dn=name, method=method)
					self.record(
						identity, doctype, f"run_doc_method {method}", name, not ok(run), run.text[:120]
					)
					v2 = client.post_json(f"/api/v2/document/{doctype}/{name}/method/{method}", {})
					self.record(
						identity, doctype, f"v2 document method {method}", name, not ok(v2), v2.text[:120]
					)
			# a register entry for a village the caller does not serve
			created = client.post_json(
				"/api/resource/GS Special Group Member",
				{
					"full_name": "伪造对象",
					"id_number": "422828193707070010",
					"phone": "13900004444",
					"address": "安全三村",
					"service_centre": centres["v2a"],
					"responsible_agent": WORLD["agents"]["township2"],
					"is_orphan": 1,
				},
			)
			if identity not in ("township2", "county"):  # the two whose scope holds that village
				self.record(
					identity, "GS Special Group Member", "REST POST out of scope", "*", not ok(created)
				)

		self.run_matrix(probe, workers=1)

	def test_rows_of_other_records_are_not_taken(self):
		"""A save naming a row of another record (another case's material, another village's collection row)
		would have Frappe move that row onto the saved record and rewrite it: refused."""
		cases = WORLD["cases"]
		copies = {
			name: self.admin.get(f"/api/resource/GS Case/{name}").json()["data"] for name in cases.values()
		}

		def probe(client: Client, identity: str):
			for target in sorted(expected(identity, "GS Case")):
				foreign = next(name for name in sorted(copies) if name != target)
				row = copies[foreign]["materials"][0]
				taken = client.put(
					f"/api/resource/GS Case/{target}",
					{"materials": [*copies[target]["materials"], dict(row, material_name="挪用")]},
				)
				after = self.admin.get(f"/api/resource/GS Case Material/{row['name']}").json()["data"]
				held = (
					not ok(taken)
					and after["parent"] == foreign
					and after["material_name"] == row["material_name"]
				)
				self.record(
					identity,
					"GS Case Material",
					"REST PUT another record's row",
					row["name"],
					held,
					taken.text[:120],
				)

		self.run_matrix(probe, workers=1)

	def test_outreach_full_ids_are_logged_and_masked_in_reports(self):
		"""Opening a register entry shows its full ID number to its handlers and is recorded; the visit plan
		and the figures show their scope and no full ID."""
		outreach = WORLD["outreach"]

		def probe(client: Client, identity: str):
			members = expected(identity, "GS Special Group Member")
			for name, number in outreach["member_ids"].items():
				response = client.get(f"/api/resource/GS Special Group Member/{name}")
				shown = ok(response) and response.json()["data"].get("id_number") == number
				self.record(
					identity, "GS Special Group Member", "full ID shown", name, shown == (name in members)
				)
			plan = client.call(
				"frappe.desk.query_report.run",
				report_name="Visit Plan",
				filters=json.dumps({"as_of": "2099-01-01"}),
			)
			rows = (plan.json().get("message") or {}).get("result", []) if ok(plan) else []
			got = {row.get("member") for row in rows if isinstance(row, dict)} & set(
				outreach["members"].values()
			)
			self.record(
				identity, "GS Special Group Member", "report Visit Plan", "*", got == members, f"got {got}"
			)
			self.record(
				identity,
				"GS Special Group Member",
				"report Visit Plan full ID",
				"*",
				not any(number in plan.text for number in outreach["member_ids"].values()),
			)
			figures = client.call(
				"frappe.desk.query_report.run", report_name="Village Service Figures", filters=json.dumps({})
			)
			rows = (figures.json().get("message") or {}).get("result", []) if ok(figures) else []
			got = {row.get("centre") for row in rows if isinstance(row, dict)} & {
				WORLD["centres"]["v1a"],
				WORLD["centres"]["v1b"],
			}
			want = {WORLD["centres"][key] for key in ("v1a", "v1b") if key in CASE_SCOPE.get(identity, set())}
			if identity not in OUTREACH_READERS:
				want = set()
			self.record(identity, "GS Case", "report Village Service Figures", "*", got == want, f"got {got}")

		self.run_matrix(probe)
		# the other ways to read a full ID are recorded too: by filters, as a value, in a list, a sheet's row
		village = self.clients["village"]
		member = outreach["members"]["v1a"]
		row = self.admin.get(f"/api/resource/GS Collection Sheet/{outreach['sheet']}").json()["data"][
			"requests"
		][0]
		for path, read in (
			(
				"frappe.client.get by filters",
				lambda: village.call(
					"frappe.client.get",
					doctype="GS Special Group Member",
					filters=json.dumps({"name": member}),
				),
			),
			(
				"frappe.client.get_value id_number",
				lambda: village.call(
					"frappe.client.get_value",
					doctype="GS Special Group Member",
					fieldname="id_number",
					filters=json.dumps({"name": member}),
				),
			),
			(
				"REST list id_number",
				lambda: village.get(
					"/api/resource/GS Special Group Member", fields=json.dumps(["name", "id_number"])
				),
			),
			("REST get sheet row", lambda: village.get(f"/api/resource/GS Collection Request/{row['name']}")),
			(
				"REST list of rows",
				lambda: village.get(
					"/api/resource/GS Collection Request",
					parent="GS Collection Sheet",
					fields=json.dumps(["parent", "id_number"]),
				),
			),
			(
				"sheet list with its rows' id_number",
				lambda: village.call(
					"frappe.client.get_list",
					doctype="GS Collection Sheet",
					fields=json.dumps(["name", "`tabGS Collection Request`.`id_number`"]),
				),
			),
			(
				"id_number AS x",
				lambda: village.call(
					"frappe.client.get_list",
					doctype="GS Special Group Member",
					fields=json.dumps(["name", "id_number AS x"]),
				),
			),
			(
				"search by id_number",
				lambda: village.call(
					"frappe.desk.search.search_widget",
					doctype="GS Special Group Member",
					txt="",
					searchfield="id_number",
					filters="{}",
				),
			),
			(
				"sidebar stats id_number",
				lambda: village.call(
					"frappe.desk.reportview.get_sidebar_stats",
					doctype="GS Special Group Member",
					stats=json.dumps(["id_number"]),
				),
			),
		):
			before = len(self.access_logs(WORLD["users"]["village"]))
			self.assertTrue(ok(read()), path)
			self.assertEqual(
				len(self.access_logs(WORLD["users"]["village"])), before + 1, f"{path} not recorded"
			)
		checked = village.call(
			"frappe.client.validate_link",
			doctype="GS Special Group Member",
			docname=member,
			fields=json.dumps(["id_number", "full_name"]),
		)
		self.assertEqual(message(checked).get("name"), member)
		self.assertNotIn("id_number", message(checked))  # a link is checked by its name, not its ID
		for name in WORLD["outreach"]["member_ids"]:
			logged = self.admin.get(
				"/api/resource/Access Log",
				filters=json.dumps({"reference_document": name, "method": "Full ID Number Viewed"}),
				fields=json.dumps(["user"]),
				limit_page_length=0,
			).json()["data"]
			readers = {
				WORLD["users"][i] for i in OUTREACH_READERS if name in expected(i, "GS Special Group Member")
			}
			self.assertTrue(readers <= {row["user"] for row in logged}, name)

	def access_logs(self, user: str) -> list:
		return self.admin.get(
			"/api/resource/Access Log",
			filters=json.dumps({"user": user}),
			fields=json.dumps(["name"]),
			limit_page_length=0,
		).json()["data"]

	def test_key_project_on_the_portal_is_its_enterprises_only(self):
		"""/my-projects/<project> and its PDFs: the owner enterprise's portal account, the project's staff
		readers (the page is the project's), nobody else; the enterprise never reaches the desk's API."""
		name = WORLD["key_project"]
		formats = ("GS Project Agency Agreement", "GS Project Plan Timetable", "GS Project Joint Application")

		def pdf(client: Client, print_format: str) -> requests.Response:
			return client.get(
				"/api/method/govservice.api.printing.download_pdf",
				doctype="GS Key Project",
				name=name,
				print_format=print_format,
			)

		stop = self.admin.get(f"/api/resource/GS Key Project/{name}").json()["data"]["approval_pauses"][0]
		notice_path = "/api/method/govservice.api.printing.project_notice_pdf"

		def probe(client: Client, identity: str):
			page = client.session.get(f"{BASE}/my-projects/{name}", allow_redirects=False, timeout=60)
			want = name in expected(identity, "GS Key Project")
			# 一次性告知书 of the project's clock stop: its staff readers, nobody else (and no other notice)
			notice = client.get(notice_path, project=name, notice=stop["name"])
			self.record(
				identity,
				"GS Key Project",
				"project_notice_pdf",
				name,
				(ok(notice) and notice.content.startswith(b"%PDF")) == want
				and (want or notice.status_code == 403),
				str(notice.status_code),
			)
			forged = client.get(notice_path, project=name, notice="<b>x</b>")
			self.record(
				identity,
				"GS Key Project",
				"project_notice_pdf unknown notice",
				name,
				forged.status_code == 403 and b"<b>" not in forged.content,
				str(forged.status_code),
			)
			got = page.status_code == 200 and "安全测试重点项目" in page.text
			self.record(
				identity, "GS Key Project", "/my-projects/<project>", name, got == want, str(page.status_code)
			)
			if identity == "guest":
				self.record(
					identity, "GS Key Project", "/my-projects guest to log in", name, page.status_code == 302
				)
			if identity in ("portal_a", "portal_b"):
				listing = client.session.get(f"{BASE}/my-requests", timeout=60)
				self.record(identity, "GS Key Project", "/my-requests lists", name, name not in listing.text)
				for print_format in formats:
					self.record(
						identity,
						"GS Key Project",
						f"portal download_pdf {print_format}",
						name,
						not ok(pdf(client, print_format)),
					)

		def upload(client: Client, filename: str, content: bytes) -> requests.Response:
			return retried(
				lambda: client.session.post(
					f"{BASE}/api/method/govservice.api.portal.upload_project_material",
					data={"project": name, "material": "安全测试材料"},
					files={"file": (filename, content, "application/pdf")},
					timeout=60,
				)
			)

		def upload_probe(client: Client, identity: str):
			refused = upload(client, "x.pdf", PDF)
			self.record(
				identity,
				"GS Key Project",
				"upload_project_material",
				name,
				not ok(refused),
				refused.text[:120],
			)
			rated = client.call(
				"govservice.api.portal.rate_project", project=name, rating="Very Dissatisfied"
			)
			self.record(identity, "GS Key Project", "rate_project", name, not ok(rated), rated.text[:120])

		self.run_matrix(probe)
		self.run_matrix(upload_probe, workers=1)
		self.failures_seen = []
		owner = Client("enterprise", WORLD["enterprise"], WORLD["password"])
		disguised = upload(owner, "report.pdf", b"<html><script>alert(1)</script></html>")
		uploaded = upload(owner, "权属证明.pdf", PDF)
		file_url = self.admin.get(f"/api/resource/GS Key Project/{name}").json()["data"]["materials"][0][
			"file"
		]
		self.record("enterprise", "GS Key Project", "upload disguised file refused", name, not ok(disguised))
		own_notice = owner.get(notice_path, project=name, notice=stop["name"])
		self.record(
			"enterprise",
			"GS Key Project",
			"project_notice_pdf",
			name,
			ok(own_notice) and own_notice.content.startswith(b"%PDF"),
			str(own_notice.status_code),
		)
		self.record(
			"enterprise", "GS Key Project", "upload_project_material", name, ok(uploaded), uploaded.text[:120]
		)
		self.record("enterprise", "GS Key Project", "read own material", name, ok(owner.get(file_url)))
		for identity in ("portal_a", "portal_b", "guest", "village", "township2"):
			self.record(
				identity,
				"GS Key Project",
				"read the project's material",
				name,
				not ok(self.clients[identity].get(file_url)),
			)
		self.record(
			"township",
			"GS Key Project",
			"read the project's material",
			name,
			ok(self.clients["township"].get(file_url)),
		)
		checks = {
			"/my-projects/<project>": "安全测试重点项目" in owner.get(f"/my-projects/{name}").text,
			"/my-requests lists": name in owner.get("/my-requests").text,
			"REST get refused": not ok(owner.get(f"/api/resource/GS Key Project/{name}")),
			"frappe.client.get refused": not ok(
				owner.call("frappe.client.get", doctype="GS Key Project", name=name)
			),
			"reportview refused": not ok(
				owner.call("frappe.desk.reportview.get", doctype="GS Key Project", fields='["name"]')
			),
			"accept_stage refused": not ok(
				owner.call("run_doc_method", dt="GS Key Project", dn=name, method="accept_stage")
			),
			"Standard print refused": not ok(
				owner.get(
					"/api/method/govservice.api.printing.download_pdf",
					doctype="GS Key Project",
					name=name,
					print_format="Standard",
				)
			),
		}
		# the owner rates its project's agency once a stage is done: the world's project has none done yet
		early = owner.call("govservice.api.portal.rate_project", project=name, rating="Very Dissatisfied")
		checks["rate_project before a stage is done refused"] = early.status_code == 417
		for print_format in formats:
			response = pdf(owner, print_format)
			checks[f"download_pdf {print_format}"] = ok(response) and response.content.startswith(b"%PDF")
		for path, passed in checks.items():
			self.record("enterprise", "GS Key Project", path, name, passed)
		if self.failures_seen:
			self.fail("\n".join(self.failures_seen))

	def test_weekly_ledger_mail_is_the_readers_own(self):
		"""The Monday email of 重点项目代办台账: a reader of the ledger turns their own on or off (nobody else's);
		the subscriptions themselves (Auto Email Report) are read by no staff identity."""

		def probe(client: Client, identity: str):
			reads = ok(
				client.call("frappe.desk.query_report.run", report_name="Key Project Ledger", filters="{}")
			)
			printed = client.get("/api/method/govservice.api.printing.project_ledger_pdf")
			self.record(
				identity,
				"GS Key Project",
				"project_ledger_pdf",
				"*",
				ok(printed) == reads,
				str(printed.status_code),
			)
			hostile = client.get("/api/method/govservice.api.printing.project_ledger_pdf", status="<b>x</b>")
			self.record(identity, "GS Key Project", "project_ledger_pdf hostile status", "*", not ok(hostile))
			status = client.call("govservice.key_projects.ledger_mail.weekly_ledger_mail")
			self.record(
				identity,
				"Auto Email Report",
				"weekly_ledger_mail",
				"*",
				ok(status) == reads,
				status.text[:120],
			)
			off = client.call(
				"govservice.key_projects.ledger_mail.set_weekly_ledger_mail", enabled=0, user="Administrator"
			)
			self.record(
				identity, "Auto Email Report", "set_weekly_ledger_mail", "*", ok(off) == reads, off.text[:120]
			)
			if ok(off):
				self.record(
					identity,
					"Auto Email Report",
					"set_weekly_ledger_mail answer",
					"*",
					message(off) == {"enabled": False},
				)
			for path, response in (
				(
					"REST list",
					client.get("/api/resource/Auto Email Report", fields='["name", "user", "email_to"]'),
				),
				(
					"frappe.client.get_list",
					client.call(
						"frappe.client.get_list", doctype="Auto Email Report", fields=["name", "user"]
					),
				),
			):
				rows = names_from_list(response, "data" if path == "REST list" else "message")
				self.record(identity, "Auto Email Report", path, "*", not rows, str(rows)[:120])

		self.run_matrix(probe)

	def test_writes_onto_unreadable_records(self):
		def probe(client: Client, identity: str):
			readable = expected(identity, "GS Case")
			users = WORLD["users"]
			for name in WORLD["cases"].values():
				allowed = name in readable
				todo = client.post_json(
					"/api/resource/ToDo",
					{
						"reference_type": "GS Case",
						"reference_name": name,
						"description": "x",
						"allocated_to": users.get(identity),
					},
				)
				self.record(identity, "ToDo", "ToDo on case", name, ok(todo) == allowed, todo.text[:120])
				like = client.call("frappe.desk.like.toggle_like", doctype="GS Case", name=name, add="Yes")
				self.record(identity, "GS Case", "toggle_like", name, ok(like) == allowed, like.text[:120])
				tag = client.call("frappe.desk.doctype.tag.tag.add_tag", tag="安全", dt="GS Case", dn=name)
				self.record(identity, "GS Case", "add_tag", name, ok(tag) == allowed, tag.text[:120])
				comment = client.call(
					"frappe.desk.form.utils.add_comment",
					reference_doctype="GS Case",
					reference_name=name,
					content="x",
					comment_email=users.get(identity, "x@x"),
					comment_by="x",
				)
				self.record(
					identity, "GS Case", "add_comment", name, ok(comment) == allowed, comment.text[:120]
				)
				outsider = users["village2"] if name != WORLD["cases"]["v1b"] else users["village"]
				assign = client.call(
					"frappe.desk.form.assign_to.add",
					doctype="GS Case",
					name=name,
					assign_to=json.dumps([outsider]),
				)
				self.record(
					identity,
					"GS Case",
					"assign to someone out of scope",
					name,
					not ok(assign),
					assign.text[:120],
				)

		self.run_matrix(probe, workers=1)

	def test_supervision_alerts_change_only_through_the_supervisory_actions(self):
		"""监察预警: no identity rewrites an alert by a save (level, status, the person or centre it names, the
		handling), nobody creates one; only the supervisory department records the handling."""
		name = WORLD["alerts"]["case"]
		stored = self.admin.get(f"/api/resource/GS Supervision Alert/{name}").json()["data"]

		def probe(client: Client, identity: str):
			for field, value in (
				("level", "Red Card"),
				("status", "Closed"),
				("responsible_user", WORLD["users"]["township"]),
				("service_centre", WORLD["centres"]["t2"]),
				("handling", "Accountability"),
				("handling_note", f"{identity} 伪造"),
			):
				forged = client.put(f"/api/resource/GS Supervision Alert/{name}", {field: value})
				self.record(
					identity,
					"GS Supervision Alert",
					f"REST PUT {field}",
					name,
					not ok(forged),
					forged.text[:120],
				)
			made = client.post_json(
				"/api/resource/GS Supervision Alert",
				{"level": "Red Card", "clock": "Case Deadline", "subject": "伪造预警"},
			)
			self.record(identity, "GS Supervision Alert", "REST POST", "*", not ok(made), made.text[:120])
			handled = client.call(
				"run_doc_method",
				dt="GS Supervision Alert",
				dn=name,
				method="record_handling",
				args=json.dumps({"handling": "Explanation", "note": f"{identity} 说明"}),
			)
			self.record(
				identity,
				"GS Supervision Alert",
				"record_handling",
				name,
				ok(handled) == (identity == "supervisory"),
				handled.text[:120],
			)
			# an unsaved alert sent with the call: its action must never insert it (not even for the
			# supervisory department, who may not create alerts)
			forged_new = client.call(
				"runserverobj",
				method="record_handling",
				docs=json.dumps(
					{
						"doctype": "GS Supervision Alert",
						"__islocal": 1,
						"subject": f"{identity} 伪造新预警",
						"responsible_user": WORLD["users"]["village"],
						"level": "Red Card",
					}
				),
				args=json.dumps({"handling": "Explanation", "note": "伪造"}),
			)
			self.record(
				identity,
				"GS Supervision Alert",
				"runserverobj unsaved alert",
				"*",
				not ok(forged_new),
				forged_new.text[:120],
			)
			# Frappe's v2 document methods run on the values sent: refused for the app's records
			for document in (
				{"doctype": "GS Supervision Alert", "name": name, "handling": "Correction"},
				{"doctype": "GS Supervision Alert", "__islocal": 1, "subject": f"{identity} 伪造新预警"},
			):
				v2 = client.post_json(
					"/api/v2/method/run_doc_method",
					{
						"method": "record_handling",
						"document": document,
						"kwargs": {"handling": "Explanation", "note": "伪造"},
					},
				)
				self.record(
					identity, "GS Supervision Alert", "v2 run_doc_method", name, not ok(v2), v2.text[:120]
				)
			if identity != "supervisory":  # who may close it does so in the desk (e2e/test_desk.py)
				closed = client.call(
					"run_doc_method", dt="GS Supervision Alert", dn=name, method="close_alert"
				)
				self.record(
					identity, "GS Supervision Alert", "close_alert", name, not ok(closed), closed.text[:120]
				)

		self.run_matrix(probe, workers=1)
		forged = self.admin.get(
			"/api/resource/GS Supervision Alert", filters=json.dumps([["subject", "like", "%伪造新预警%"]])
		).json()["data"]
		self.assertEqual(forged, [], "an action inserted an unsaved alert")
		after = self.admin.get(f"/api/resource/GS Supervision Alert/{name}").json()["data"]
		for field in ("level", "responsible_user", "service_centre"):
			self.assertEqual(after[field], stored[field], field)
		self.assertIn(after["handling_note"], (stored.get("handling_note"), "supervisory 说明"))

	def test_performance_figures_are_published_and_corrected_only_by_the_supervisory_department(self):
		"""绩效月报: no identity writes figures (a save, a new report, a deletion), publishes a month or corrects
		a report but the supervisory department; the portal's page reads published figures only, whatever
		month it is sent."""
		performance = WORLD["performance"]
		name = performance["reports"]["v1a"]
		stored = self.admin.get(f"/api/resource/GS Performance Report/{name}").json()["data"]

		def probe(client: Client, identity: str):
			for field, value in (
				("cases_received", 9999),
				("status", "Published"),
				("service_centre", WORLD["centres"]["t2"]),
				("on_time_share", 100),
			):
				forged = client.put(f"/api/resource/GS Performance Report/{name}", {field: value})
				self.record(
					identity,
					"GS Performance Report",
					f"REST PUT {field}",
					name,
					not ok(forged),
					forged.text[:120],
				)
			made = client.post_json(
				"/api/resource/GS Performance Report",
				{
					"month": performance["month"],
					"service_centre": WORLD["centres"]["v1a"],
					"cases_received": 1,
				},
			)
			self.record(identity, "GS Performance Report", "REST POST", "*", not ok(made), made.text[:120])
			deleted = client.session.delete(f"{BASE}/api/resource/GS Performance Report/{name}")
			self.record(
				identity, "GS Performance Report", "REST DELETE", name, not ok(deleted), deleted.text[:120]
			)
			# a month without drafts: the supervisory department is told so (417), everyone else refused (403)
			published = client.call("govservice.supervision.performance.publish_month", month="2001-01-01")
			self.record(
				identity,
				"GS Performance Report",
				"publish_month",
				"2001-01",
				published.status_code == (417 if identity == "supervisory" else 403),
				published.text[:120],
			)
			# a draft is not corrected: the supervisory department is told so, everyone else refused
			corrected = client.call(
				"run_doc_method",
				dt="GS Performance Report",
				dn=name,
				method="correct_figures",
				args=json.dumps({"reason": f"{identity} 伪造更正原因，重新计算"}),
			)
			self.record(
				identity,
				"GS Performance Report",
				"correct_figures",
				name,
				corrected.status_code == (417 if identity == "supervisory" else 403),
				corrected.text[:120],
			)
			for month in ("<script>alert(1)</script>", "2026-13", "' or 1=1 --", performance["month"][:7]):
				page = client.session.get(f"{BASE}/performance", params={"month": month})
				self.record(
					identity,
					"GS Performance Report",
					"portal /performance",
					month,
					page.status_code == 200
					and "<script>alert(1)" not in page.text
					and "1=1" not in page.text,
					page.text[:120],
				)

		self.run_matrix(probe, workers=1)
		after = self.admin.get(f"/api/resource/GS Performance Report/{name}").json()["data"]
		for field in ("cases_received", "status", "service_centre", "on_time_share", "modified"):
			self.assertEqual(after[field], stored[field], field)

	def test_a_meetings_decisions_are_reported_done_only_by_their_department(self):
		"""联席会议: only the supervisory department writes a meeting or drafts its agenda; a decision's progress
		is never written by a save (not even the supervisory department's), and only its owner department
		(or the supervisory department) reports it done."""
		meeting, row = WORLD["meeting"]["name"], WORLD["meeting"]["decision"]

		def probe(client: Client, identity: str):
			writer = identity == "supervisory"
			if not writer:
				forged = client.put(
					f"/api/resource/GS Joint Meeting/{meeting}", {"summary": f"{identity} 伪造纪要"}
				)
				self.record(
					identity,
					"GS Joint Meeting",
					"REST PUT summary",
					meeting,
					not ok(forged),
					forged.text[:120],
				)
				made = client.post_json(
					"/api/resource/GS Joint Meeting",
					{"meeting_date": "2026-12-01", "review_month": "2026-11-01"},
				)
				self.record(identity, "GS Joint Meeting", "REST POST", "*", not ok(made), made.text[:120])
				drafted = client.call(
					"run_doc_method", dt="GS Joint Meeting", dn=meeting, method="draft_agenda"
				)
				self.record(
					identity, "GS Joint Meeting", "draft_agenda", meeting, not ok(drafted), drafted.text[:120]
				)
			status = client.put(
				f"/api/resource/GS Meeting Decision/{row}", {"decision_status": "Done", "done_note": "伪造"}
			)
			self.record(
				identity,
				"GS Meeting Decision",
				"REST PUT decision_status",
				row,
				not ok(status),
				status.text[:120],
			)
			whole = client.put(
				f"/api/resource/GS Joint Meeting/{meeting}",
				{"decisions": [{"name": row, "decision_status": "Done", "done_note": f"{identity} 伪造"}]},
			)
			self.record(
				identity, "GS Joint Meeting", "REST PUT decisions", meeting, not ok(whole), whole.text[:120]
			)
			reported = client.call(
				"run_doc_method",
				dt="GS Joint Meeting",
				dn=meeting,
				method="mark_decision_done",
				args=json.dumps({"row": row, "note": f"{identity} 报告办结"}),
			)
			owner = identity in ("contact", "supervisory")
			self.record(
				identity,
				"GS Meeting Decision",
				"mark_decision_done",
				row,
				reported.status_code in ((200, 417) if owner else (403,)),
				reported.text[:120],
			)

		self.run_matrix(probe, workers=1)
		stored = self.admin.get(f"/api/resource/GS Joint Meeting/{meeting}").json()["data"]
		self.assertNotIn("伪造", stored.get("summary") or "")
		decision = next(d for d in stored["decisions"] if d["name"] == row)
		self.assertNotIn("伪造", decision.get("done_note") or "")
		self.assertIn(decision["done_by"], (WORLD["users"]["contact"], WORLD["users"]["supervisory"]))

	def test_an_inspection_changes_only_through_its_actions(self):
		"""督查检查: a completed inspection is changed by no save (its results, a finding's owner or status);
		only the supervisory department loads a checklist or completes an inspection; only the person
		responsible (or the supervisory department) closes a finding."""
		inspection = WORLD["inspection"]
		name, finding, result = inspection["name"], inspection["finding"], inspection["result"]

		def probe(client: Client, identity: str):
			for path, url, body in (
				("REST PUT result", f"/api/resource/GS Inspection Result/{result}", {"result": "Not Met"}),
				(
					"REST PUT finding",
					f"/api/resource/GS Inspection Finding/{finding}",
					{"finding_status": "Closed"},
				),
				(
					"REST PUT finding owner",
					f"/api/resource/GS Inspection Finding/{finding}",
					{"owner_agent": WORLD["agents"]["township2"]},
				),
				(
					"REST PUT centre",
					f"/api/resource/GS Inspection/{name}",
					{"service_centre": WORLD["centres"]["t2"]},
				),
				("REST PUT score", f"/api/resource/GS Inspection/{name}", {"score": 100}),
			):
				forged = client.put(url, body)
				self.record(identity, "GS Inspection", path, name, not ok(forged), forged.text[:120])
			for method in ("load_checklist", "complete"):
				called = client.call("run_doc_method", dt="GS Inspection", dn=name, method=method)
				# the supervisory department is told the inspection is completed; everyone else refused
				want = (417,) if identity == "supervisory" else (403,)
				self.record(
					identity, "GS Inspection", method, name, called.status_code in want, called.text[:120]
				)
			closed = client.call(
				"run_doc_method",
				dt="GS Inspection",
				dn=name,
				method="close_finding",
				args=json.dumps({"row": finding, "note": f"{identity} 整改"}),
			)
			owner = identity in ("village", "supervisory")
			self.record(
				identity,
				"GS Inspection Finding",
				"close_finding",
				finding,
				closed.status_code in ((200, 417) if owner else (403,)),
				closed.text[:120],
			)

		self.run_matrix(probe, workers=1)
		stored = self.admin.get(f"/api/resource/GS Inspection/{name}").json()["data"]
		self.assertEqual((stored["service_centre"], stored["score"]), (WORLD["centres"]["v1a"], 100))
		self.assertTrue(all(row["result"] == "Met" for row in stored["results"]))
		self.assertEqual(stored["findings"][0]["owner_agent"], WORLD["agents"]["village"])

	def test_evaluation_scores_are_given_only_by_their_roles_and_never_edited(self):
		"""三亮三评: a colleague is scored once, by staff of the same centre, never by oneself or anyone else;
		a leader's review by the agent's supervisor only; results computed and titles confirmed by the
		supervisory department only; no result or score is written, moved or deleted by any path."""
		evaluation, agents = WORLD["evaluation"], WORLD["agents"]
		name, results, peer = evaluation["name"], evaluation["results"], evaluation["peer"]
		method = "govservice.supervision.evaluations."

		def probe(client: Client, identity: str):
			for target, why in (
				(agents["village2"], "another village's agent"),
				(agents.get(identity, agents["village"]), "oneself"),
				(WORLD["evaluation"]["mate_agent"], "a colleague scored already"),
			):
				scored = client.call(
					method + "submit_peer_ratings", round_name=name, ratings=[{"agent": target, "score": 100}]
				)
				self.record(
					identity, "GS Peer Rating", f"score {why}", target, not ok(scored), scored.text[:120]
				)
			forged = client.call(
				method + "submit_peer_ratings",
				round_name=name,
				ratings=[{"agent": agents["township"], "score": 1e9}],
			)
			self.record(
				identity, "GS Peer Rating", "score out of range", name, not ok(forged), forged.text[:120]
			)
			# a leader's review: the first township's supervisor (and the supervisory department) for the agents
			# of his centres; nobody for the second township's agent but the supervisory department
			for key in ("village", "township2"):
				reviewed = client.call(
					method + "record_leader_review", result=results[key], score=60, comment=f"{identity} 点评"
				)
				may = identity == "supervisory" or (identity == "supervisor" and key == "village")
				self.record(
					identity,
					"GS Evaluation Result",
					f"leader's review of {key}",
					results[key],
					ok(reviewed) == may,
					reviewed.text[:120],
				)
			for action, args in (
				("compute_round", {"round_name": name}),
				("confirm_round", {"round_name": name, "declined": []}),
				("proposals", {"round_name": name}),
			):
				# the supervisory department computes and confirms (not called here: the round stays open)
				if identity != "supervisory":
					called = client.call(method + action, **args)
					self.record(
						identity, "GS Evaluation Round", action, name, not ok(called), called.text[:120]
					)
			for path, url, body in (
				(
					"REST PUT result score",
					f"/api/resource/GS Evaluation Result/{results['village']}",
					{"total_score": 100},
				),
				(
					"REST PUT result owner",
					f"/api/resource/GS Evaluation Result/{results['village']}",
					{"agent_user": WORLD["users"]["township2"]},
				),
				("REST PUT peer score", f"/api/resource/GS Peer Rating/{peer['by_village']}", {"score": 0}),
				(
					"REST PUT peer rater",
					f"/api/resource/GS Peer Rating/{peer['of_village']}",
					{"rater": WORLD["users"]["county"]},
				),
				("REST PUT round", f"/api/resource/GS Evaluation Round/{name}", {"status": "Confirmed"}),
				("REST PUT round weights", f"/api/resource/GS Evaluation Round/{name}", {"weight_peer": 100}),
			):
				forged = client.put(url, body)
				self.record(
					identity,
					"GS Evaluation Result",
					path,
					url.rsplit("/", 1)[1],
					not ok(forged),
					forged.text[:120],
				)
			for doctype, body in (
				(
					"GS Peer Rating",
					{
						"round": name,
						"agent": agents["village"],
						"score": 0,
						"rater": WORLD["users"]["village2"],
					},
				),
				(
					"GS Evaluation Result",
					{
						"round": name,
						"agent": agents["village"],
						"total_score": 100,
						"confirmed_title": "Model Proxy Agent",
					},
				),
			):
				made = client.post_json(f"/api/resource/{doctype}", body)
				self.record(identity, doctype, "REST POST", "*", not ok(made), made.text[:120])
			for doctype, record in (
				("GS Peer Rating", peer["by_village"]),
				("GS Evaluation Result", results["village"]),
				("GS Evaluation Round", name),
			):
				deleted = client.session.delete(f"{BASE}/api/resource/{doctype}/{record}")
				self.record(
					identity,
					doctype,
					"REST DELETE",
					record,
					deleted.status_code not in (200, 202),
					deleted.text[:120],
				)

		self.run_matrix(probe, workers=1)
		stored = self.admin.get(f"/api/resource/GS Evaluation Result/{results['village']}").json()["data"]
		self.assertEqual((stored["total_score"], stored["agent_user"]), (0, WORLD["users"]["village"]))
		self.assertIn(
			stored.get("reviewed_by"), (None, WORLD["users"]["supervisor"], WORLD["users"]["supervisory"])
		)
		self.assertEqual(
			self.admin.get(f"/api/resource/GS Evaluation Round/{name}").json()["data"]["status"],
			"Peer Rating",
		)

	def test_an_assessment_is_computed_and_published_only_by_the_supervisory_department(self):
		"""综合考核: only the supervisory department computes or publishes the ranking, or changes a stationed
		member of staff's scores; a questionnaire answer is never changed, deleted or entered by others; the
		portal questionnaire takes only a township or village and a known level."""
		assessment = WORLD["assessment"]
		name, stationed, answers = assessment["name"], assessment["stationed"], assessment["answers"]
		method = "govservice.supervision.assessments."

		def probe(client: Client, identity: str):
			if identity != "supervisory":
				for action in ("compute_assessment", "publish_assessment"):
					called = client.call(method + action, name=name)
					self.record(
						identity, "GS Township Assessment", action, name, not ok(called), called.text[:120]
					)
				for path, url, body in (
					(
						"REST PUT stationed score",
						f"/api/resource/GS Stationed Staff Score/{stationed}",
						{"department_score": 100},
					),
					(
						"REST PUT status",
						f"/api/resource/GS Township Assessment/{name}",
						{"status": "Published"},
					),
				):
					forged = client.put(url, body)
					self.record(
						identity, "GS Township Assessment", path, name, not ok(forged), forged.text[:120]
					)
				made = client.post_json(
					"/api/resource/GS Questionnaire Response",
					{"service_centre": WORLD["centres"]["t1"], "satisfaction": "Very Satisfied"},
				)
				self.record(
					identity, "GS Questionnaire Response", "REST POST", "*", not ok(made), made.text[:120]
				)
			for answer in answers.values():
				changed = client.put(
					f"/api/resource/GS Questionnaire Response/{answer}", {"satisfaction": "Very Dissatisfied"}
				)
				self.record(
					identity,
					"GS Questionnaire Response",
					"REST PUT",
					answer,
					not ok(changed),
					changed.text[:120],
				)
				deleted = client.session.delete(f"{BASE}/api/resource/GS Questionnaire Response/{answer}")
				self.record(
					identity,
					"GS Questionnaire Response",
					"REST DELETE",
					answer,
					deleted.status_code not in (200, 202),
					deleted.text[:120],
				)
			# 双重考核: the first township's supervisor reads and scores the township's side of its stationed
			# staff, the first department's contact the department's side; nobody else reads a row or scores
			stationed_method = "govservice.supervision.stationed."
			rows = client.call(stationed_method + "stationed_rows", name=name)
			sides = {row["row"]: row["sides"] for row in message(rows)["rows"]} if ok(rows) else None
			own = {"supervisor": ["township"], "contact": ["department"]}.get(identity)
			if identity == "supervisory":
				passed = sides is not None and stationed in sides and sides[stationed] == []
			elif own:
				passed = sides is not None and sides.get(stationed) == own
			elif identity == "contact2":
				passed = sides == {}
			else:
				passed = rows.status_code == 403
			self.record(identity, "GS Township Assessment", "stationed rows", name, passed, rows.text[:120])
			for side in ("township", "department"):
				score = {"township": 90, "department": 80}[
					side
				]  # as stored: an allowed write changes nothing
				called = client.call(
					stationed_method + "score_stationed",
					name=name,
					scores=json.dumps([{"row": stationed, "side": side, "score": score}]),
				)
				allowed = own == [side]
				self.record(
					identity,
					"GS Township Assessment",
					"stationed score own side" if allowed else "stationed score forged side",
					name,
					ok(called) if allowed else called.status_code == 403,
					called.text[:120],
				)
			# the stationed staff's rows (every township's, both sides) are the supervisory department's: a
			# reader of the ranking does not read them through the record, its child rows or a list
			whole = client.get(f"/api/resource/GS Township Assessment/{name}")
			child = client.get(f"/api/resource/GS Stationed Staff Score/{stationed}")
			listed = client.call(
				"frappe.desk.reportview.get",
				doctype="GS Stationed Staff Score",
				parent_doctype="GS Township Assessment",
				fields=json.dumps(["staff_name", "department_score"]),
			)
			sees_rows = identity == "supervisory"

			def shows_row(answer: requests.Response) -> bool:
				return ok(answer) and "安全派驻人员" in json.dumps(answer.json(), ensure_ascii=False)

			for path, answer in (
				("stationed rows by the record", whole),
				("stationed row by REST", child),
				("stationed rows by reportview", listed),
			):
				self.record(
					identity,
					"GS Township Assessment",
					path,
					name,
					shows_row(answer) == sees_rows,
					answer.text[:120],
				)
			forged = client.call(
				stationed_method + "score_stationed",
				name=name,
				scores=json.dumps([{"row": "' or 1=1 -- ", "side": "township", "score": 1}]),
			)
			self.record(
				identity,
				"GS Township Assessment",
				"stationed score forged row",
				name,
				forged.status_code == 403,
				forged.text[:120],
			)
			# the portal's questionnaire: a guest's or citizen's answer about a township or village only; staff
			# enter theirs in the desk (refused even when the answer is valid)
			staff = identity not in CITIZENS
			for centre, level in (
				(WORLD["centres"]["county"], "Satisfied"),
				(WORLD["centres"]["v1a"], "<b>x</b>"),
				*([(WORLD["centres"]["v1a"], "Satisfied")] if staff else []),
			):
				answered = client.call(method + "submit_questionnaire", centre=centre, satisfaction=level)
				self.record(
					identity,
					"GS Questionnaire Response",
					"portal questionnaire refused",
					centre,
					answered.status_code == (403 if staff else 417),
					answered.text[:120],
				)
			forged = client.call(
				method + "submit_questionnaire",
				centre=WORLD["centres"]["v1a"],
				satisfaction="Satisfied",
				attitude="<img src=x onerror=alert(1)>",
			)
			self.record(
				identity,
				"GS Questionnaire Response",
				"portal questionnaire forged question",
				WORLD["centres"]["v1a"],
				forged.status_code == (403 if staff else 417) and b"onerror" not in forged.content,
				forged.text[:120],
			)

		self.run_matrix(probe, workers=1)
		stored = self.admin.get(f"/api/resource/GS Township Assessment/{name}").json()["data"]
		self.assertEqual((stored["status"], stored["stationed_staff"][0]["department_score"]), ("Draft", 80))
		for answer in answers.values():
			kept = self.admin.get(f"/api/resource/GS Questionnaire Response/{answer}").json()["data"]
			self.assertNotEqual(kept["satisfaction"], "Very Dissatisfied")

	def test_the_supervision_board_counts_only_what_the_reader_supervises(self):
		"""电子监察看板: the supervisory department the county; the first township's supervisor its centres' clocks;
		a department's contact its department's; agents, windows, citizens and guests nothing; a forged group
		or colour is refused or finds nothing."""
		centres = WORLD["centres"]

		def run(client: Client, **filters) -> requests.Response:
			return client.call(
				"frappe.desk.query_report.run", report_name="Supervision Board", filters=filters
			)

		def probe(client: Client, identity: str):
			by_centre = run(client, group_by="Service Centre")
			by_department = run(client, group_by="Department")
			if identity not in ("supervisory", "supervisor", "contact", "contact2"):
				for path, answer in (("board by centre", by_centre), ("board by department", by_department)):
					self.record(
						identity, "GS Supervision Alert", path, "*", not ok(answer), answer.text[:120]
					)
				return
			centre_keys = {row["key"] for row in message(by_centre)["result"]} if ok(by_centre) else None
			department_keys = (
				{row["key"] for row in message(by_department)["result"]} if ok(by_department) else None
			)
			if identity == "supervisor":
				passed = centre_keys is not None and centre_keys <= {
					centres["t1"],
					centres["v1a"],
					centres["v1b"],
				}
			elif identity in ("contact", "contact2"):
				own = WORLD["departments"]["d1" if identity == "contact" else "d2"]
				passed = department_keys is not None and department_keys <= {own}
			else:
				passed = centre_keys is not None and centres["v1a"] in centre_keys
			self.record(
				identity,
				"GS Supervision Alert",
				"board scope",
				"*",
				passed,
				f"{centre_keys} {department_keys}",
			)
			forged = run(client, group_by="Service Centre", key="' or 1=1 -- ", light="Red")
			rows = message(forged)["result"] if ok(forged) else []
			self.record(
				identity, "GS Supervision Alert", "board forged group", "*", rows == [], forged.text[:120]
			)
			for bad in (
				{"group_by": "name; drop table x"},
				{"group_by": "Service Centre", "light": "Purple"},
			):
				refused = run(client, **bad)
				self.record(
					identity,
					"GS Supervision Alert",
					"board forged filter",
					"*",
					not ok(refused),
					refused.text[:120],
				)

		self.run_matrix(probe)

	def test_statistics_count_only_the_callers_scope(self):
		"""统计分析: a chart counts what its caller may read (the same number as the caller's own count of the
		records); the supervisory department counts the county; a guest nothing; the 月报's email is only for
		its readers."""
		since = self.admin.call("govservice.supervision.statistics.since").json()["message"]

		def probe(client: Client, identity: str):
			chart = client.call(
				"govservice.supervision.statistics.chart_data", chart_name="Cases by Intake Channel"
			)
			if identity == "guest":
				self.record(identity, "GS Case", "statistics chart", "*", not ok(chart), chart.text[:120])
			elif identity != "supervisory":
				counted = client.call(
					"frappe.client.get_count",
					doctype="GS Case",
					filters=json.dumps([["received_on", ">=", since]]),
				)
				mine = counted.json().get("message", 0) if ok(counted) else 0
				total = sum(chart.json()["message"]["datasets"][0]["values"]) if ok(chart) else 0
				self.record(
					identity,
					"GS Case",
					"statistics chart",
					"*",
					total == mine,
					f"chart {total} own count {mine}",
				)
			unknown = client.call(
				"govservice.supervision.statistics.chart_data", chart_name="../../etc/passwd"
			)
			self.record(
				identity, "GS Case", "statistics chart unknown", "*", not ok(unknown), unknown.text[:120]
			)
			mail = client.call("govservice.supervision.statistics.set_monthly_report_mail", enabled=0)
			reader = identity in ("supervisor", "supervisory")
			self.record(
				identity,
				"GS Performance Report",
				"monthly report mail",
				"*",
				ok(mail) == reader,
				mail.text[:120],
			)
			# an emailed report runs as the user it names: nobody subscribes another user, or mails their own
			# elsewhere; nobody lists another's subscription
			for fields in (
				{"user": WORLD["users"]["supervisory"], "email_to": "probe@elsewhere.test"},
				{"user": WORLD["users"].get(identity) or "Guest", "email_to": "probe@elsewhere.test"},
			):
				made = client.post_json(
					"/api/resource/Auto Email Report",
					{
						"report": "Monthly Service Report",
						"format": "XLSX",
						"frequency": "Monthly",
						"enabled": 0,
						**fields,
					},
				)
				self.record(
					identity, "Auto Email Report", "subscribe another", "*", not ok(made), made.text[:120]
				)
			listed = client.call(
				"frappe.client.get_list", doctype="Auto Email Report", fields=json.dumps(["name", "user"])
			)
			mine = WORLD["users"].get(identity)
			others = [row for row in (message(listed) or []) if row.get("user") != mine] if ok(listed) else []
			self.record(
				identity,
				"Auto Email Report",
				"list others' subscriptions",
				"*",
				others == [],
				listed.text[:120],
			)
			# the 月报 PDF: refused to whoever may not read the 月报; for its readers only a published month
			# (the world's month is a draft) and only a date
			pdf = "govservice.supervision.monthly_report.monthly_report_pdf"
			for path, month in (
				("monthly report pdf", WORLD["performance"]["month"]),
				("monthly report pdf forged month", "<img src=x onerror=alert(1)>"),
				("monthly report pdf path month", "../../../etc/passwd"),
			):
				answer = client.call(pdf, month=month)
				# (a site where the month was published since: its readers get it, in their scope — the unit
				# tests read the scope)
				published = path == "monthly report pdf" and answer.status_code == 200
				refused = (
					answer.status_code == 403
					if not reader
					else (published or answer.status_code in (417, 422))
				)
				self.record(
					identity,
					"GS Performance Report",
					path,
					"*",
					refused
					and (published or b"%PDF" not in answer.content[:8])
					and b"onerror" not in answer.content,
					f"{answer.status_code} {answer.text[:120]}",
				)

		self.run_matrix(probe, workers=1)

	def test_get_by_filters_tells_nothing_of_unreadable_records(self):
		"""`frappe.client.get` by filters: a record the caller cannot read answers as one that does not exist,
		whatever the filter says about it (a match must not be told from no match)."""

		def probe(client: Client, identity: str):
			for doctype in DOCTYPES:
				if doctype in ("File", "User"):
					continue
				readable = expected(identity, doctype)
				# (a citizen's web form checks the links to their own requests)
				for name in sorted(fixture_records(doctype) - readable - own_records(identity, doctype))[:2]:
					hit = client.call("frappe.client.get", doctype=doctype, filters={"name": name})
					miss = client.call("frappe.client.get", doctype=doctype, filters={"name": f"{name}-无"})
					self.record(
						identity,
						doctype,
						"frappe.client.get by filters",
						name,
						not ok(hit) and hit.status_code == miss.status_code,
						f"{hit.status_code} vs {miss.status_code}",
					)
					# a link checked by name: the same answer as for a record that does not exist
					linked = client.call("frappe.client.validate_link", doctype=doctype, docname=name)
					absent = client.call("frappe.client.validate_link", doctype=doctype, docname=f"{name}-无")
					self.record(
						identity,
						doctype,
						"validate_link unreadable as missing",
						name,
						answer_of(linked) == answer_of(absent),
						f"{linked.text[:120]} vs {absent.text[:120]}",
					)
				for name in sorted(readable)[:1]:
					hit = client.call("frappe.client.get", doctype=doctype, filters={"name": name})
					self.record(
						identity,
						doctype,
						"frappe.client.get by filters (readable)",
						name,
						ok(hit) and message(hit)["name"] == name,
						str(hit.status_code),
					)

		self.run_matrix(probe)

	def test_back_office_answers_are_the_departments_own(self):
		"""按责转办: only the department's contact answers its record (the answer is checked after who asks);
		nobody rewrites it by a save (its department, result, licence number, status), adds a row, deletes it,
		or sends a case they cannot write; a hostile number or an unknown record is refused without echo."""
		task = WORLD["hall"]["back_office"]
		case = WORLD["cases"]["v1a"]
		other_department = WORLD["departments"]["d2"]
		case_writers = set(expected_writers_of_case())

		def probe(client: Client, identity: str):
			for method, args in (
				("return_result", {"result_summary": ""}),
				("send_back", {"reason": ""}),
				(
					"return_result",
					{"result_summary": "准予许可", "licence_number": "<img src=x onerror=alert(1)>"},
				),
			):
				answer = client.call(f"govservice.service_hall.back_office.{method}", name=task, **args)
				want = 417 if identity == "contact" else (403 if identity != "guest" else (401, 403))
				got_ok = answer.status_code in (want if isinstance(want, tuple) else (want,))
				self.record(
					identity, "GS Back Office Task", f"{method} (invalid)", task, got_ok, answer.text[:160]
				)
				self.record(
					identity,
					"GS Back Office Task",
					f"{method} no echo",
					task,
					"<img" not in answer.text,
					answer.text[:160],
				)
			unknown = client.call(
				"govservice.service_hall.back_office.send_back", name="HT-不存在", reason="x"
			)
			self.record(
				identity,
				"GS Back Office Task",
				"send_back unknown",
				"HT-不存在",
				not ok(unknown),
				unknown.text[:120],
			)
			for body in (
				{"department": other_department},
				{"licence_number": "FORGED-1"},
				{"status": "Result Returned", "result_summary": "伪造"},
				{"service_centre": WORLD["centres"]["t2"]},
				{"materials": [{"material_name": "伪造材料", "original_seen": 1}]},
			):
				forged = client.put(f"/api/resource/GS Back Office Task/{task}", body)
				self.record(
					identity,
					"GS Back Office Task",
					"REST PUT forged",
					task,
					not ok(forged),
					forged.text[:120],
				)
			created = client.post_json(
				"/api/resource/GS Back Office Task",
				{"gs_case": case, "department": other_department, "service_centre": WORLD["centres"]["v1a"]},
			)
			self.record(
				identity, "GS Back Office Task", "REST POST", "new", not ok(created), created.text[:120]
			)
			removed = client.session.delete(f"{BASE}/api/resource/GS Back Office Task/{task}", timeout=60)
			self.record(
				identity,
				"GS Back Office Task",
				"REST DELETE",
				task,
				removed.status_code != 202 and not ok(removed),
				removed.text[:120],
			)
			sent = client.call(
				"run_doc_method",
				docs=json.dumps({"doctype": "GS Case", "name": case}),
				method="send_to_back_office",
				args=json.dumps({"department": other_department, "limit_days": 0}),
			)
			# the case's writers are answered by the rule (the world's case is not accepted), others refused
			want_sent = 417 if identity in case_writers else None
			self.record(
				identity,
				"GS Case",
				"send_to_back_office",
				case,
				sent.status_code == want_sent if want_sent else sent.status_code in (401, 403, 404),
				sent.text[:160],
			)

		self.run_matrix(probe, workers=1)
		stored = self.admin.get(f"/api/resource/GS Back Office Task/{task}").json()["data"]
		self.assertEqual(
			(stored["status"], stored["department"], stored.get("licence_number"), len(stored["materials"])),
			("With Back Office", WORLD["departments"]["d1"], None, 1),
		)

	def test_ledgers_are_never_deleted(self):
		for doctype, name in (
			("GS Work Log", next(iter(WORLD["work_logs"][WORLD["cases"]["c"]]))),
			("GS Case", WORLD["cases"]["c"]),
			("GS Complaint", WORLD["complaints"]["new"]),
			("GS Rating", WORLD["rating"]),
			("GS One-Time Notice", WORLD["notices"]["t2"]),
			("GS Key Project", WORLD["key_project"]),
			("GS Supervision Alert", WORLD["alerts"]["case"]),
		):
			response = self.admin.session.delete(f"{BASE}/api/resource/{doctype}/{name}")
			self.assertNotIn(response.status_code, (200, 202), f"Administrator deleted {doctype} {name}")

	# --- the portal -----------------------------------------------------------------------------------

	def test_portal_pages_and_internal_notes(self):
		def probe(client: Client, identity: str):
			own = case_names(OWN_CASES.get(identity, set()))
			for name in WORLD["cases"].values():
				# a guest is sent to log in (the case's name rides along in redirect-to)
				page = client.session.get(f"{BASE}/my-requests/{name}", allow_redirects=False, timeout=60)
				if identity in ("portal_a", "portal_b", "guest"):
					allowed = name in own
					self.record(
						identity,
						"GS Case",
						"/my-requests/<case>",
						name,
						(page.status_code == 200 and name in page.text) == allowed,
						str(page.status_code),
					)
				if page.status_code == 200 and identity in CITIZENS:
					for secret in (WORLD["secret_comment"], WORLD["secret_consultation"]):
						self.record(
							identity, "GS Case", "internal notes on the portal", name, secret not in page.text
						)
				pdf = client.get(
					"/api/method/govservice.api.printing.download_pdf",
					doctype="GS Case",
					name=name,
					print_format="GS Entrustment Agreement",
				)
				want = name in own if identity in CITIZENS else name in expected(identity, "GS Case")
				self.record(
					identity, "GS Case", "app download_pdf", name, ok(pdf) == want, str(pdf.status_code)
				)
				standard = client.get(
					"/api/method/govservice.api.printing.download_pdf",
					doctype="GS Case",
					name=name,
					print_format="Standard",
				)
				self.record(
					identity,
					"GS Case",
					"app download_pdf Standard",
					name,
					not ok(standard),
					str(standard.status_code),
				)
			if identity in ("portal_a", "portal_b"):
				for page in (
					"/my-requests",
					f"/apply?item={WORLD['item']}",
					"/services",
					"/report-complaint/new",
				):
					response = client.session.get(BASE + page, timeout=60)
					self.record(
						identity,
						"portal",
						"citizen pages open",
						page,
						ok(response),
						str(response.status_code),
					)
				other = WORLD["cases"]["t2"] if identity == "portal_a" else WORLD["cases"]["v1a"]
				answers = []
				for gs_case in (other, "GS-CASE-2000-99999"):
					response = client.call(
						"frappe.website.doctype.web_form.web_form.accept",
						web_form="report-complaint",
						data=json.dumps(
							{
								"doctype": "GS Complaint",
								"reporter_type": "Person",
								"reporter_name": "x",
								"reporter_phone": "13900001111",
								"description": "x",
								"gs_case": gs_case,
							}
						),
					)
					self.record(
						identity,
						"GS Complaint",
						"web form refers to another's case",
						gs_case,
						not ok(response),
						response.text[:120],
					)
					answers.append((response.status_code, response.json().get("exc_type")))
				self.record(
					identity,
					"GS Complaint",
					"web form: same answer for missing case",
					"*",
					answers[0] == answers[1],
					str(answers),
				)

		self.run_matrix(probe)

	# --- accounts, codes and texts -------------------------------------------------------------------------

	def test_accounts_do_not_tell_who_is_registered(self):
		"""Sign-up, code log-in and reset answer alike for numbers and people with and without an account."""
		guest = Client("guest", None, None)
		registered, stranger = WORLD["mobiles"]["portal_a"], "13955509999"
		answers = set()
		for phone in (registered, stranger):
			response = guest.call("govservice.api.account.send_code", phone=phone, purpose="login")
			self.assertTrue(ok(response), response.text[:200])
			answers.add(response.text)
		self.assertEqual(len(answers), 1, answers)
		answers = set()
		for phone in (registered, stranger):
			response = guest.call(
				"govservice.api.account.sign_up",
				phone=phone,
				code="000000",
				full_name="x",
				id_number=WORLD["id_numbers"][WORLD["cases"]["v1a"]],
				password="Sign-Up-Test-2026x",
			)
			self.assertFalse(ok(response))
			self.assertNotIn(WORLD["users"]["portal_a"], response.text)
			self.assertNotIn("Traceback", response.text)
			shown = [json.loads(m).get("message") for m in json.loads(response.json()["_server_messages"])]
			answers.add((response.status_code, tuple(shown)))
		self.assertEqual(len(answers), 1, answers)

	def test_account_endpoints_refuse_wrong_codes_and_unknown_purposes(self):
		registered = WORLD["mobiles"]["portal_b"]

		def probe(client: Client, identity: str):
			for path, method, data in (
				("send_code unknown purpose", "govservice.api.account.send_code", {"purpose": "admin"}),
				("send_code not a mobile", "govservice.api.account.send_code", {"purpose": "login"}),
				("login_with_code wrong code", "govservice.api.account.login_with_code", {"code": "000000"}),
				(
					"reset_password wrong code",
					"govservice.api.account.reset_password",
					{"code": "000000", "new_password": "Taken-Over-2026x"},
				),
			):
				phone = "0718-8230000" if "not a mobile" in path else registered
				response = client.call(method, phone=phone, **data)
				self.record(identity, "Account", path, phone, not ok(response), response.text[:160])
			# the account is still its holder's: the password did not change
			holder = Client("check", WORLD["users"]["portal_b"], WORLD["password"])
			self.record(identity, "Account", "password unchanged", registered, bool(holder.session.cookies))

		self.run_matrix(probe, workers=4)

	def test_texts_leave_only_through_the_app(self):
		"""Frappe's send_sms would let any logged-in user text any number through the county's gateway;
		SMS Settings and the SMS Log are administrators' only."""
		victim = "13955508888"

		def probe(client: Client, identity: str):
			response = client.call(
				"frappe.core.doctype.sms_settings.sms_settings.send_sms",
				receiver_list=json.dumps([victim]),
				msg="冒充政务服务中心的短信",
			)
			self.record(identity, "SMS", "send_sms", victim, not ok(response), response.text[:120])
			for doctype in ("SMS Settings", "SMS Log"):
				read = client.get(
					f"/api/resource/{doctype}/{doctype}"
					if doctype == "SMS Settings"
					else f"/api/resource/{doctype}"
				)
				data = read.json().get("data") if ok(read) else None
				self.record(identity, doctype, "REST read", "*", not data, read.text[:120])

		self.run_matrix(probe)
		sms = os.environ.get("GS_SMS_URL")
		if sms:
			sent = requests.get(f"{sms}/messages", params={"to": victim}, timeout=10).json()
			self.assertEqual(sent, [], "a text reached the victim's number")

	def test_carrier_settings_are_the_administrators_only(self):
		"""The SMS carrier's keys and template codes (GS SMS Settings, its template rows) are read and changed
		by administrators only, through every path; the stored secret never comes back, not even to them."""
		self.admin.put(
			"/api/resource/GS SMS Settings/GS SMS Settings",
			{"access_key_id": "LTAI-security-suite", "access_key_secret": "suite-secret-value"},
		)

		def probe(client: Client, identity: str):
			paths = {
				"REST read": client.get("/api/resource/GS SMS Settings/GS SMS Settings"),
				"frappe.client.get": client.call(
					"frappe.client.get", doctype="GS SMS Settings", name="GS SMS Settings"
				),
				"get_value": client.call(
					"frappe.client.get_value", doctype="GS SMS Settings", fieldname="access_key_id"
				),
				"get_password": client.call(
					"frappe.client.get_password",
					doctype="GS SMS Settings",
					name="GS SMS Settings",
					fieldname="access_key_secret",
				),
				"getdoc": client.call(
					"frappe.desk.form.load.getdoc", doctype="GS SMS Settings", name="GS SMS Settings"
				),
				"child rows": client.call(
					"frappe.client.get_list",
					doctype="GS SMS Template",
					parent="GS SMS Settings",
					fields=json.dumps(["template_code"]),
				),
			}
			for path, response in paths.items():
				self.record(
					identity,
					"GS SMS Settings",
					path,
					"*",
					"LTAI-security-suite" not in response.text and "suite-secret-value" not in response.text,
					response.text[:120],
				)
			forged = client.put(
				"/api/resource/GS SMS Settings/GS SMS Settings",
				{"endpoint": "http://203.0.113.9", "provider": "Alibaba Cloud SMS"},
			)
			self.record(identity, "GS SMS Settings", "REST PUT", "*", not ok(forged), forged.text[:120])

		self.run_matrix(probe)
		stored = self.admin.get("/api/resource/GS SMS Settings/GS SMS Settings").json()["data"]
		self.assertNotEqual(stored.get("endpoint"), "http://203.0.113.9")
		self.assertNotIn(
			"suite-secret-value", json.dumps(stored), "the secret came back to the administrator"
		)
		self.admin.put(
			"/api/resource/GS SMS Settings/GS SMS Settings", {"access_key_id": "", "access_key_secret": ""}
		)

	def test_a_failed_query_is_not_told_to_the_client(self):
		"""A malformed field name makes Frappe's query fail; its text (the reader's access rule, other users'
		names) must not come back, to any identity."""

		def probe(client: Client, identity: str):
			response = client.get("/api/resource/GS Case", fields=json.dumps(["name`"]))
			self.record(
				identity,
				"GS Case",
				"query text in the answer",
				"*",
				"_debug_messages" not in response.text and "tabGS Case" not in response.text,
				response.text[:120],
			)

		self.run_matrix(probe)

	def test_notifications_are_their_users_own(self):
		users = WORLD["users"]

		def probe(client: Client, identity: str):
			response = client.get(
				"/api/resource/Notification Log", fields=json.dumps(["name", "for_user"]), limit_page_length=0
			)
			rows = response.json().get("data") if ok(response) else []
			own = users.get(identity)
			passed = all(row["for_user"] == own for row in rows or [])
			self.record(identity, "Notification Log", "REST list", "*", passed, response.text[:120])

		self.run_matrix(probe)

	def test_ledger_export_is_the_readers_scope(self):
		"""The Work Log Ledger's CSV export: a citizen gets nothing, staff exactly their centres' cases."""
		world_cases = set(WORLD["cases"].values())

		def probe(client: Client, identity: str):
			response = client.get(
				"/api/method/govservice.api.ledgers.work_log_csv",
				from_date="2000-01-01",
				to_date="2099-12-31",
			)
			want = expected(identity, "GS Case") if expected(identity, "GS Work Log") else set()
			if identity in CITIZENS or not ok(response):
				passed = identity in CITIZENS or not want
				got = set()
			else:
				rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]
				got = {row[1] for row in rows} & world_cases
				passed = got == want
			self.record(
				identity,
				"GS Work Log",
				"ledger CSV export",
				"*",
				passed,
				f"{response.status_code} got {sorted(got)} want {sorted(want)}",
			)

		self.run_matrix(probe)

	def test_log_in_pages_send_nowhere_else(self):
		"""redirect-to on the log-in and sign-up pages is a path of this site, never another host."""
		wrong = []
		for target in ("//evil.example/", "https://evil.example/", "/\\evil.example", "/\t/evil.example"):
			signed_in = self.clients["portal_a"].session.get(
				f"{BASE}/portal-login", params={"redirect-to": target}, allow_redirects=False, timeout=30
			)
			if "evil" in signed_in.headers.get("Location", ""):
				wrong.append(("signed in", target, signed_in.headers["Location"]))
			for page in ("/portal-login", "/portal-signup"):
				answer = Client("guest", None, None).get(page, **{"redirect-to": target})
				found = re.search(r'data-redirect="([^"]*)"', answer.text)
				if not found or found.group(1) != "/my-requests":
					wrong.append((page, target, found.group(1) if found else answer.status_code))
		self.assertEqual(wrong, [])

	def test_complaint_ledger_pdf_refuses_markup_and_unknown_departments(self):
		window = self.clients["window"]
		for department in ('<link rel="attachment" href="file:///etc/passwd">', "不存在的部门"):
			response = window.get(
				"/api/method/govservice.api.printing.complaint_ledger_pdf",
				from_date="2026-01-01",
				to_date="2026-12-31",
				department=department,
			)
			self.assertNotEqual(response.status_code, 200, department)
		# a hostile date is refused without being said back (Frappe's getdate would repeat it as markup)
		for method in ("govservice.api.printing.complaint_ledger_pdf", "govservice.api.ledgers.work_log_csv"):
			response = window.get(
				f"/api/method/{method}", from_date="<img src=x onerror=alert(1)>", to_date="2026-12-31"
			)
			self.assertNotEqual(response.status_code, 200, method)
			self.assertNotIn(b"onerror", response.content, method)
		response = window.get(
			"/api/method/govservice.api.printing.complaint_ledger_pdf",
			from_date="2026-01-01",
			to_date="2026-12-31",
			department=WORLD["departments"]["d1"],
		)
		self.assertEqual(response.status_code, 200, response.text[:200])
		self.assertTrue(response.content.startswith(b"%PDF"))
		self.assertNotIn(b"root:x:0:0", response.content)

	# --- the second round: spellings, addresses, history, audit, typed text, shared files, echoes ---------

	# one mobile number in the spellings an attacker used; only the full-width one is the same number
	SPELLINGS = {
		"full-width": "１３９５５５００００１",
		"Arabic-Indic": "١٣٩٥٥٥٠٠٠٠١",
		"Eastern Arabic": "۱۳۹۵۵۵۰۰۰۰۱",
		"Bengali": "১৩৯৫৫৫০০০০১",
		"Thai": "๑๓๙๕๕๕๐๐๐๐๑",
		"Myanmar": "၁၃၉၅၅၅၀၀၀၀၁",
		"Devanagari": "१३९५५५००००१",
		"mixed": "1395550000١",
	}

	def test_identifiers_in_other_digits_are_refused_on_every_path(self):
		"""send_code, code log-in, reset, sign-up and Frappe's own log-in by mobile number: a number in other
		scripts' digits is refused (never another spelling of an account), the full-width one is the same
		number (and meets the same 60-second gap)."""
		self.failures_seen = []
		registered = WORLD["mobiles"]["portal_a"]
		self.assertEqual(registered, "13955500001")
		guest = Client("guest", None, None)
		for name, spelling in self.SPELLINGS.items():
			for method, data in (
				("govservice.api.account.send_code", {"purpose": "login"}),
				("govservice.api.account.login_with_code", {"code": "123456"}),
				("govservice.api.account.reset_password", {"code": "123456", "new_password": "Taken-2026x!"}),
			):
				response = guest.call(method, phone=spelling, **data)
				kind = response.json().get("exc_type") if not ok(response) else None
				if (
					name == "full-width"
				):  # the holder's number: a code is sent (or the gap waited), none guessed
					passed = (
						kind in (None, "SMSRateLimitError") if "send_code" in method else kind == "CodeError"
					)
				else:
					passed = kind == "AccountError"
				self.record(
					"guest", "Account", f"{method.rsplit('.', 1)[-1]} {name}", spelling, passed, str(kind)
				)
			login = requests.post(
				f"{BASE}/api/method/login", data={"usr": spelling, "pwd": WORLD["password"]}, timeout=60
			)
			want = name == "full-width"  # the same number, canonical: the holder logs in
			self.record("guest", "Account", f"Frappe login by mobile {name}", spelling, ok(login) == want)
		# a successful log-in resets the address's count of failures for the suite's later log-ins
		Client("reset-count", WORLD["users"]["portal_a"], WORLD["password"])
		fresh = "13955500077"
		first = guest.call(
			"govservice.api.account.send_code", phone=fresh.translate(FULL_WIDTH), purpose="signup"
		)
		again = guest.call("govservice.api.account.send_code", phone=fresh, purpose="signup")
		self.record(
			"guest",
			"Account",
			"full-width and ASCII share the gap",
			fresh,
			ok(first) and again.status_code == 429,
			f"{first.status_code} {again.status_code}",
		)
		self.assertEqual(self.failures_seen, [])

	def test_forged_forwarding_headers_do_not_dodge_address_limits(self):
		"""The client's address is the peer's (no trusted proxy on the test site): a new X-Forwarded-For on
		every request is not a new address. Checked on the app's code limit and on Frappe's rate limit of
		password resets, whose answer is also the same for existing and missing accounts."""
		self.failures_seen = []
		gs_settings = self.admin.get("/api/resource/GS Settings/GS Settings").json()["data"]
		system = self.admin.get("/api/resource/System Settings/System Settings").json()["data"]
		try:
			self.admin.put("/api/resource/GS Settings/GS Settings", {"sms_codes_per_ip_per_hour": 3})
			statuses = []
			for n in range(6):
				response = requests.post(
					f"{BASE}/api/method/govservice.api.account.send_code",
					data={"phone": f"1395551{n:04d}", "purpose": "signup"},
					headers={"X-Forwarded-For": f"10.77.0.{n + 2}", "Accept": "application/json"},
					timeout=60,
				)
				statuses.append(response.status_code)
			limited = statuses.index(429) if 429 in statuses else None
			self.record(
				"guest",
				"Account",
				"send_code per address, forged X-Forwarded-For",
				"*",
				limited is not None and limited <= 3 and set(statuses[limited:]) == {429},
				str(statuses),
			)
			# Frappe's reset: the same answer for a citizen's, a staff account's and a missing name
			self.admin.put("/api/resource/System Settings/System Settings", {"password_reset_limit": 1000})
			answers = []
			for user in (WORLD["users"]["portal_a"], WORLD["users"]["window"], "nobody@nowhere.test"):
				response = requests.post(
					f"{BASE}/api/method/frappe.core.doctype.user.user.reset_password",
					data={"user": user},
					headers={"Accept": "application/json"},
					timeout=60,
				)
				answers.append((response.status_code, response.text))
				self.record(
					"guest", "Account", "reset_password names nobody", user, "市民" not in response.text
				)
			self.record(
				"guest",
				"Account",
				"reset_password same answer",
				"*",
				len(set(answers)) == 1 and answers[0][0] == 200,
				str(answers)[:300],
			)
			# with the limit below what this address has used, every forged address is refused too
			lowered = self.admin.put(
				"/api/resource/System Settings/System Settings", {"password_reset_limit": 2}
			)
			self.assertTrue(ok(lowered), lowered.text[:300])
			statuses = [
				requests.post(
					f"{BASE}/api/method/frappe.core.doctype.user.user.reset_password",
					data={"user": f"nobody{n}@nowhere.test"},
					headers={"X-Forwarded-For": f"10.78.0.{n + 2}", "Accept": "application/json"},
					timeout=60,
				).status_code
				for n in range(3)
			]
			self.record(
				"guest",
				"Account",
				"reset_password per address, forged X-Forwarded-For",
				"*",
				statuses == [429, 429, 429],
				str(statuses),
			)
		finally:
			self.admin.put(
				"/api/resource/GS Settings/GS Settings",
				{"sms_codes_per_ip_per_hour": gs_settings.get("sms_codes_per_ip_per_hour")},
			)
			self.admin.put(
				"/api/resource/System Settings/System Settings",
				{"password_reset_limit": system.get("password_reset_limit")},
			)
		self.assertEqual(self.failures_seen, [])

	def test_history_never_shows_fields_above_the_readers_level(self):
		"""A corrected ID number (case, register, profile, sheet row) is in the record's history; a reader
		who sees the masked copy never gets a full number from getdoc, get_docinfo or the Version list."""
		corrected = WORLD["corrected"]
		numbers = set(WORLD["correction_ids"])

		def full_ids(text: str) -> set[str]:
			return {number for number in numbers if number in text}

		def probe(client: Client, identity: str):
			for doctype, name in corrected.items():
				loaded = client.call("frappe.desk.form.load.getdoc", doctype=doctype, name=name)
				if not ok(loaded):
					continue  # not a reader of the record at all (the list probes check that)
				body = json.dumps(loaded.json().get("docs") or [], ensure_ascii=False)
				shows_full = bool(full_ids(body))
				history = json.dumps(
					loaded.json().get("docinfo", {}).get("versions") or [], ensure_ascii=False
				)
				self.record(
					identity,
					doctype,
					"getdoc history",
					name,
					shows_full or not full_ids(history),
					str(full_ids(history)),
				)
				info = client.call("frappe.desk.form.load.get_docinfo", doctype=doctype, name=name)
				if ok(info):
					history = json.dumps(
						info.json().get("docinfo", {}).get("versions") or [], ensure_ascii=False
					)
					self.record(
						identity,
						doctype,
						"get_docinfo history",
						name,
						shows_full or not full_ids(history),
						str(full_ids(history)),
					)
				listed = client.get(
					"/api/resource/Version",
					filters=json.dumps({"ref_doctype": doctype, "docname": name}),
					fields=json.dumps(["data"]),
					limit_page_length=0,
				)
				text = listed.text if ok(listed) else ""
				self.record(
					identity,
					doctype,
					"Version list",
					name,
					shows_full or not full_ids(text),
					str(full_ids(text)),
				)
				followed = client.call(
					"frappe.desk.form.document_follow.update_follow",
					doctype=doctype,
					doc_name=name,
					following=1,
				)
				self.record(
					identity, doctype, "follow by e-mail", name, not ok(followed), followed.text[:120]
				)

		self.run_matrix(probe)

	def test_every_full_id_field_read_is_logged(self):
		"""The fields logged are the metadata's (Data fields above level 0), not a list: for each, a value,
		list and report read by a reader of the field writes an Access Log row."""
		self.failures_seen = []
		fields = {}
		for doctype in ("GS Case", "GS Special Group Member", "GS Portal Profile", "GS Collection Sheet"):
			meta = self.admin.get("/api/method/frappe.desk.form.load.getdoctype", doctype=doctype).json()[
				"docs"
			]
			for dt in meta:
				for df in dt["fields"]:
					if df["fieldtype"] == "Data" and df.get("permlevel"):
						fields.setdefault(dt["name"], set()).add(df["fieldname"])
		self.assertIn("filer_id_number", fields["GS Case"])
		self.assertIn("id_number", fields["GS Collection Request"])
		for doctype, reader in (("GS Case", "village"), ("GS Special Group Member", "village")):
			client, user = self.clients[reader], WORLD["users"][reader]
			for fieldname in sorted(fields[doctype]):
				for path, method, data in (
					("get_value", "frappe.client.get_value", {"fieldname": fieldname}),
					("get_list", "frappe.client.get_list", {"fields": json.dumps([fieldname])}),
					(
						"reportview.get",
						"frappe.desk.reportview.get",
						{"fields": json.dumps([f"`tab{doctype}`.`{fieldname}`"])},
					),
				):
					before = len(self.access_logs(user))
					answer = client.call(method, doctype=doctype, **data)
					after = len(self.access_logs(user))
					self.record(
						reader,
						doctype,
						f"Access Log {path} {fieldname}",
						"*",
						ok(answer) and after == before + 1,
						answer.text[:120],
					)
		self.assertEqual(self.failures_seen, [])

	def test_typed_markup_is_plain_text_and_never_echoed(self):
		"""Markup a citizen or an agent types is stored as text (no tag survives), and a refusal never
		repeats the value it refuses."""
		self.failures_seen = []
		hostile = '"><svg onload=alert(1)><img src="http://127.0.0.1:9/x">'
		village = self.clients["village"]
		case = WORLD["cases"]["v1a"]
		for field, value in (
			("filer_relationship", hostile),
			("service_centre", hostile),
			("applicant_type", hostile),
		):
			response = village.put(f"/api/resource/GS Case/{case}", {field: value})
			self.record(
				"village",
				"GS Case",
				f"refusal echoes {field}",
				case,
				"<svg" not in response.text,
				response.text[:160],
			)
		for path in (
			f"/api/resource/GS Case/{hostile}",
			"/api/method/frappe.desk.form.load.getdoc?doctype=GS Case&name=" + requests.utils.quote(hostile),
		):
			response = village.get(path)
			self.record(
				"village", "GS Case", "not-found echoes the name", path[:40], "<svg" not in response.text
			)
		response = requests.post(
			f"{BASE}/api/method/govservice.api.account.send_code",
			data={"phone": hostile, "purpose": "login"},
			headers={"Accept": "application/json"},
			timeout=60,
		)
		self.record("guest", "Account", "send_code echoes the phone", "*", "svg" not in response.text)
		noted = village.put(f"/api/resource/GS Case/{case}", {"result": hostile})  # the case is completed
		stored = self.admin.get(f"/api/resource/GS Case/{case}").json()["data"].get("result") or ""
		self.record(
			"village",
			"GS Case",
			"typed markup stored as text",
			case,
			ok(noted) and "<" not in stored,
			stored[:80],
		)
		comment = village.call(
			"frappe.desk.form.utils.add_comment",
			reference_doctype="GS Case",
			reference_name=case,
			content='<p style="position:fixed">看<img src="http://127.0.0.1:9/p.png"><a href="http://evil.test/">核验</a></p>',
			comment_email=WORLD["users"]["village"],
			comment_by="一村代办员",
		)
		content = (message(comment) or {}).get("content", "")
		self.record(
			"village",
			"Comment",
			"a comment keeps the site's own rich text",
			case,
			ok(comment) and "http" not in content and "style" not in content,
			content[:120],
		)
		self.assertEqual(self.failures_seen, [])

	def test_the_same_bytes_from_two_citizens_are_two_files(self):
		"""Two citizens file requests with identical files: each request holds its own file, and neither
		citizen can open the other's."""
		self.failures_seen = []
		content = b"%PDF-1.4\n% identical upload\n%%EOF\n"
		urls = {}
		for identity in ("portal_a", "portal_b"):
			response = self.clients[identity].session.post(
				f"{BASE}/api/method/govservice.api.portal.submit_request",
				data={"service_item": WORLD["item"], "phone": WORLD["mobiles"][identity]},
				files={"material-0": ("同一份.pdf", content, "application/pdf")},
				headers={"Accept": "application/json"},
				timeout=60,
			)
			self.record(
				identity,
				"File",
				"file a request with identical bytes",
				"*",
				ok(response),
				response.text[:160],
			)
			case = message(response)
			if case:
				rows = self.admin.get(f"/api/resource/GS Case/{case}").json()["data"]["materials"]
				urls[identity] = next((row["portal_file"] for row in rows if row.get("portal_file")), None)
		self.record(
			"portal_a",
			"File",
			"identical uploads share no file",
			"*",
			bool(urls.get("portal_a")) and urls.get("portal_a") != urls.get("portal_b"),
			str(urls),
		)
		if urls.get("portal_b"):
			stolen = self.clients["portal_a"].session.get(BASE + urls["portal_b"], timeout=60)
			self.record("portal_a", "File", "the other's copy", urls["portal_b"], stolen.status_code != 200)
		self.assertEqual(self.failures_seen, [])

	def test_security_headers(self):
		self.failures_seen = []
		# a session of its own: opening desk pages gives a session a CSRF token the suite's clients do not send
		client = Client("headers", WORLD["users"]["village"], WORLD["password"])
		for path in ("/", "/services", "/app", "/printview", "/api/method/ping"):
			response = client.session.get(BASE + path, timeout=60)
			policy = response.headers.get("Content-Security-Policy", "")
			self.record(
				"village",
				"headers",
				"Content-Security-Policy",
				path,
				"img-src 'self' data: blob:" in policy and "form-action 'self'" in policy,
				policy[:80],
			)
			self.record(
				"village",
				"headers",
				"nosniff",
				path,
				response.headers.get("X-Content-Type-Options") == "nosniff",
			)
		self.assertEqual(self.failures_seen, [])


if __name__ == "__main__":
	unittest.main()
