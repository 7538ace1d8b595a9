"""The scale-out rows of scripts/production-check: the bench's own Redis instances, and the read replica —
lists, counts and reports served by it, writes on the primary, and the app reading from the primary (and
telling its administrators) while the replica is stopped, behind or down.

Which server answered a read is read off the replica's general query log (switched on for a moment): a list
filtered on a word nobody else uses shows there as a query of the site's user, or it did not reach the
replica.
"""

from __future__ import annotations

import json
import subprocess
import time
from datetime import date, timedelta
from pathlib import Path

# the app asks the replica at most every 5 s, and a late replica is late once 10 s behind
SETTLE_SECONDS = 60


def redis_cli(port: int, *args: str) -> str:
	out = subprocess.run(["redis-cli", "-p", str(port), *args], capture_output=True, text=True, timeout=10)
	return out.stdout.strip()


def checks_redis(check) -> None:
	conf = json.loads(Path(check.bench_dir, "sites", "common_site_config.json").read_text())
	cache, queue = (
		int(str(conf.get(key) or "").rsplit(":", 1)[-1] or 0) for key in ("redis_cache", "redis_queue")
	)
	answers = {port: redis_cli(port, "ping") for port in (cache, queue)}
	check.row(
		"Redis: cache and queue are two instances that answer",
		cache != queue and 6379 not in (cache, queue) and set(answers.values()) == {"PONG"},
		f"cache :{cache}, queue :{queue}: {answers}",
	)
	policy = redis_cli(cache, "config", "get", "maxmemory-policy").splitlines()[-1:]
	kept = redis_cli(queue, "config", "get", "maxmemory-policy").splitlines()[-1:]
	check.row(
		"Redis: a full cache drops old entries, the queue never drops a job",
		policy == ["allkeys-lru"] and kept == ["noeviction"],
		f"cache {policy}, queue {kept}",
	)


class Replica:
	def __init__(self, check):
		self.check = check
		self.socket = check.replica_socket
		self.program = check.replica_program
		site_config = json.loads(Path(check.bench_dir, "sites", check.site, "site_config.json").read_text())
		self.db = site_config["db_name"]

	def sql(self, query: str, primary: bool = False) -> str:
		command = ["mariadb", "-N", "-B", "-e", query]
		if not primary:
			command[1:1] = ["-S", self.socket]
		out = subprocess.run(command, capture_output=True, text=True, timeout=60)
		if out.returncode:
			raise RuntimeError(f"{'primary' if primary else 'replica'}: {out.stderr.strip()[:200]}")
		return out.stdout.strip()

	def status(self) -> dict:
		text = subprocess.run(
			["mariadb", "-S", self.socket, "-e", "SHOW SLAVE STATUS\\G"], capture_output=True, text=True
		).stdout
		return {
			key.strip(): value.strip()
			for key, _sep, value in (line.partition(":") for line in text.splitlines())
			if _sep
		}

	def has_case(self, case: str, primary: bool = False) -> bool:
		name = case.replace("'", "''")
		return self.sql(f"SELECT COUNT(*) FROM `{self.db}`.`tabGS Case` WHERE name='{name}'", primary) == "1"

	def supervisor(self, action: str) -> None:
		subprocess.run(["supervisorctl", action, self.program], capture_output=True, timeout=180)

	def wait_current(self, seconds: int = 90) -> dict:
		deadline = time.time() + seconds
		status = {}
		while time.time() < deadline:
			try:
				status = self.status()
			except Exception:
				status = {}
			if (
				status.get("Slave_IO_Running") == "Yes"
				and status.get("Slave_SQL_Running") == "Yes"
				and status.get("Seconds_Behind_Master", "NULL").isdigit()
				and int(status["Seconds_Behind_Master"]) <= 2
			):
				break
			time.sleep(1)
		return status


def checks_replica(check, agent, world) -> None:
	replica = Replica(check)
	status = replica.wait_current()
	check.row(
		"replica: it replicates the site's database",
		status.get("Slave_IO_Running") == "Yes" and status.get("Slave_SQL_Running") == "Yes",
		f"IO {status.get('Slave_IO_Running')}, SQL {status.get('Slave_SQL_Running')}, "
		f"{status.get('Seconds_Behind_Master')} s behind",
	)
	created = check.register(agent, world, "138" + str(int(time.time()))[-8:])
	case = created.json()["data"]["name"] if created.ok else ""
	reached = False
	for _ in range(30):
		if case and replica.has_case(case):
			reached = True
			break
		time.sleep(1)
	check.row(
		"replica: a case written through nginx is on the primary and reaches the replica",
		bool(case) and replica.has_case(case, primary=True) and reached,
		case or created.text[:120],
	)
	served = served_by_replica(check, replica, agent)
	check.row(
		"replica: the agent's list, count and a report are read from the replica",
		served["list"] and served["count"] and served["report"],
		str(served),
	)

	def while_replica(label: str, break_it, mend_it, told: str) -> None:
		"""Break the replica, register a case, and see it at once in the agent's list (the replica lacks it),
		the administrators told; then mend it and wait until it is current again."""
		break_it()
		message = wait_for_message(check, told)
		created = check.register(agent, world, "136" + str(int(time.time()))[-8:])
		case = created.json()["data"]["name"] if created.ok else ""
		listed = agent_lists(check, agent, [["GS Case", "name", "=", case]]) if case else []
		on_replica = "—"
		try:
			on_replica = "yes" if replica.has_case(case) else "no"
		except Exception:
			on_replica = "down"
		check.row(
			f"replica {label}: the agent's list reads from the primary, administrators told",
			bool(case) and listed == [case] and on_replica != "yes" and bool(message),
			f"{case} listed {listed}, on the replica: {on_replica}; told: {message[:60]}",
		)
		mend_it()
		replica.wait_current()

	while_replica(
		"stopped",
		lambda: replica.sql("STOP SLAVE"),
		lambda: replica.sql("START SLAVE"),
		"stopped replicating",
	)

	def fall_behind() -> None:  # a replica two minutes late, and a write for it to be late with
		replica.sql("STOP SLAVE; CHANGE MASTER TO MASTER_DELAY=120; START SLAVE")
		check.register(agent, world, "135" + str(int(time.time()))[-8:])

	while_replica(
		"behind",
		fall_behind,
		lambda: replica.sql("STOP SLAVE; CHANGE MASTER TO MASTER_DELAY=0; START SLAVE"),
		"seconds behind",
	)
	while_replica(
		"down",
		lambda: replica.supervisor("stop"),
		lambda: replica.supervisor("start"),
		"does not answer",
	)
	quiet = wait_for_message(check, "")  # the app has seen the replica current again
	served = served_by_replica(check, replica, agent)
	check.row(
		"replica: once current again, reads go back to it",
		quiet == "quiet" and served["list"] and served["count"],
		f"notice: {quiet or 'still there'}; {served}",
	)


def wait_for_message(check, words: str) -> str:
	"""The administrators' notice about the replica (govservice.setup.health), in English or Chinese;
	with no words, wait until there is no notice about the replica and return "quiet"."""
	chinese = {
		"stopped replicating": "停止复制",
		"seconds behind": "落后主库",
		"does not answer": "无应答",
		"": "",
	}[words]
	deadline = time.time() + SETTLE_SECONDS
	while time.time() < deadline:
		messages = check.execute("govservice.setup.health.current_messages") or []
		about_replica = [text for text in messages if "read replica" in text or "只读副本" in text]
		if not words and not about_replica:
			return "quiet"
		for message in about_replica if words else ():
			if words in message or chinese in message:
				return message
		time.sleep(2)
	return ""


def agent_lists(check, agent, filters: list) -> list[str]:
	answer = agent.get(
		f"{check.base}/api/method/frappe.desk.reportview.get",
		params={"doctype": "GS Case", "fields": json.dumps(["name"]), "filters": json.dumps(filters)},
		timeout=60,
	)
	if not answer.ok:
		return [f"HTTP {answer.status_code}"]
	message = answer.json().get("message") or {}
	return [row[0] for row in message.get("values", [])] if isinstance(message, dict) else message


def served_by_replica(check, replica: Replica, agent) -> dict:
	nonce = f"drill{int(time.time() * 1000)}"
	filters = [["GS Case", "applicant_name", "like", f"%{nonce}%"]]
	replica.sql("SET GLOBAL general_log = 0; TRUNCATE mysql.general_log")
	replica.sql("SET GLOBAL log_output = 'TABLE'; SET GLOBAL general_log = 1")
	try:
		listed = agent_lists(check, agent, filters)
		counted = agent.get(
			f"{check.base}/api/method/frappe.desk.reportview.get_count",
			params={"doctype": "GS Case", "filters": json.dumps(filters)},
			timeout=60,
		)
		today = date.today()
		report = agent.get(
			f"{check.base}/api/method/frappe.desk.query_report.run",
			params={
				"report_name": "Work Log Ledger",
				"filters": json.dumps(
					{"from_date": str(today - timedelta(days=30)), "to_date": str(today), "page": 1}
				),
			},
			timeout=120,
		)
	finally:
		replica.sql("SET GLOBAL general_log = 0")
	user = f"{replica.db}[%"
	queries = replica.sql(
		f"SELECT argument FROM mysql.general_log WHERE user_host LIKE '{user}' AND command_type = 'Query'"
	)
	replica.sql("TRUNCATE mysql.general_log")
	count_query = [line for line in queries.splitlines() if nonce in line and "count(" in line.lower()]
	list_query = [line for line in queries.splitlines() if nonce in line and "count(" not in line.lower()]
	return {
		"list": listed == [] and bool(list_query),
		"count": counted.ok and bool(count_query),
		"report": report.ok and "tabGS Work Log" in queries,
	}
