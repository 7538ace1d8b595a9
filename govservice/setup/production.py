"""What scripts/production asks of a site: nothing of development kept, the upload limit nginx must equal,
and how many backups are kept."""

from __future__ import annotations

from urllib.parse import urlsplit

import frappe

LOOPBACK = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}
BACKUPS_A_DAY = 4  # scripts/production takes one every six hours


def is_loopback(url: str | None) -> bool:
	if not url:
		return False
	host = urlsplit(url if "://" in url else f"http://{url}").hostname or ""
	return host in LOOPBACK or host.endswith(".localhost")


def forget_development_settings(keep_days: int = 7) -> list[str]:
	"""Clear what development left on the site: a gateway or carrier endpoint on this machine (the local SMS
	gateway or a test carrier) and the demo's known passwords are not production's. Returns what changed."""
	changed = []
	if is_loopback(frappe.db.get_single_value("SMS Settings", "sms_gateway_url")):
		frappe.db.set_single_value("SMS Settings", "sms_gateway_url", "")
		changed.append("SMS Settings: local gateway removed")
	if is_loopback(frappe.db.get_single_value("GS SMS Settings", "endpoint")):
		frappe.db.set_single_value("GS SMS Settings", "endpoint", "")
		changed.append("GS SMS Settings: local carrier endpoint removed")
	if frappe.db.get_single_value("System Settings", "allow_error_traceback"):
		frappe.db.set_single_value("System Settings", "allow_error_traceback", 0)
		changed.append("System Settings: error tracebacks off")
	# one upload limit: Frappe's (System Settings, Werkzeug's request limit) is the app's (GS Settings), and
	# nginx is given the same
	megabytes = upload_limit() // (1024 * 1024)
	if frappe.db.get_single_value("System Settings", "max_file_size") != megabytes:
		frappe.db.set_single_value("System Settings", "max_file_size", megabytes)
		changed.append(f"System Settings: uploads up to {megabytes} MB, as GS Settings")
	keep = max(1, int(keep_days)) * BACKUPS_A_DAY
	if frappe.db.get_single_value("System Settings", "backup_limit") != keep:
		frappe.db.set_single_value("System Settings", "backup_limit", keep)
		changed.append(f"System Settings: {keep} backups kept")
	frappe.db.commit()
	frappe.clear_cache()
	return changed


def upload_limit() -> int:
	"""The largest upload the app accepts, in bytes (GS Settings → Largest Upload): nginx is given the same."""
	from govservice.security.files import max_upload_bytes

	return max_upload_bytes()


# --- scripts/production-check: a drill on a demo site ------------------------------------------
# The check acts as an outsider over HTTPS; these read what an outsider cannot see (where a log-in was
# counted, whether a scheduled job ran) and point the site's texts at a fake carrier for the drill, putting
# the administrator's SMS settings back afterwards.

CARRIER_FIELDS = ("provider", "sign_name", "endpoint", "access_key_id", "sdk_app_id", "region")


def drill_world() -> dict:
	"""A village agent of the demo, their password, and an item their station handles by proxy."""
	password = frappe.conf.get("govservice_demo_password")
	if not password:
		frappe.throw(
			"scripts/production-check drills on a site with the demo loaded (govservice-setup --demo)"
		)
	agent = frappe.get_all(
		"GS Agent",
		filters={"level": "Village", "is_active": 1},
		fields=["name", "user", "service_centre"],
		order_by="name",
		limit=1,
	)[0]
	item = frappe.get_all(
		"GS Service Item",
		filters={"handled_at_village": 1, "offers_proxy": 1, "is_published": 1},
		pluck="name",
		order_by="name",
		limit=1,
	)[0]
	return {
		"agent": agent.name,
		"user": agent.user,
		"password": password,
		"centre": agent.service_centre,
		"item": item,
		"upload_limit": upload_limit(),
	}


def use_drill_carrier(endpoint: str) -> str:
	"""Point the site's texts at the fake Alibaba Cloud carrier. The settings to put back stay on the server
	(Redis, the carrier's secret as the encrypted value it is stored as); returns their token."""
	from govservice.tests import carrier_fakes as fakes

	conf = frappe.get_single("GS SMS Settings")
	saved = {
		"fields": {field: conf.get(field) for field in CARRIER_FIELDS},
		"secret": frappe.db.sql(
			"select `password` from `__Auth` where doctype=%s and name=%s and fieldname=%s",
			("GS SMS Settings", "GS SMS Settings", "access_key_secret"),
		),
		"templates": [
			{"message_kind": r.message_kind, "template_code": r.template_code} for r in conf.templates
		],
		# choosing a carrier switches the waiting applicant texts on: put that back too
		"waiting": frappe.db.get_single_value("GS Settings", "applicant_texts_waiting"),
		"texts": dict(
			frappe.get_all(
				"Notification", filters={"channel": "SMS"}, fields=["name", "enabled"], as_list=True
			)
		),
	}
	conf.update(
		{
			"provider": "Alibaba Cloud SMS",
			"sign_name": fakes.SIGN_NAME,
			"endpoint": f"http://{endpoint}",
			"access_key_id": fakes.ACCESS_KEY_ID,
			"access_key_secret": fakes.ACCESS_KEY_SECRET,
		}
	)
	conf.set(
		"templates",
		[
			{"message_kind": "Verification Code", "template_code": "SMS_100000001"},
			{"message_kind": "Request Accepted", "template_code": "SMS_100000002"},
		],
	)
	conf.flags.local_stand_in = True  # the drill's own stand-in on this machine
	conf.save(ignore_permissions=True)  # the drill's own set-up, put back by restore_carrier
	frappe.db.commit()
	token = frappe.generate_hash(length=20)
	frappe.cache.set_value(f"govservice:drill:{token}", frappe.as_json(saved), expires_in_sec=86400)
	return token


def restore_carrier(token: str) -> None:
	saved = frappe.parse_json(frappe.cache.get_value(f"govservice:drill:{token}"))
	conf = frappe.get_single("GS SMS Settings")
	conf.update(saved["fields"])
	conf.set("templates", saved["templates"])
	conf.flags.ignore_mandatory = True
	conf.flags.ignore_validate = True  # exactly what the administrator had
	conf.save(ignore_permissions=True)
	frappe.db.delete(
		"__Auth", {"doctype": "GS SMS Settings", "name": "GS SMS Settings", "fieldname": "access_key_secret"}
	)
	for (encrypted,) in saved["secret"]:
		frappe.db.sql(
			"insert into `__Auth` (doctype, name, fieldname, `password`, encrypted) values (%s, %s, %s, %s, 1)",
			("GS SMS Settings", "GS SMS Settings", "access_key_secret", encrypted),
		)
	frappe.db.set_single_value("GS Settings", "applicant_texts_waiting", saved["waiting"])
	for name, enabled in saved["texts"].items():
		frappe.db.set_value("Notification", name, "enabled", enabled, update_modified=False)
	frappe.db.commit()
	frappe.cache.delete_value(f"govservice:drill:{token}")
	frappe.clear_cache()


def last_login_address(user: str) -> str:
	"""The address Frappe counted the user's last log-in from (Activity Log)."""
	return (
		frappe.db.get_value(
			"Activity Log",
			{"user": user, "operation": "Login", "status": "Success"},
			"ip_address",
			order_by="creation desc",
		)
		or ""
	)


def run_scheduled_job_once() -> str:
	"""Enqueue one of the app's scheduled jobs now (the workers run it); returns its Scheduled Job Type."""
	# keeping the duty rosters filled is idempotent: running it once more changes nothing that matters
	name = frappe.db.get_value(
		"Scheduled Job Type", {"method": "govservice.organisation.rosters.keep_rosters", "stopped": 0}, "name"
	)
	frappe.get_doc("Scheduled Job Type", name).enqueue(force=True)
	frappe.db.commit()
	return name


def scheduled_job_done(job_type: str, since: str) -> str:
	"""'Complete' once the job enqueued since `since` has run (a cron job keeps a Scheduled Job Log)."""
	return (
		frappe.db.get_value(
			"Scheduled Job Log",
			{"scheduled_job_type": job_type, "creation": [">=", since]},
			"status",
			order_by="creation desc",
		)
		or ""
	)


def forget_drill_case(case: str) -> None:
	"""The drill's case is a demo record; its uploads are removed (the case itself is kept, as every case)."""
	for name in frappe.get_all(
		"File", filters={"attached_to_doctype": "GS Case", "attached_to_name": case}, pluck="name"
	):
		frappe.delete_doc("File", name, ignore_permissions=True)
	frappe.db.commit()
