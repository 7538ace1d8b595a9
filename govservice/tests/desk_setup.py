"""The demo county on the test site, for the desk browser tests (e2e/test_desk.py):
`bench --site … execute govservice.tests.desk_setup.prepare`. Idempotent; prints what the tests need."""

import json

import frappe
from frappe.utils import add_days, getdate, now_datetime, today

from govservice.setup.demo import demo_password, load_demo
from govservice.tests.guard import require_test_site
from govservice.tests.utils import use_site_language

USERS = {
	"village_agent": "a10@demo.govservice.localhost",  # 走马镇金龙村便民服务站
	"county_agent": "a1@demo.govservice.localhost",
	"county_agent2": "a2@demo.govservice.localhost",
	"county_agent3": "a3@demo.govservice.localhost",
	"window": "window@demo.govservice.localhost",
	"lead": "lead@demo.govservice.localhost",
	"supervisor": "supervisor@demo.govservice.localhost",  # 走马镇
	"contact": "contact@demo.govservice.localhost",  # 县人力资源和社会保障局
	"leader": "leader@demo.govservice.localhost",
	"housing": "housing@demo.govservice.localhost",  # 县住房和城乡建设局's contact (key projects)
	"supervisory": "supervisory@demo.govservice.localhost",
	"administrator": "gsadmin@demo.govservice.localhost",
	"window2": "window2@demo.govservice.localhost",
	"hotline": "hotline@demo.govservice.localhost",
}
HALL_CITIZEN = "hall.citizen@demo.govservice.localhost"
ITEMS = {
	"village": "422828-GA-001",  # 居民身份证换领: handled at every level
	"county": "422828-GA-003",  # 无犯罪记录证明开具: county and township only
	"joint": "422828-GA-002",  # 新生儿出生“一件事”
}


def prepare(pixel_url: str = "http://127.0.0.1:8025/pixel") -> None:
	require_test_site()
	frappe.set_user("Administrator")
	use_site_language()
	if not frappe.db.exists("User", USERS["hotline"]):
		load_demo()  # idempotent: adds what a newer demo has
	typed = ensure_typed_markup(pixel_url)
	overdue = ensure_overdue_case()
	alert = ensure_supervision_alert(overdue)
	performance = ensure_performance_month()
	evaluation = ensure_evaluation_quarter()
	assessment = ensure_assessment_quarter()
	hall = ensure_hall_citizen()
	hall["result"] = ensure_result_at_county()
	hall["back_office"] = ensure_case_for_back_office()
	hall["platform"] = ensure_hotline_platform(pixel_url.replace("/pixel", "/callback"))
	lead_project = ensure_project_in_construction_permit()
	# the carrier refused a text a moment ago: the administrator is told when the desk starts
	frappe.db.set_single_value("GS SMS Settings", "last_failure_on", frappe.utils.now_datetime())
	frappe.db.commit()
	company = frappe.db.get_value("Company", {}, "name")
	abbr = frappe.get_cached_value("Company", company, "abbr")
	print(
		json.dumps(
			{
				"password": demo_password(),
				"users": USERS,
				"items": ITEMS,
				"item_names": {
					k: frappe.db.get_value("GS Service Item", v, "item_name") for k, v in ITEMS.items()
				},
				"outreach_items": {
					"village": "422828-MZ-003",  # 高龄津贴申领: at the village
					"village_name": frappe.db.get_value("GS Service Item", "422828-MZ-003", "item_name"),
					"county": ITEMS["county"],
					"county_name": frappe.db.get_value("GS Service Item", ITEMS["county"], "item_name"),
				},
				"departments": {
					"social": f"县人力资源和社会保障局 - {abbr}",
					"health": f"县医疗保障局 - {abbr}",
				},
				"typed": typed,
				"overdue_case": overdue,
				"supervision_alert": alert,
				"performance": performance,
				"evaluation": evaluation,
				"assessment": assessment,
				"hall": hall,
				"lead_project": lead_project,
			},
			ensure_ascii=False,
		)
	)


def markup(pixel_url: str, place: str) -> str:
	"""What an attacker types into a text field: a block over the whole screen with a link, and a remote image
	that would tell the sender who opened the record."""
	return (
		f'<div id="gs-injected" style="position:fixed;inset:0;background:#c00">点击核验{place}'
		f'<a href="http://evil.test/">核验</a><img id="gs-pixel" src="{pixel_url}/{place}"></div>'
	)


def ensure_typed_markup(pixel_url: str) -> dict:
	"""Records whose typed text is markup, in the places staff read it: a 办不成事 complaint (the window's
	ledger), a collection sheet row of 金龙村 last week (the township supervisor), a visit to a person of its
	register (the village agent) and a case with such an address (its Standard print)."""
	village = "走马镇金龙村"
	agent = frappe.db.get_value("GS Agent", {"user": USERS["village_agent"]})
	complaint = frappe.db.get_value("GS Complaint", {"reporter_name": ["like", "%gs-injected%"]})
	if not complaint:
		complaint = (
			frappe.get_doc(
				{
					"doctype": "GS Complaint",
					"reporter_name": markup(pixel_url, "reporter")[:120],
					"reporter_phone": "13907180001",
					"description": markup(pixel_url, "complaint"),
				}
			)
			.insert()
			.name
		)
	# registered a month ago: outside the period other tests open the ledger with
	frappe.db.set_value("GS Complaint", complaint, "registered_on", add_days(now_datetime(), -30))
	last_monday = add_days(getdate(today()), -getdate(today()).weekday() - 7)
	sheet = frappe.db.get_value("GS Collection Sheet", {"service_centre": village, "week_start": last_monday})
	if not sheet:
		sheet = (
			frappe.get_doc(
				{
					"doctype": "GS Collection Sheet",
					"service_centre": village,
					"week_start": last_monday,
					"collected_on": last_monday,
					"collected_by": agent,
					"collection_place": "金龙村村委会便民服务站",
					"collection_time": "每周一上午",
					"requests": [
						{
							"requester_name": "覃先生",
							"request": markup(pixel_url, "sheet"),
							"urgency": "Minor Need",
							"phone": "13907180002",
							"is_government_matter": 0,
							"reply": "已答复",
						}
					],
				}
			)
			.insert()
			.name
		)
	member = frappe.db.get_value("GS Special Group Member", {"service_centre": village}, order_by="creation")
	visit = frappe.db.get_value("GS Special Group Visit", {"findings": ["like", "%gs-injected%"]})
	if not visit:
		visit = (
			frappe.get_doc(
				{
					"doctype": "GS Special Group Visit",
					"member": member,
					"visit_date": today(),
					"visitors": "村代办员",
					"findings": markup(pixel_url, "visit"),
				}
			)
			.insert()
			.name
		)
	case = frappe.db.get_value("GS Case", {"address": ["like", "%gs-injected%"]})
	if not case:
		case = (
			frappe.get_doc(
				{
					"doctype": "GS Case",
					"applicant_type": "Individual",
					"applicant_name": "向国华",
					"id_number": "422828195001010116",
					"phone": "13907180003",
					"address": markup(pixel_url, "case"),
					"service_item": ITEMS["village"],
					"service_centre": village,
					"agent": agent,
					"intake_channel": "Window",
				}
			)
			.insert()
			.name
		)
	registered = getdate(frappe.db.get_value("GS Complaint", complaint, "registered_on"))
	return {
		"complaint": complaint,
		"registered": str(registered),
		"sheet": sheet,
		"visit": visit,
		"case": case,
	}


def ensure_hall_citizen() -> dict:
	"""A citizen's portal account (the demo password) who books on the portal, and an appointment of theirs
	today at the county centre whose slot has begun, to check in at the kiosk (booked earlier)."""
	from frappe.utils import add_to_date
	from frappe.utils.password import update_password

	from govservice.service_hall.appointments import release, set_status
	from govservice.tests.utils import make_portal_user

	# the browser tests take numbers whatever the hour of the run (a 24-hour hall)
	frappe.db.set_single_value("GS Settings", "hall_open_hours_only", 0)
	make_portal_user(HALL_CITIZEN, full_name="陈大厅", phone="13971800001")
	for name in frappe.get_all(
		"GS Appointment", filters={"portal_user": HALL_CITIZEN, "status": "Booked"}, pluck="name"
	):
		doc = frappe.get_doc("GS Appointment", name)
		set_status(doc, "Cancelled")  # an earlier run's bookings: the places go back
		release(doc)
	frappe.db.set_value("User", HALL_CITIZEN, "mobile_no", "13971800001")
	update_password(HALL_CITIZEN, demo_password())
	# a slot of today that has begun (just after midnight: the day's first minute)
	start = max(add_to_date(now_datetime(), minutes=-10), frappe.utils.get_datetime(today()))
	code = frappe.generate_hash(length=8)
	code = "".join(str(int(c, 16) % 10) for c in code)
	doc = frappe.get_doc(
		{
			"doctype": "GS Appointment",
			"applicant_name": "陈大厅",
			"mobile": "13971800001",
			"portal_user": HALL_CITIZEN,
			"booked_via": "Portal Booking",
			"service_centre": "鹤峰县",
			"category": "社保医保",
			"appointment_date": today(),
			"slot_start": start.strftime("%H:%M"),
			"slot_end": add_to_date(start, minutes=30).strftime("%H:%M"),
			"status": "Booked",
			"check_in_code": code,
		}
	)
	doc.db_insert()
	from govservice.security.scope import set_scope_centres

	set_scope_centres(doc)
	doc.db_update()
	return {"citizen": HALL_CITIZEN, "appointment": doc.name, "code": code}


RESULT_ID = "422828196001010014"
PLATFORM_USER = "platform12345@demo.govservice.localhost"


def ensure_hotline_platform(callback_url: str) -> dict:
	"""The county's 12345 platform: its API user (token authentication: a new key and secret each run) and
	its callback to the local test server."""
	if not frappe.db.exists("User", PLATFORM_USER):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": PLATFORM_USER,
				"first_name": "12345热线平台",
				"send_welcome_email": 0,
				"user_type": "System User",
				"roles": [{"role": "GS Hotline Platform"}],
			}
		).insert(ignore_permissions=True)
	user = frappe.get_doc("User", PLATFORM_USER)
	key, secret = frappe.generate_hash(length=15), frappe.generate_hash(length=15)
	user.api_key, user.api_secret = key, secret
	user.save(ignore_permissions=True)
	name = frappe.db.get_value("GS Hotline Platform", {"user": PLATFORM_USER})
	platform = frappe.get_doc("GS Hotline Platform", name) if name else frappe.new_doc("GS Hotline Platform")
	platform.update(
		{
			"platform_name": "鹤峰县12345热线",
			"user": PLATFORM_USER,
			"county": "鹤峰县",
			"callback_url": callback_url,
			"enabled": 1,
		}
	)
	platform.save()
	return {"key": key, "secret": secret, "name": platform.name}


def ensure_result_at_county() -> dict:
	"""全县域通办: a case of 金龙村, completed, its result announced for pickup at the county centre's results
	window (a new one each run: a result is handed over once)."""
	from frappe.model.workflow import apply_workflow

	agent = frappe.db.get_value("GS Agent", {"user": USERS["village_agent"]})
	case = frappe.get_doc(
		{
			"doctype": "GS Case",
			"applicant_type": "Individual",
			"applicant_name": "出件测试村民",
			"id_number": RESULT_ID,
			"phone": "13907180005",
			"address": "走马镇金龙村3组",
			"service_item": ITEMS["village"],
			"service_centre": "走马镇金龙村",
			"pickup_centre": "鹤峰县",
			"agent": agent,
			"intake_channel": "Window",
		}
	).insert()
	for row in case.materials:
		row.is_received = 1
	case.save()
	apply_workflow(frappe.get_doc("GS Case", case.name), "Accept")
	frappe.db.set_value(
		"GS Case", case.name, {"stage": "Completed", "status": "Completed", "result": "换领居民身份证一张"}
	)
	user = frappe.session.user
	frappe.set_user(USERS["village_agent"])
	frappe.get_doc("GS Case", case.name).announce_result("Window Pickup")
	frappe.set_user(user)
	handover = frappe.db.get_value("GS Result Handover", {"gs_case": case.name})
	return {"case": case.name, "handover": handover, "applicant": "出件测试村民", "id_number": RESULT_ID}


def ensure_project_in_construction_permit() -> str:
	"""A key project of the county whose third stage (施工许可, led by 县住房和城乡建设局) is open (a new one each
	run: its approvals are granted once): its 工程质量安全监督登记 under 告知承诺制, decided the same day."""
	from govservice.tests.utils import make_key_project

	agent = frappe.db.get_value("GS Agent", {"user": USERS["county_agent"]})
	centre = frappe.db.get_value("GS Agent", agent, "service_centre")
	stamp = frappe.generate_hash(length=6)
	frappe.set_user(USERS["county_agent"])
	try:
		project = make_key_project(
			centre,
			agent,
			project_name=f"牵头部门测试项目{stamp}",
			credit_code="91422828MA49XK2L1B",
			owner_enterprise="湖北测试建设有限公司",
		)
		project.apply_template("企业投资核准类项目审批流程")
		project = frappe.get_doc("GS Key Project", project.name)
		row = next(r for r in project.approvals if r.item_name == "工程质量安全监督登记")
		row.update({"decision": "Commitment", "commitment_limit_days": 0, "verification_days": 10})
		project.save()
		frappe.get_doc("GS Key Project", project.name).accept_stage()
		for _round in range(30):  # stages 1 and 2, as the team records (what waits starts as it goes)
			project = frappe.get_doc("GS Key Project", project.name)
			running = [
				r
				for r in project.approvals
				if r.approval_status == "In Progress" and r.stage_name in ("立项用地规划许可", "工程建设许可")
			]
			if not running:
				break
			project.record_approval(running[0].name, "鹤峰县示范批文")
	finally:
		frappe.set_user("Administrator")
	return project.name


def ensure_case_for_back_office() -> dict:
	"""前台受理、后台审批: a case of 金龙村 accepted at the window, its originals seen, for the back office of
	县人力资源和社会保障局 (a new one each run: the department answers once)."""
	from frappe.model.workflow import apply_workflow

	agent = frappe.db.get_value("GS Agent", {"user": USERS["village_agent"]})
	case = frappe.get_doc(
		{
			"doctype": "GS Case",
			"applicant_type": "Individual",
			"applicant_name": "后台测试村民",
			"id_number": "422828196001010014",
			"phone": "13907180006",
			"service_item": ITEMS["village"],
			"service_centre": "走马镇金龙村",
			"agent": agent,
			"intake_channel": "Window",
		}
	).insert()
	for row in case.materials:
		row.is_received = 1
	case.save()
	apply_workflow(frappe.get_doc("GS Case", case.name), "Accept")
	# the applicant has a portal account: the result is issued there as an electronic licence (网上出件)
	frappe.db.set_value("GS Case", case.name, "portal_user", HALL_CITIZEN)
	abbr = frappe.get_cached_value("Company", frappe.db.get_value("Company", {}, "name"), "abbr")
	return {
		"case": case.name,
		"applicant": "后台测试村民",
		"department": f"县人力资源和社会保障局 - {abbr}",
		"citizen": HALL_CITIZEN,
	}


def ensure_overdue_case() -> str:
	"""A case of 金龙村 accepted two weeks ago and past its deadline (the 逾期件 cards count it)."""
	from frappe.model.workflow import apply_workflow

	agent = frappe.db.get_value("GS Agent", {"user": USERS["village_agent"]})
	name = frappe.db.get_value("GS Case", {"applicant_name": "逾期测试老人"})
	if not name:
		case = frappe.get_doc(
			{
				"doctype": "GS Case",
				"applicant_type": "Individual",
				"applicant_name": "逾期测试老人",
				"id_number": "422828194501010011",
				"phone": "13907180004",
				"service_item": ITEMS["village"],
				"service_centre": "走马镇金龙村",
				"agent": agent,
				"intake_channel": "Window",
			}
		).insert()
		for row in case.materials:
			row.is_received = 1
		case.save()
		apply_workflow(frappe.get_doc("GS Case", case.name), "Accept")
		name = case.name
	frappe.db.set_value(
		"GS Case",
		name,
		{"accepted_on": add_days(now_datetime(), -20), "deadline_date": add_days(today(), -5)},
		update_modified=False,
	)
	return name


def ensure_supervision_alert(case: str) -> str:
	"""The day's 电子监察 run: the overdue case's yellow warning, open (again, for a re-run of the tests)."""
	from govservice.supervision.alerts import run

	run(getdate())
	name = frappe.db.get_value("GS Supervision Alert", {"source_doctype": "GS Case", "source_name": case})
	frappe.db.set_value(
		"GS Supervision Alert",
		name,
		{"status": "Open", "handling": None, "handling_note": None, "closed_by": None, "closed_on": None},
		update_modified=False,
	)
	return name


def ensure_assessment_quarter() -> dict:
	"""This quarter before its 综合考核: no assessment yet (an earlier run's is removed) and the default
	indicators as installed."""
	from govservice.domain.assessment_rules import DEFAULT_INDICATORS
	from govservice.domain.evaluation_rules import quarter_of

	today_ = getdate()
	quarter = quarter_of(today_)
	name = frappe.db.get_value("GS Township Assessment", {"year": today_.year, "quarter": str(quarter)})
	if name:  # the test site's own records of an earlier run
		for table in ("GS Assessment Ranking", "GS Assessment Line", "GS Stationed Staff Score"):
			frappe.db.delete(table, {"parent": name})
		frappe.db.delete("GS Township Assessment", {"name": name})
	for indicator, _source, weight in DEFAULT_INDICATORS:
		frappe.db.set_value("GS Assessment Indicator", indicator, {"weight": weight, "is_active": 1})
	return {"year": today_.year, "quarter": quarter, "name": f"GS-ASMT-{today_.year}-Q{quarter}"}


def ensure_evaluation_quarter() -> dict:
	"""This quarter before its 三亮三评: no round yet (an earlier run's round of the test site is removed),
	colleagues' scores counted from two raters (the county hall has three agents), and five 非常满意 of
	金龙村's agent 朱永平 in the quarter."""
	from govservice.domain.evaluation_rules import quarter_of, quarter_period

	today_ = getdate()
	quarter = quarter_of(today_)
	name = frappe.db.get_value("GS Evaluation Round", {"year": today_.year, "quarter": str(quarter)})
	if name:  # the test site's own records of an earlier run
		frappe.db.delete("GS Peer Rating", {"round": name})
		frappe.db.delete("GS Evaluation Result", {"round": name})
		frappe.db.delete("GS Evaluation Round", {"name": name})
	frappe.db.set_single_value("GS Settings", "eval_min_peer_raters", 2)
	agent = frappe.db.get_value(
		"GS Agent", {"user": USERS["village_agent"]}, ["name", "service_centre"], as_dict=True
	)
	start, _end = quarter_period(today_.year, quarter)
	marked = "三亮三评演示评价"
	if frappe.db.count("GS Rating", {"comment": marked, "rated_on": [">=", start]}) < 5:
		for _ in range(5):
			frappe.get_doc(
				{
					"doctype": "GS Rating",
					"name": frappe.generate_hash(length=10),
					"rating": "Very Satisfied",
					"comment": marked,
					"rated_on": now_datetime(),
					"service_centre": agent.service_centre,
					"agent": agent.name,
				}
			).db_insert()
	return {"year": today_.year, "quarter": quarter, "round": f"GS-EVAL-{today_.year}-Q{quarter}"}


def ensure_performance_month() -> dict:
	"""This month's performance figures so far, as the first working day's run will leave them: drafts of
	every centre, with the demo's cases (computed again on a re-run of the tests, so the supervisory officer
	publishes them again)."""
	from govservice.domain.performance_rules import month_of
	from govservice.supervision.performance import compute_month

	month = month_of(getdate())
	names = frappe.get_all("GS Performance Report", filters={"month": month}, pluck="name")
	if names:  # the test site's own records of an earlier run
		frappe.db.delete("GS Performance Row", {"parent": ["in", names]})
		frappe.db.delete("GS Performance Report", {"name": ["in", names]})
	compute_month(month)
	centres = {
		key: frappe.db.get_value("GS Service Centre", {"official_name": official})
		for key, official in (
			("county", "鹤峰县政务服务中心"),
			("township", "走马镇便民服务中心"),
			("village", "金龙村便民服务站"),
			("other_township", "燕子镇便民服务中心"),
		)
	}
	return {
		"month": str(month),
		"centres": centres,
		"county_report": frappe.db.get_value(
			"GS Performance Report", {"month": month, "service_centre": centres["county"]}
		),
	}
