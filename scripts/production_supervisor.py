"""More web processes in the supervisor configuration `bench setup supervisor` generated: copies of the
gunicorn program on the next ports, in the web group (scripts/production --web-processes N; each stands for
a web machine behind the one nginx upstream, sharing the database and Redis, so a session started on one is
a session on the others).

usage: production_supervisor.py SUPERVISOR_CONF --bench NAME --processes N
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path


def add_web_processes(text: str, bench: str, processes: int) -> tuple[str, list[int]]:
	name = f"{bench}-frappe-web"
	match = re.search(rf"^\[program:{re.escape(name)}\]\n(?:.+\n)+", text, flags=re.M)
	if not match:
		raise SystemExit(f"no [program:{name}] in the configuration")
	block = match.group(0)
	port = int(re.search(r"-b 127\.0\.0\.1:(\d+)", block).group(1))
	ports, copies, names = [port], [], []
	for index in range(2, processes + 1):
		ports.append(port + index - 1)
		copy = block.replace(f"[program:{name}]", f"[program:{name}-{index}]")
		copy = copy.replace(f"-b 127.0.0.1:{port} ", f"-b 127.0.0.1:{ports[-1]} ")
		copy = copy.replace("/logs/web.log", f"/logs/web-{index}.log").replace(
			"/logs/web.error.log", f"/logs/web-{index}.error.log"
		)
		copies.append(copy)
		names.append(f"{name}-{index}")
	text = text.replace(block, block + "".join("\n" + copy for copy in copies), 1)
	if names:
		text = re.sub(
			rf"^(programs={re.escape(name)}\b.*)$",
			lambda line: line.group(1) + "," + ",".join(names),
			text,
			count=1,
			flags=re.M,
		)
	return text, ports


def main() -> None:
	parser = argparse.ArgumentParser()
	parser.add_argument("conf")
	parser.add_argument("--bench", required=True)
	parser.add_argument("--processes", type=int, default=1)
	args = parser.parse_args()
	path = Path(args.conf)
	text, ports = add_web_processes(path.read_text(), args.bench, max(1, args.processes))
	path.write_text(text)
	print(",".join(str(port) for port in ports))


if __name__ == "__main__":
	main()
