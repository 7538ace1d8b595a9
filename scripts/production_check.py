"""The checks of scripts/production-check, over HTTPS through nginx only, as an outsider would; what an
outsider cannot see (where a log-in was counted, whether a scheduled job ran) is read with `bench execute`.
Prints one row per check and exits non-zero when any failed.

usage: production_check.py --site SITE --bench-dir DIR --bench-cmd "CMD …" --fake-endpoint HOST:PORT
                           [--cafile PEM] [--web-ports P,P] [--replica-socket SOCK --replica-program NAME]

It runs as root (it stops and starts the replica); the bench's commands run as the bench user (--bench-cmd).
"""

from __future__ import annotations

import argparse
import json
import shlex
import socket
import subprocess
import sys
import time
from datetime import datetime

import requests
import urllib3
from production_check_scale import checks_redis, checks_replica

from govservice.domain.identity import resident_id_check_char

FORGED = "203.0.113.7"
HEADERS = (
	"Content-Security-Policy",
	"X-Content-Type-Options",
	"Referrer-Policy",
	"Strict-Transport-Security",
)


class Check:
	def __init__(self, options):
		self.site = options.site
		self.base = f"https://{options.site}"
		self.bench = shlex.split(options.bench_cmd)
		self.bench_dir = options.bench_dir
		self.web_ports = [int(port) for port in options.web_ports.split(",") if port]
		self.replica_socket = options.replica_socket
		self.replica_program = options.replica_program
		self.verify = options.cafile or True
		self.rows: list[tuple[str, bool, str]] = []
		original = socket.getaddrinfo

		def loopback(host, *args, **kwargs):  # the site's name is this machine, for this process only
			return original("127.0.0.1" if host == options.site else host, *args, **kwargs)

		socket.getaddrinfo = loopback
		urllib3.disable_warnings()

	def session(self) -> requests.Session:
		session = requests.Session()
		session.trust_env = False  # straight to this machine: no proxy, no CA bundle from the environment
		session.verify = self.verify
		return session

	def row(self, name: str, ok: bool, detail: str = "") -> bool:
		self.rows.append((name, bool(ok), detail))
		return bool(ok)

	def execute(self, method: str, **kwargs):
		command = [*self.bench, "--site", self.site, "execute", method]
		if kwargs:
			command += ["--kwargs", json.dumps(kwargs)]
		out = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=self.bench_dir)
		if out.returncode:
			raise RuntimeError(f"{method}: {out.stderr[-500:]}")
		lines = [line for line in out.stdout.splitlines() if line.strip()]
		try:  # bench execute prints what the method returned as JSON
			return json.loads(lines[-1]) if lines else ""
		except ValueError:
			return lines[-1]

	def run(self, fake_endpoint: str, fake_url: str) -> None:
		guest = self.session()
		self.transport(guest)
		world = self.execute("govservice.setup.production.drill_world")
		agent = self.session()
		login = agent.post(
			f"{self.base}/api/method/login",
			data={"usr": world["user"], "pwd": world["password"]},
			headers={"X-Forwarded-For": FORGED},
		)
		self.row("agent logs in over HTTPS", login.status_code == 200, world["user"])
		self.sessions_everywhere(agent, world["user"])
		counted = self.execute("govservice.setup.production.last_login_address", user=world["user"])
		self.row(
			"a forged X-Forwarded-For is not the client's address",
			counted and FORGED not in counted,
			f"counted from {counted}",
		)
		saved = self.execute("govservice.setup.production.use_drill_carrier", endpoint=fake_endpoint)
		case = ""
		try:
			case = self.casework(agent, world, fake_url)
			self.texts(guest, fake_url)
		finally:
			self.execute("govservice.setup.production.restore_carrier", token=saved)
		self.realtime(agent)
		if case:
			self.pdf(agent, case)
			self.uploads(agent, case, world["upload_limit"])
			self.execute("govservice.setup.production.forget_drill_case", case=case)
		self.scheduled_job()
		checks_redis(self)
		if self.replica_socket:
			checks_replica(self, agent, world)

	def transport(self, guest: requests.Session) -> None:
		plain = self.session().get(f"http://{self.site}/services", allow_redirects=False, timeout=30)
		self.row(
			"HTTP is redirected to HTTPS",
			plain.status_code in (301, 308)
			and plain.headers.get("Location", "").startswith(f"https://{self.site}/"),
			f"{plain.status_code} {plain.headers.get('Location', '')}",
		)
		self.row("HTTPS answers", guest.get(f"{self.base}/api/method/ping", timeout=30).status_code == 200)
		page = guest.get(f"{self.base}/services", timeout=30)
		asset = ""
		for line in page.text.split('"'):
			if line.startswith("/assets/") and line.endswith(".css"):
				asset = line
				break
		for label, response in (
			("portal page", page),
			("API answer", guest.get(f"{self.base}/api/method/ping", timeout=30)),
			("file nginx serves", guest.get(f"{self.base}{asset}", timeout=30) if asset else None),
		):
			if response is None:
				self.row(f"security headers: {label}", False, "no stylesheet on the page")
				continue
			missing = [name for name in HEADERS if name not in response.headers]
			doubled = [
				name
				for name in HEADERS
				if "," in response.headers.get(name, "") and name != "Content-Security-Policy"
			]
			self.row(
				f"security headers: {label}",
				not missing and not doubled,
				f"missing {missing} doubled {doubled}",
			)
		error = guest.get(f"{self.base}/api/method/govservice.no_such_method", timeout=30)
		self.row("no traceback in an error answer", "Traceback" not in error.text, str(error.status_code))

	def register(self, agent: requests.Session, world: dict, phone: str, applicant: str = "演练申请人"):
		return agent.post(
			f"{self.base}/api/resource/GS Case",
			json={
				"applicant_type": "Individual",
				"applicant_name": applicant,
				"id_number": "11010119900307451" + resident_id_check_char("11010119900307451"),
				"phone": phone,
				"service_item": world["item"],
				"service_centre": world["centre"],
				"agent": world["agent"],
				"intake_channel": "Window",
			},
			timeout=60,
		)

	def casework(self, agent: requests.Session, world: dict, fake_url: str) -> str:
		phone = "139" + str(int(time.time()))[-8:]
		created = self.register(agent, world, phone)
		if not self.row(
			"agent registers a case",
			created.status_code == 200,
			created.text[:120] if created.status_code != 200 else "",
		):
			return ""
		case = created.json()["data"]
		materials = [dict(row, is_received=1, is_verified=1) for row in case["materials"]]
		agent.put(f"{self.base}/api/resource/GS Case/{case['name']}", json={"materials": materials})
		case = agent.get(f"{self.base}/api/resource/GS Case/{case['name']}").json()["data"]
		accepted = agent.post(
			f"{self.base}/api/method/frappe.model.workflow.apply_workflow",
			data={"doc": json.dumps(case), "action": "Accept"},
		)
		status = accepted.json().get("message", {}).get("status") if accepted.ok else accepted.text[:120]
		self.row("agent accepts it", status == "Accepted", f"{case['name']}: {status}")
		text = self.wait_for_text(fake_url, phone)
		self.row(
			"the applicant's text reaches the carrier with its approved template",
			text == "SMS_100000002",
			text,
		)
		return case["name"]

	def texts(self, guest: requests.Session, fake_url: str) -> None:
		phone = "137" + str(int(time.time()))[-8:]
		sent = guest.post(
			f"{self.base}/api/method/govservice.api.account.send_code",
			data={"phone": phone, "purpose": "signup"},
		)
		text = self.wait_for_text(fake_url, phone) if sent.ok else sent.text[:120]
		self.row("a sign-up code reaches the carrier", text == "SMS_100000001", text)

	def wait_for_text(self, fake_url: str, phone: str, seconds: float = 60) -> str:
		deadline = time.time() + seconds
		while time.time() < deadline:
			for message in self.session().get(f"{fake_url}/messages", timeout=10).json()["messages"]:
				if message.get("to") == phone:
					return message.get("template", "")
			time.sleep(0.5)
		return "nothing"

	def sessions_everywhere(self, agent: requests.Session, user: str) -> None:
		"""A session started through nginx is a session on every web process behind it (they share the
		database and Redis, as web machines would)."""
		answers = {}
		for port in self.web_ports:
			plain = self.session()
			plain.cookies.update(agent.cookies.get_dict())
			answer = plain.get(
				f"http://127.0.0.1:{port}/api/method/frappe.auth.get_logged_user",
				headers={"Host": self.site},
				timeout=30,
			)
			answers[port] = answer.json().get("message") if answer.ok else answer.status_code
		self.row(
			f"the session works on each of {len(self.web_ports)} web processes",
			bool(answers) and all(value == user for value in answers.values()),
			str(answers),
		)

	def realtime(self, agent: requests.Session) -> None:
		"""socket.io (Engine.IO 4, polling) through nginx: the agent joins the site's channel; a page of another
		origin with the agent's cookie is refused."""
		for origin, should_join in ((self.base, True), ("https://evil.example", False)):
			base = f"{self.base}/socket.io/?EIO=4&transport=polling"
			headers = {"Origin": origin}
			opened = agent.get(base, headers=headers, timeout=30)
			try:
				sid = json.loads(opened.text[opened.text.index("{") :])["sid"]
			except ValueError:
				self.row("realtime: handshake", False, opened.text[:100])
				return
			channel = f"/{self.site}"
			agent.post(f"{base}&sid={sid}", data=f"40{channel},", headers=headers, timeout=30)
			answer = agent.get(f"{base}&sid={sid}", headers=headers, timeout=30).text
			joined = f"40{channel}," in answer and f"44{channel}," not in answer
			label = (
				"realtime: the agent joins the site's channel"
				if should_join
				else "realtime: another origin is refused"
			)
			self.row(label, joined == should_join, answer[:100])

	def pdf(self, agent: requests.Session, case: str) -> None:
		pdf = agent.get(
			f"{self.base}/api/method/govservice.api.printing.download_pdf",
			params={"doctype": "GS Case", "name": case, "print_format": "GS Entrustment Agreement"},
			timeout=120,
		)
		self.row("a PDF renders", pdf.ok and pdf.content.startswith(b"%PDF"), f"{len(pdf.content)} bytes")

	def uploads(self, agent: requests.Session, case: str, limit: int) -> None:
		# Frappe counts the whole form against the limit (Werkzeug's max_content_length): a file with room
		# for the form around it is taken, one byte over the limit is not
		for size, allowed in ((limit - 64 * 1024, True), (limit + 1, False)):
			answer = agent.post(
				f"{self.base}/api/method/upload_file",
				data={"doctype": "GS Case", "docname": case, "is_private": 1},
				files={"file": ("drill.pdf", b"%PDF-1.4\n" + b"0" * (size - 9), "application/pdf")},
				timeout=300,
			)
			label = (
				"an upload just under the limit is taken"
				if allowed
				else "an upload over the limit is refused"
			)
			self.row(label, answer.ok == allowed, f"{size} bytes: {answer.status_code}")
			if allowed and answer.ok:
				# Frappe checks the reader, then nginx sends the private file (X-Accel-Redirect)
				url = answer.json()["message"]["file_url"]
				private = agent.get(f"{self.base}{url}", timeout=120)
				self.row(
					"the private file downloads at its address",
					private.ok and private.content.startswith(b"%PDF") and len(private.content) == size,
					f"{url}: {private.status_code}",
				)
				outsider = self.session().get(f"{self.base}{url}", timeout=60)
				self.row(
					"a guest is refused it",
					outsider.status_code in (401, 403, 404),
					str(outsider.status_code),
				)

	def scheduled_job(self) -> None:
		since = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
		job = self.execute("govservice.setup.production.run_scheduled_job_once")
		status = ""
		for _ in range(120):
			status = self.execute("govservice.setup.production.scheduled_job_done", job_type=job, since=since)
			if status in ("Complete", "Failed"):
				break
			time.sleep(1)
		self.row(
			"a scheduled job runs in a background worker",
			status == "Complete",
			f"{job}: {status or 'not run'}",
		)

	def report(self) -> int:
		width = max(len(name) for name, _ok, _detail in self.rows)
		for name, ok, detail in self.rows:
			print(f"{'PASS' if ok else 'FAIL'}  {name.ljust(width)}  {detail}")
		failed = sum(1 for _name, ok, _detail in self.rows if not ok)
		print(f"{len(self.rows) - failed} passed, {failed} failed")
		return 1 if failed else 0


def main() -> None:
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--bench-cmd", required=True)
	parser.add_argument("--bench-dir", required=True)
	parser.add_argument("--cafile")
	parser.add_argument("--fake-endpoint", required=True)
	parser.add_argument("--web-ports", default="")
	parser.add_argument("--replica-socket", default="")
	parser.add_argument("--replica-program", default="")
	options = parser.parse_args()
	check = Check(options)
	try:
		check.run(options.fake_endpoint, f"http://{options.fake_endpoint}")
	except Exception as error:  # a check that could not run is a failed check, and the table is still printed
		check.row("the check ran to its end", False, f"{type(error).__name__}: {str(error)[:300]}")
	sys.exit(check.report())


if __name__ == "__main__":
	main()
