"""Committed records the security suite (e2e/test_security.py) probes over HTTP:
`bench --site … execute govservice.tests.security_setup.prepare`. Idempotent; prints the world as JSON.

A county of its own (安全测试县) with two townships and three villages, a user for each identity, and
in every place a case with materials, a consultation, a department task, a staff comment and a private
file; one-time notices, work-log rows, a bad rating with its rectification, and complaints dispatched to
two departments. The suite derives from `EXPECTED` which identity may read which record.
"""

import json

import frappe
from frappe.utils import getdate, now_datetime
from frappe.utils.password import update_password

from govservice.organisation.doctype.gs_calendar_year.gs_calendar_year import ensure_calendar_years
from govservice.organisation.utils import grant_centre_scope
from govservice.tests.guard import require_test_site
from govservice.tests.utils import (
	make_agent,
	make_centre,
	make_department,
	make_portal_user,
	make_service_item,
	make_user,
	use_site_language,
)

PASSWORD = "Sec-Test-2026!x"
ITEM = "SEC-ITEM"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ID_NUMBERS = {  # valid GB 11643 numbers, one per applicant
	"v1a": "11010519491231002X",
	"v1b": "110105195503150031",
	"t2": "420102199003071232",
	"c": "422828194301010017",
}

CENTRES = {
	"county": ("安全测试县", "County", None),
	"t1": ("安全一镇", "Township", "county"),
	"t2": ("安全二镇", "Township", "county"),
	"v1a": ("安全一村", "Village", "t1"),
	"v1b": ("安全二村", "Village", "t1"),
	"v2a": ("安全三村", "Village", "t2"),
}
# identity: (email, roles, centre the agent works at, display name)
STAFF = {
	"village": ("sec.village@test.govservice", ("GS Agent",), "v1a", "一村代办员"),
	"village2": ("sec.village2@test.govservice", ("GS Agent",), "v1b", "二村代办员"),
	"township": ("sec.township@test.govservice", ("GS Agent",), "t1", "一镇代办员"),
	"township2": ("sec.township2@test.govservice", ("GS Agent",), "t2", "二镇代办员"),
	"county": ("sec.county@test.govservice", ("GS Agent",), "county", "县代办员"),
	"window": ("sec.window@test.govservice", ("GS Window Officer",), None, "窗口人员"),
	"lead": ("sec.lead@test.govservice", ("GS Window Officer",), None, "窗口负责人"),
	"supervisor": ("sec.supervisor@test.govservice", ("GS Supervisor",), None, "一镇主管"),
	"contact": ("sec.contact@test.govservice", ("GS Department Contact",), None, "民政联系人"),
	"contact2": ("sec.contact2@test.govservice", ("GS Department Contact",), None, "人社联系人"),
	"supervisory": ("sec.supervisory@test.govservice", ("GS Supervisory Officer",), None, "督查人员"),
}
PORTAL = {"portal_a": "sec.citizen.a@test.govservice", "portal_b": "sec.citizen.b@test.govservice"}
MOBILES = {"portal_a": "13955500001", "portal_b": "13955500002"}
ENTERPRISE = "sec.enterprise@test.govservice"
# case key: (centre, agent identity, portal account)
CASES = {
	"v1a": ("v1a", "village", "portal_a"),
	"v1b": ("v1b", "village2", None),
	"t2": ("t2", "township2", "portal_b"),
	"c": ("county", "county", None),
}
SECRET_COMMENT = "内部意见:申请人情况需复核"
SECRET_CONSULTATION = "会商结论:内部掌握"


def prepare() -> None:
	require_test_site()
	frappe.set_user("Administrator")
	use_site_language()
	year = frappe.utils.getdate().year
	ensure_calendar_years([year, year + 1])
	centres = {
		key: make_centre(name, level, None) for key, (name, level, parent) in CENTRES.items() if not parent
	}
	for key, (name, level, parent) in CENTRES.items():
		if parent:
			centres[key] = make_centre(name, level, centres[parent])
	users = {}
	agents = {}
	for key, (email, roles, centre, full_name) in STAFF.items():
		users[key] = make_user(email, roles=roles, first_name=full_name)
		update_password(email, PASSWORD)
		if centre:
			agents[key] = make_agent(email, centres[centre], agent_name=full_name, phone="13800001111").name
	for key in ("window", "lead"):
		grant_centre_scope(users[key], centres["county"])  # the county hall's window, not an agent
	if frappe.db.get_value("GS Service Centre", centres["t1"], "supervisor") != users["supervisor"]:
		centre = frappe.get_doc("GS Service Centre", centres["t1"])
		centre.supervisor = users["supervisor"]
		centre.save()
	frappe.db.set_single_value("GS Settings", "window_lead", users["lead"])
	for key, email in PORTAL.items():
		users[key] = make_portal_user(email, full_name=f"市民{key[-1].upper()}", phone=MOBILES[key])
		frappe.db.set_value(
			"User", email, "mobile_no", MOBILES[key]
		)  # verified at sign-up, as a real account
		update_password(email, PASSWORD)
	departments = {"d1": make_department("安全民政局"), "d2": make_department("安全人社局")}
	for key, contact in (("d1", "contact"), ("d2", "contact2")):
		if not frappe.db.exists("GS Department Liaison", departments[key]):
			frappe.get_doc(
				{
					"doctype": "GS Department Liaison",
					"department": departments[key],
					"leader_name": "分管领导",
					"leader_phone": "0718-8000001",
					"contact_name": "联系人",
					"contact_phone": "13800000002",
					"contact_user": users[contact],
				}
			).insert()
	if not frappe.db.exists("GS Service Item", ITEM):
		make_service_item(
			ITEM,
			item_name="安全测试事项",
			is_published=1,
			offers_online=1,
			materials=[
				{"material_name": "居民身份证", "is_required": 1},
				{"material_name": "户口簿", "is_required": 1},
			],
		)
	cases = {key: ensure_case(key, centres, agents, users) for key in CASES}
	notices = {key: ensure_notice(cases[key]) for key in ("v1a", "t2")}
	reminders = {cases[key]: ensure_reminder(cases[key]) for key in cases}
	rating, rectification = ensure_rating(cases["v1a"], users["portal_a"])
	complaints = {
		"d1": ensure_complaint("d1", departments["d1"], users["portal_a"], dispatch=True),
		"d2": ensure_complaint("d2", departments["d2"], users["portal_b"], dispatch=True),
		"new": ensure_complaint("new", None, users["portal_a"], dispatch=False),
	}
	# the key project's owner enterprise on the portal (not one of the matrix's identities)
	enterprise = make_portal_user(ENTERPRISE, "Enterprise", full_name="企业经办人", phone="13955500003")
	update_password(ENTERPRISE, PASSWORD)
	key_project = ensure_key_project(centres, agents, users, departments)
	ensure_deferred_material(key_project)
	project_reminder = ensure_project_reminder(key_project)
	outreach = ensure_outreach(centres, agents, users)
	alerts = ensure_alerts(cases, complaints, centres, users, departments)
	performance = ensure_performance(centres)
	meeting = ensure_meeting(departments)
	inspection = ensure_inspection(centres, agents)
	evaluation = ensure_evaluation(centres, agents, users)
	assessment = ensure_assessment(centres, departments)
	hall = ensure_hall(centres, users)
	hall["back_office"] = ensure_back_office(cases, departments)
	remove_stray_files(cases)
	ensure_electronic_licence(cases["t2"])
	for method in ("sign_up", "login_with_code", "reset_password"):
		frappe.cache.delete_value(f"rl:govservice.api.account.{method}:127.0.0.1")
	frappe.cache.delete_keys("govservice:sms-code:")  # texted-code limits of earlier runs
	frappe.db.commit()
	print(
		json.dumps(
			{
				"password": PASSWORD,
				"users": users,
				"centres": centres,
				"agents": agents,
				"departments": departments,
				"cases": cases,
				"notices": notices,
				"reminders": reminders,
				"key_project": key_project,
				"project_reminder": project_reminder,
				"outreach": outreach,
				"enterprise": enterprise,
				"key_project_rows": {
					row.item_name: row.name for row in frappe.get_doc("GS Key Project", key_project).approvals
				},
				"rating": rating,
				"rectification": rectification,
				"complaints": complaints,
				"alerts": alerts,
				"performance": performance,
				"meeting": meeting,
				"inspection": inspection,
				"evaluation": evaluation,
				"assessment": assessment,
				"hall": hall,
				"id_numbers": {cases[key]: number for key, number in ID_NUMBERS.items()},
				"files": {cases[key]: case_file(cases[key]) for key in cases},
				"file_names": {
					cases[key]: frappe.db.get_value("File", {"file_url": case_file(cases[key])})
					for key in cases
				},
				"work_logs": {
					cases[key]: frappe.get_all("GS Work Log", filters={"gs_case": cases[key]}, pluck="name")
					for key in cases
				},
				"secret_comment": SECRET_COMMENT,
				"secret_consultation": SECRET_CONSULTATION,
				"item": ITEM,
				"mobiles": MOBILES,
				**ensure_corrections(cases, outreach, users),
			},
			ensure_ascii=False,
		)
	)


def ensure_key_project(centres: dict, agents: dict, users: dict, departments: dict) -> str:
	"""A key project at the first township (its agent the liaison), approved in part by the first
	department, with its first stage accepted (the second cannot open yet)."""
	from govservice.tests.utils import make_key_project, make_plan_template

	existing = frappe.db.get_value("GS Key Project", {"project_name": "安全测试重点项目"})
	if existing:
		return existing
	template = make_plan_template(
		"安全测试流程",
		"Enterprise Approval",
		[("立项用地规划许可", departments["d1"], 20), ("施工许可", departments["d1"], 10)],
		[
			("立项用地规划许可", "项目核准", departments["d1"], 10, 1, 1),
			("立项用地规划许可", "用地预审", departments["d1"], 15, 1, 1),
			("施工许可", "施工许可证核发", departments["d1"], 7, 1, 1),
		],
	)
	frappe.set_user(users["township"])
	try:
		project = make_key_project(
			centres["t1"],
			agents["township"],
			project_name="安全测试重点项目",
			site_address="一镇工业园",
			owner_user=ENTERPRISE,
		)
		project.append("team", {"member_role": "Lead Unit", "person_name": "牵头人", "phone": "13800002222"})
		project.save()
		project.apply_template(template)
		project = frappe.get_doc("GS Key Project", project.name)
		project.append("materials", {"material_name": "安全测试材料", "for_approvals": "项目核准\n用地预审"})
		project.save()
		frappe.get_doc("GS Key Project", project.name).accept_stage()
		project = frappe.get_doc("GS Key Project", project.name)
		waiting = next(row.name for row in project.approvals if row.item_name == "用地预审")
		project.pause_approval(waiting, "安全测试补正材料")  # a clock stop on record (and over the same day)
		frappe.get_doc("GS Key Project", project.name).resume_approval(waiting)
	finally:
		frappe.set_user("Administrator")
	return project.name


def ensure_deferred_material(name: str) -> None:
	"""容缺 on the key project: 用地预审 went ahead without a material, which has arrived (the probes of
	`receive_deferred` are then told so, or refused; a forged arrival date is refused)."""
	project = frappe.get_doc("GS Key Project", name)
	if project.get("deferred_items"):
		return
	next(row for row in project.approvals if row.item_name == "用地预审").decision = "Deferred Materials"
	project.append(
		"deferred_items",
		{"item_name": "用地预审", "material_name": "安全测试容缺材料", "promised_date": "2026-12-31"},
	)
	project.plan_change_reason = "安全测试：容缺受理"
	project.save()  # as Administrator: the world's records
	frappe.db.set_value(
		"GS Project Deferred Material",
		project.deferred_items[0].name,
		{"received_on": frappe.utils.today(), "received_by": "Administrator"},
	)


# ID numbers typed wrong and corrected: each record below holds both in its history (valid GB 11643 numbers)
WRONG_IDS = {
	"GS Case": "110105194912310038",
	"GS Special Group Member": "422828193503030038",
	"GS Portal Profile": "110105195001010012",
	"GS Collection Sheet": "422828194001010015",
}


def ensure_corrections(cases: dict, outreach: dict, users: dict) -> dict:
	"""An ID number corrected on a case, a register entry, a portal profile and a collection sheet's row
	(typed wrong, then put right), so that each record's history holds two full numbers."""
	records = {
		"GS Case": cases["v1a"],
		"GS Special Group Member": outreach["members"]["v1a"],
		"GS Portal Profile": frappe.db.get_value("GS Portal Profile", {"user": users["portal_a"]}),
		"GS Collection Sheet": outreach["sheet"],
	}
	numbers = set(WRONG_IDS.values())
	for doctype, name in records.items():
		wrong = WRONG_IDS[doctype]
		if frappe.db.exists(
			"Version", {"ref_doctype": doctype, "docname": name, "data": ["like", f"%{wrong}%"]}
		):
			continue
		doc = frappe.get_doc(doctype, name)
		holder = doc.requests[0] if doctype == "GS Collection Sheet" else doc
		right = holder.id_number
		for value in (wrong, right):
			holder.id_number = value
			doc.save(
				ignore_permissions=True, ignore_version=False
			)  # the suite's world, set up as Administrator
			doc = frappe.get_doc(doctype, name)
			holder = doc.requests[0] if doctype == "GS Collection Sheet" else doc
	for doctype, name in records.items():
		doc = frappe.get_doc(doctype, name)
		numbers.add((doc.requests[0] if doctype == "GS Collection Sheet" else doc).id_number)
	return {"corrected": records, "correction_ids": sorted(numbers)}


# the special-group register of the first two villages (valid GB 11643 numbers)
MEMBER_IDS = {"v1a": "422828193503030011", "v1b": "422828193604040024"}


def ensure_outreach(centres: dict, agents: dict, users: dict) -> dict:
	"""A register entry in each of the first township's villages, a visit with a need and a collection
	sheet at the first village (made by its agent)."""
	members = {}
	for key, id_number in MEMBER_IDS.items():
		members[key] = frappe.db.get_value("GS Special Group Member", {"id_number": id_number})
		if not members[key]:
			members[key] = (
				frappe.get_doc(
					{
						"doctype": "GS Special Group Member",
						"full_name": f"安全测试对象{key}",
						"id_number": id_number,
						"phone": "13900002222",
						"address": "安全一镇",
						"service_centre": centres[key],
						"responsible_agent": agents["village" if key == "v1a" else "village2"],
						"is_lonely_elderly": 1,
						"consent_to_visit": 1,
						"consent_date": frappe.utils.today(),
					}
				)
				.insert()
				.name
			)
	visit = frappe.db.get_value("GS Special Group Visit", {"member": members["v1a"]})
	if not visit:
		visit = (
			frappe.get_doc(
				{
					"doctype": "GS Special Group Visit",
					"member": members["v1a"],
					"visitors": "一村代办员",
					"findings": "安全测试走访",
					"needs": [{"description": "安全测试需求", "service_item": ITEM}],
				}
			)
			.insert()
			.name
		)
	sheet = frappe.db.get_value("GS Collection Sheet", {"collection_place": "安全测试收集点"})
	if not sheet:
		sheet = (
			frappe.get_doc(
				{
					"doctype": "GS Collection Sheet",
					"service_centre": centres["v1a"],
					"week_start": frappe.utils.today(),
					"collected_on": frappe.utils.today(),
					"collected_by": agents["village"],
					"collection_place": "安全测试收集点",
					"requests": [
						{
							"requester_name": "安全测试诉求人",
							"request": "安全测试诉求",
							"urgency": "Can Wait",
							"service_item": ITEM,
							"id_number": ID_NUMBERS["v1a"],
							"phone": "13900003333",
						}
					],
				}
			)
			.insert()
			.name
		)
	return {
		"members": members,
		"member_ids": {members[key]: number for key, number in MEMBER_IDS.items()},
		"visit": visit,
		"sheet": sheet,
	}


def ensure_project_reminder(project_name: str) -> str:
	"""An overdue reminder of the project's first approval, as the project reminder job records it."""
	project = frappe.get_doc("GS Key Project", project_name)
	row = project.approvals[0]
	existing = frappe.db.get_value("GS Project Reminder", {"target_row": row.name, "kind": "Overdue"})
	if existing:
		return existing
	reminder = frappe.get_doc(
		{
			"doctype": "GS Project Reminder",
			"key_project": project.name,
			"service_centre": project.service_centre,
			"target": "Approval",
			"target_row": row.name,
			"target_label": row.item_name,
			"department": row.department,
			"kind": "Overdue",
			"due_date": "2026-01-05",
			"sent_on": "2026-01-06 08:00:00",
			"recipients": "sec.township@test.govservice",
		}
	).insert(ignore_permissions=True)  # the reminder job's record, made for the suite
	return reminder.name


def ensure_reminder(case_name: str) -> str:
	"""An overdue reminder of the case, as the reminder job records it (with the case's centre)."""
	existing = frappe.db.get_value("GS Case Reminder", {"gs_case": case_name, "kind": "Overdue"})
	if existing:
		return existing
	reminder = frappe.get_doc(
		{
			"doctype": "GS Case Reminder",
			"gs_case": case_name,
			"service_centre": frappe.db.get_value("GS Case", case_name, "service_centre"),
			"kind": "Overdue",
			"deadline_date": "2026-01-05",
			"sent_on": "2026-01-06 08:00:00",
			"recipients": "sec.village@test.govservice",
		}
	).insert(ignore_permissions=True)  # the reminder job's record, made for the suite
	return reminder.name


def ensure_case(key: str, centres: dict, agents: dict, users: dict) -> str:
	centre, agent, portal = CASES[key]
	marker = f"安全测试申请人{key}"
	existing = frappe.db.get_value("GS Case", {"applicant_name": marker})
	if existing:
		return existing
	case = frappe.get_doc(
		{
			"doctype": "GS Case",
			"applicant_type": "Individual",
			"applicant_name": marker,
			"id_number": ID_NUMBERS[key],
			"phone": "13912345678",
			"service_item": ITEM,
			"service_centre": centres[centre],
			"agent": agents[agent],
			"intake_channel": "Online Portal" if portal else "Window",
			"received_on": now_datetime(),
			"tasks": [{"department": make_department("安全民政局"), "is_lead": 1}],
			"consultations": [
				{
					"meeting_date": frappe.utils.today(),
					"participants": "县乡村代办员",
					"conclusion": SECRET_CONSULTATION,
				}
			],
		}
	).insert()
	if portal:
		frappe.db.set_value("GS Case", case.name, "portal_user", users[portal])
	case.add_comment("Comment", SECRET_COMMENT)
	frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"sec-{key}.pdf",
			"attached_to_doctype": "GS Case",
			"attached_to_name": case.name,
			"is_private": 1,
			"content": PDF + key.encode(),
		}
	).insert()
	return case.name


def case_file(case: str) -> str:
	return frappe.db.get_value(
		"File", {"attached_to_doctype": "GS Case", "attached_to_name": case}, "file_url"
	)


def ensure_notice(case_name: str) -> str:
	existing = frappe.db.get_value("GS One-Time Notice", {"gs_case": case_name})
	if existing:
		return existing
	case = frappe.get_doc("GS Case", case_name)
	case.status = "Awaiting Materials"
	case.save()
	return frappe.db.get_value("GS One-Time Notice", {"gs_case": case_name})


def ensure_rating(case_name: str, portal_user: str) -> tuple[str, str]:
	existing = frappe.db.get_value("GS Rating", {"gs_case": case_name}, ["name", "rectification"])
	if existing:
		return existing
	frappe.db.set_value("GS Case", case_name, {"status": "Completed", "stage": "Completed"})
	frappe.set_user(portal_user)
	try:
		rating = frappe.get_doc(
			{"doctype": "GS Rating", "gs_case": case_name, "rating": "Dissatisfied", "comment": "等太久"}
		)
		rating.insert(ignore_permissions=True)
	finally:
		frappe.set_user("Administrator")
	return rating.name, frappe.db.get_value("GS Rating", rating.name, "rectification")


def ensure_alerts(cases: dict, complaints: dict, centres: dict, users: dict, departments: dict) -> dict:
	"""Two 监察预警: the first village's case (its agent answers for it) and the first department's
	complaint (its contact answers for it)."""
	alerts = {}
	for key, values in (
		(
			"case",
			{
				"clock": "Case Deadline",
				"source_doctype": "GS Case",
				"source_name": cases["v1a"],
				"subject": f"代办件{cases['v1a']}",
				"responsible_user": users["village"],
				"responsible_name": "一村代办员",
				"post": "Agent",
				"service_centre": centres["v1a"],
			},
		),
		(
			"complaint",
			{
				"clock": "Complaint Deadline",
				"source_doctype": "GS Complaint",
				"source_name": complaints["d1"],
				"subject": f"“办不成事”事项{complaints['d1']}",
				"responsible_user": users["contact"],
				"responsible_name": "民政联系人",
				"post": "Department Contact",
				"department": departments["d1"],
			},
		),
	):
		existing = frappe.db.get_value(
			"GS Supervision Alert",
			{"source_doctype": values["source_doctype"], "source_name": values["source_name"]},
		)
		if not existing:
			existing = (
				frappe.get_doc(
					{
						"doctype": "GS Supervision Alert",
						"level": "Yellow Warning",
						"due_date": "2026-01-05",
						"overdue_days": 2,
						"issued_on": now_datetime(),
						**values,
					}
				)
				.insert(ignore_permissions=True)
				.name
			)
		alerts[key] = existing
	return alerts


def ensure_performance(centres: dict) -> dict:
	"""The month's performance figures (drafts, as the monthly run leaves them) of the world's centres: read
	by the supervisory department, and by the first township's supervisor for that township and its villages.
	Last month: the desk's tests publish and correct this month's (govservice.tests.desk_setup)."""
	from govservice.domain.performance_rules import previous_month
	from govservice.supervision.performance import compute_month

	month = previous_month(getdate())
	compute_month(month)  # once: a later run keeps the month's reports
	reports = {
		key: frappe.db.get_value(
			"GS Performance Report",
			{"month": month, "service_centre": centre, "status": ["!=", "Superseded"]},
		)
		for key, centre in centres.items()
	}
	return {
		"month": str(month),
		"reports": reports,
		# the reports with rows (a centre with no case, rating or alert that month has none)
		"with_rows": [
			key for key, name in reports.items() if frappe.db.exists("GS Performance Row", {"parent": name})
		],
	}


def ensure_meeting(departments: dict) -> dict:
	"""A joint meeting with an agenda item, the first department attending and a decision it owns (its contact
	reports it done; nobody else but the supervisory department)."""
	name = frappe.db.get_value("GS Joint Meeting", {"venue": "安全测试会议室"})
	if not name:
		name = (
			frappe.get_doc(
				{
					"doctype": "GS Joint Meeting",
					"meeting_date": getdate(),
					"review_month": getdate(),
					"venue": "安全测试会议室",
					"agenda": [{"section": "Other", "subject": "安全测试议题"}],
					"attendance": [{"department": departments["d1"], "attendee": "民政联系人"}],
					"decisions": [
						{
							"decision": "安全测试议定事项",
							"owner_department": departments["d1"],
							"deadline_date": getdate(),
						}
					],
				}
			)
			.insert()
			.name
		)
	meeting = frappe.get_doc("GS Joint Meeting", name)
	return {"name": name, "decision": meeting.decisions[0].name}


def ensure_inspection(centres: dict, agents: dict) -> dict:
	"""A completed inspection of the first village with a finding its agent answers for (read by the
	village's, township's and county's staff and the supervisory department)."""
	from govservice.supervision.inspections import WINDOW_STANDARDS, ensure_inspection_templates

	ensure_inspection_templates()
	name = frappe.db.get_value(
		"GS Inspection", {"service_centre": centres["v1a"], "inspectors": "安全测试检查组"}
	)
	if not name:
		inspection = frappe.get_doc(
			{
				"doctype": "GS Inspection",
				"template": WINDOW_STANDARDS,
				"service_centre": centres["v1a"],
				"inspection_date": getdate(),
				"inspectors": "安全测试检查组",
			}
		).insert()
		inspection.load_checklist()
		for row in inspection.results:
			row.result = "Met"
		inspection.append(
			"findings", {"finding": "安全测试问题", "owner_agent": agents["village"], "deadline_days": 5}
		)
		inspection.save()
		inspection.complete()
		name = inspection.name
	inspection = frappe.get_doc("GS Inspection", name)
	return {"name": name, "finding": inspection.findings[0].name, "result": inspection.results[0].name}


def ensure_evaluation(centres: dict, agents: dict, users: dict) -> dict:
	"""三亮三评 of last year's fourth quarter, open for colleagues' scores: the first village's agent has scored
	a colleague of the village (not an identity), and the colleague has scored the agent. Results of the
	world's agents and centres; the two scores."""
	from govservice.supervision import evaluations

	colleague = make_agent(
		"sec.village.mate@test.govservice", centres["v1a"], agent_name="一村同事", phone="13800001112"
	)
	year = getdate().year - 1
	name = frappe.db.get_value("GS Evaluation Round", {"year": year, "quarter": "4"})
	if name and frappe.db.get_value("GS Evaluation Round", name, "status") != "Peer Rating":
		# an earlier run on this test site computed it: the world's round is open again
		frappe.db.set_value("GS Evaluation Round", name, "status", "Peer Rating")
		frappe.db.sql(
			"""update `tabGS Evaluation Result` set total_score = 0, `rank` = 0, proposed_title = null,
			confirmed_title = null, leader_score = 0, leader_comment = null, reviewed_by = null
			where round = %s""",
			name,
		)
	if not name:
		name = frappe.get_doc({"doctype": "GS Evaluation Round", "year": year, "quarter": "4"}).insert().name
	given = {}
	for rater, rated in (
		(users["village"], colleague.name),
		("sec.village.mate@test.govservice", agents["village"]),
	):
		existing = frappe.db.get_value("GS Peer Rating", {"round": name, "rater": rater, "agent": rated})
		if not existing:
			frappe.set_user(rater)
			evaluations.submit_peer_ratings(name, [{"agent": rated, "score": 88}])
			frappe.set_user("Administrator")
			existing = frappe.db.get_value("GS Peer Rating", {"round": name, "rater": rater, "agent": rated})
		given["by_village" if rater == users["village"] else "of_village"] = existing
	results = {
		key: frappe.db.get_value("GS Evaluation Result", {"round": name, "agent": agents[key]})
		for key in ("village", "village2", "township", "township2", "county")
	}
	results["mate"] = frappe.db.get_value("GS Evaluation Result", {"round": name, "agent": colleague.name})
	centre_results = {
		key: frappe.db.get_value(
			"GS Evaluation Result", {"round": name, "service_centre": centre, "result_type": "Centre"}
		)
		for key, centre in centres.items()
	}
	return {
		"name": name,
		"results": results,
		"centres": centre_results,
		"peer": given,
		"mate_agent": colleague.name,
	}


def ensure_assessment(centres: dict, departments: dict) -> dict:
	"""综合考核 of last year's fourth quarter, a draft with a stationed member of staff of the first township;
	two questionnaire answers (the first village's on the portal, the second township's on paper)."""
	from govservice.supervision.assessments import ensure_assessment_indicators, submit_questionnaire

	ensure_assessment_indicators()
	# the suite's identities all answer from 127.0.0.1: the hourly limit of one address is not what it tests
	frappe.db.set_single_value("GS Settings", "questionnaires_per_hour", 1000)
	year = getdate().year - 1
	name = frappe.db.get_value("GS Township Assessment", {"year": year, "quarter": "4"})
	if not name:
		name = (
			frappe.get_doc(
				{
					"doctype": "GS Township Assessment",
					"year": year,
					"quarter": "4",
					"stationed_staff": [
						{
							"staff_name": "安全派驻人员",
							"department": departments["d1"],
							"township": centres["t1"],
							"township_score": 90,
							"department_score": 80,
						}
					],
				}
			)
			.insert()
			.name
		)
	answers = {}
	for key, channel in (("v1a", "Portal"), ("t2", "Paper Questionnaire")):
		existing = frappe.db.get_value("GS Questionnaire Response", {"service_centre": centres[key]})
		if not existing:
			if channel == "Portal":
				frappe.set_user("Guest")
				submit_questionnaire(centres[key], "Satisfied", "安全测试问卷")
				frappe.set_user("Administrator")
			else:
				frappe.get_doc(
					{
						"doctype": "GS Questionnaire Response",
						"service_centre": centres[key],
						"satisfaction": "Basically Satisfied",
						"channel": channel,
					}
				).insert()
			existing = frappe.db.get_value("GS Questionnaire Response", {"service_centre": centres[key]})
		answers[key] = existing
	doc = frappe.get_doc("GS Township Assessment", name)
	return {
		"name": name,
		"stationed": doc.stationed_staff[0].name,
		"answers": answers,
		"indicators": frappe.get_all("GS Assessment Indicator", pluck="name"),
	}


# the marker is content the desk shows: Chinese, like real complaints
COMPLAINT_MARKS = {"new": "（未派发）"}


HALL_CATEGORY = "安全测试类别"
HALL_WINDOWS = {"county": "安全综合窗口", "t1": "安全镇窗口"}


def ensure_hall(centres: dict, users: dict) -> dict:
	"""The hall: a category served at a county window and a window of the first township, a ticket and an
	appointment at each, and the county window officer's session (govservice.service_hall)."""
	from govservice.service_hall.tickets import issue_ticket

	frappe.db.set_single_value("GS Settings", "hall_open_hours_only", 0)  # probes run at any hour

	for key, window in HALL_WINDOWS.items():
		centre = frappe.get_doc("GS Service Centre", centres[key])
		if window not in [row.window_name for row in centre.windows]:
			centre.append("windows", {"window_name": window, "window_type": "Comprehensive Acceptance"})
			centre.save()
	if not frappe.db.exists("GS Hall Category", HALL_CATEGORY):
		frappe.get_doc(
			{
				"doctype": "GS Hall Category",
				"category_name": HALL_CATEGORY,
				"prefix": "Z",
				"service_minutes": 10,
				"items": [{"service_item": ITEM}],
				"windows": [
					{"service_centre": centres[key], "window_name": window}
					for key, window in HALL_WINDOWS.items()
				],
			}
		).insert()
	tickets, appointments = {}, {}
	for key in HALL_WINDOWS:
		tickets[key] = (
			frappe.db.get_value(
				"GS Queue Ticket", {"service_centre": centres[key], "category": HALL_CATEGORY}
			)
			or issue_ticket(centres[key], HALL_CATEGORY, "Kiosk")[0].name
		)
		appointments[key] = frappe.db.get_value(
			"GS Appointment", {"service_centre": centres[key], "category": HALL_CATEGORY}
		)
		if not appointments[key]:
			doc = frappe.get_doc(
				{
					"doctype": "GS Appointment",
					"applicant_name": "安全预约人",
					"mobile": "13955500009" if key == "county" else "13955500008",
					"service_centre": centres[key],
					"category": HALL_CATEGORY,
					"appointment_date": frappe.utils.add_days(frappe.utils.nowdate(), 30),
					"slot_start": "09:00",
					"slot_end": "09:30",
					"status": "Booked",
					"check_in_code": "55500009" if key == "county" else "55500008",
				}
			)
			doc.db_insert()  # a booking made earlier (its date past the booking horizon)
			from govservice.security.scope import set_scope_centres

			set_scope_centres(doc)
			doc.db_update()
			appointments[key] = doc.name
	session = frappe.db.get_value("GS Window Session", {"officer": users["window"]})
	if not session:
		session = (
			frappe.get_doc(
				{
					"doctype": "GS Window Session",
					"officer": users["window"],
					"service_centre": centres["county"],
					"window_name": HALL_WINDOWS["county"],
					"session_date": frappe.utils.add_days(frappe.utils.nowdate(), -1),
					"signed_in_at": frappe.utils.now_datetime(),
					"signed_out_at": frappe.utils.now_datetime(),
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	handover = frappe.db.get_value("GS Result Handover", {"service_centre": centres["t1"]})
	if not handover:
		doc = frappe.get_doc(
			{
				"doctype": "GS Result Handover",
				"gs_case": frappe.db.get_value("GS Case", {"service_centre": centres["v1a"]}),
				"item_name": "安全测试事项",
				"applicant_name": "安全领取人",
				"service_centre": centres["t1"],
				"handling_centre": centres["v1a"],
				"is_cross_centre": 1,
				"status": "Awaiting Pickup",
				"delivery_method": "Window Pickup",
				"ready_on": frappe.utils.now_datetime(),
			}
		)
		from govservice.security.scope import set_scope_centres

		set_scope_centres(doc)
		doc.db_insert()  # 金龙村's result waiting at the township's results window
		handover = doc.name
	order = frappe.db.get_value("GS Work Order", {"work_order_no": "SEC-12345-1"})
	if not order:
		doc = frappe.get_doc(
			{
				"doctype": "GS Work Order",
				"work_order_no": "SEC-12345-1",
				"kind": "Complaint",
				"status": "open",
				"caller_name": "安全来电人",
				"caller_phone": "13955500007",
				"description": "安全测试工单",
				"service_centre": centres["t1"],
			}
		)
		from govservice.security.scope import set_scope_centres

		set_scope_centres(doc)
		doc.db_insert()  # a call registered earlier (its complaint is not part of this world)
		order = doc.name
	return {
		"handover": handover,
		"work_order": order,
		"category": HALL_CATEGORY,
		"tickets": tickets,
		"appointments": appointments,
		"session": session,
		"windows": HALL_WINDOWS,
	}


def ensure_back_office(cases: dict, departments: dict) -> str:
	"""按责转办: 安全一村's case with the first department's back office (its contact's; not the second's)."""
	name = frappe.db.get_value("GS Back Office Task", {"gs_case": cases["v1a"]})
	if name:
		return name
	case = frappe.get_doc("GS Case", cases["v1a"])
	doc = frappe.get_doc(
		{
			"doctype": "GS Back Office Task",
			"gs_case": case.name,
			"item_name": case.item_name,
			"applicant_name": case.applicant_name,
			"department": departments["d1"],
			"department_name": "安全民政局",
			"status": "With Back Office",
			"service_centre": case.service_centre,
			"sent_on": frappe.utils.now_datetime(),
			"limit_days": 3,
			"due_date": frappe.utils.add_days(frappe.utils.nowdate(), 5),
			"materials": [{"material_name": "居民身份证", "is_required": 1, "original_seen": 1}],
		}
	)
	from govservice.security.scope import set_scope_centres

	set_scope_centres(doc)
	doc.db_insert()  # passed earlier by the village's window (the case need not be accepted for this world)
	for row in doc.materials:
		row.parent, row.parenttype, row.parentfield = doc.name, doc.doctype, "materials"
		row.db_insert()
	return doc.name


def ensure_complaint(key: str, department: str | None, portal_user: str, dispatch: bool) -> str:
	marker = f"安全测试反映{COMPLAINT_MARKS.get(key, key)}"
	existing = frappe.db.get_value("GS Complaint", {"description": marker})
	if existing:
		return existing
	complaint = frappe.get_doc(
		{
			"doctype": "GS Complaint",
			"reporter_name": "安全测试反映人",
			"reporter_phone": "13900001111",
			"description": marker,
			"department": department,
			"channel": "Window",
			"registered_on": now_datetime(),
		}
	).insert()
	frappe.db.set_value("GS Complaint", complaint.name, "portal_user", portal_user)
	if dispatch:
		complaint = frappe.get_doc("GS Complaint", complaint.name)
		complaint.classification = "General"
		complaint.save()
		complaint.dispatch()
	return complaint.name


def ensure_electronic_licence(case: str) -> None:
	"""安全一镇's case of 市民B: its result issued as an electronic certificate (网上出件), the licence being
	the case's own file (no new file, so the file probes see the same world)."""
	frappe.db.set_value(
		"GS Case",
		case,
		{
			"delivery_method": "Electronic Certificate",
			"result_ready_on": frappe.utils.now_datetime(),
			"electronic_licence": case_file(case),
		},
		update_modified=False,
	)


def remove_stray_files(cases: dict) -> None:
	"""File records left by a run in which a forged reference to a case's file got through: without this
	cleanup they would keep that file downloadable to their owner in the next run."""
	for case in cases.values():
		url = case_file(case)
		frappe.db.delete(
			"File",
			{
				"file_url": url,
				"name": ["!=", frappe.db.get_value("File", {"file_url": url, "attached_to_name": case})],
			},
		)
