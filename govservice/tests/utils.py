"""Base test class and factories shared by govservice tests.

FrappeTestCase is re-exported so the move to v16's IntegrationTestCase is one line.
"""

import frappe
from frappe.tests.utils import FrappeTestCase

__all__ = [
	"FrappeTestCase",
	"make_agent",
	"make_case",
	"make_centre",
	"make_department",
	"make_outgoing_email_account",
	"make_portal_user",
	"make_service_item",
	"make_user",
	"resident_id",
	"use_site_language",
	"use_sms_gateway",
]

VALID_ID_NUMBER = "11010519491231002X"
VALID_CREDIT_CODE = "91350100M000100Y43"


def make_user(email: str, roles: tuple[str, ...] = (), first_name: str | None = None) -> str:
	"""A desk user with the given roles (created once, roles added as needed)."""
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name or email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": "System User",
			}
		).insert(ignore_permissions=True)
	if roles:
		frappe.get_doc("User", email).add_roles(*roles)
	return email


def make_centre(name: str, level: str, parent: str | None = None, **fields) -> str:
	"""A service centre; the county root when parent is None."""
	if frappe.db.exists("GS Service Centre", name):
		return name
	suffix = {"County": "政务服务中心", "Township": "便民服务中心", "Village": "便民服务站"}[level]
	doc = frappe.get_doc(
		{
			"doctype": "GS Service Centre",
			"centre_name": name,
			"official_name": fields.pop("official_name", name + suffix),
			"level": level,
			"parent_gs_service_centre": parent,
			**fields,
		}
	).insert()
	return doc.name


def make_supervisor(email: str, centre: str) -> str:
	"""A user with the supervisor's role, made the supervisor of `centre` (its centres from then on)."""
	user = make_user(email, roles=("GS Supervisor",))
	doc = frappe.get_doc("GS Service Centre", centre)
	if doc.supervisor != user:
		doc.supervisor = user
		doc.save()
	return user


def make_agent(email: str, centre: str, **fields) -> "frappe.model.document.Document":
	"""An active agent at `centre`, with its user."""
	make_user(email)
	existing = frappe.db.get_value("GS Agent", {"user": email})
	if existing:
		return frappe.get_doc("GS Agent", existing)
	agent = frappe.get_doc(
		{
			"doctype": "GS Agent",
			"user": email,
			"agent_name": fields.pop("agent_name", email.split("@")[0]),
			"service_centre": centre,
			**fields,
		}
	).insert()
	# a fresh copy: saving the user updates fetched fields, and tests expect versions on later saves
	return frappe.get_doc("GS Agent", agent.name)


def make_service_item(item_code: str, **overrides) -> "frappe.model.document.Document":
	"""A valid promised item handled at every level, unsaved when `insert=False` is passed."""
	insert = overrides.pop("insert", True)
	values = {
		"doctype": "GS Service Item",
		"item_code": item_code,
		"item_name": overrides.pop("item_name", f"测试事项 {item_code}"),
		"item_type": "Administrative Payment",
		"implementing_body": "鹤峰县民政局",
		"target": "Individual",
		"statutory_limit_days": 20,
		"promised_limit_days": 10,
		"handled_at_county": 1,
		"handled_at_township": 1,
		"handled_at_village": 1,
		"offers_proxy": 1,
		"acceptance_conditions": "<p>本县户籍居民</p>",
		"legal_basis": [{"basis_name": "《社会救助暂行办法》", "document_number": "国务院令第649号"}],
		"materials": [{"material_name": "居民身份证", "material_form": "Original"}],
	}
	values.update(overrides)
	doc = frappe.get_doc(values)
	return doc.insert() if insert else doc


def make_case(service_item: str, centre: str, agent: str, **overrides) -> "frappe.model.document.Document":
	"""A registered case of an individual applicant."""
	values = {
		"doctype": "GS Case",
		"applicant_type": "Individual",
		"applicant_name": overrides.pop("applicant_name", "王大爷"),
		"id_number": VALID_ID_NUMBER,
		"phone": "13800000000",
		"service_item": service_item,
		"service_centre": centre,
		"agent": agent,
		"intake_channel": "Window",
	}
	values.update(overrides)
	case = frappe.get_doc(values).insert()
	return frappe.get_doc("GS Case", case.name)


def make_outgoing_email_account() -> str:
	"""A default outgoing account, so emails are queued (tests never send them)."""
	name = "GS Test Outgoing"
	if not frappe.db.exists("Email Account", name):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": name,
				"email_id": "noreply@test.govservice",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "127.0.0.1",
				"no_smtp_authentication": 1,
			}
		).insert()
	return name


def make_department(name: str) -> str:
	"""An ERPNext Department of the site's company (reused when it exists)."""
	existing = frappe.db.get_value("Department", {"department_name": name})
	if existing:
		return existing
	company = frappe.db.get_value("Company", {}, "name")
	return (
		frappe.get_doc({"doctype": "Department", "department_name": name, "company": company}).insert().name
	)


def make_portal_user(email: str, account_type: str = "Individual", **profile) -> str:
	"""A citizen (or enterprise) portal account: a website user with role GS Portal User and a profile."""
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": "Website User",
				"roles": [{"role": "GS Portal User"}],
			}
		).insert(ignore_permissions=True)
	if not frappe.db.exists("GS Portal Profile", email):
		values = {"full_name": "张三", "phone": "13900000000", "id_number": VALID_ID_NUMBER}
		if account_type == "Enterprise":
			values.update(enterprise_name="鹤峰县测试有限公司", credit_code=VALID_CREDIT_CODE, id_number=None)
		values.update(profile)
		frappe.get_doc(
			{"doctype": "GS Portal Profile", "user": email, "account_type": account_type, **values}
		).insert(ignore_permissions=True)
	return email


def resident_id(serial: int, birth: str = "19500101") -> str:
	"""A valid resident ID number (GB 11643) for test person `serial` (鹤峰县's division code)."""
	from govservice.domain.identity import resident_id_check_char

	first17 = f"422828{birth}{serial % 1000:03d}"
	return first17 + resident_id_check_char(first17)


def use_sms_gateway(url: str) -> None:
	"""Point Frappe's SMS Settings at a gateway (the local one in tests: govservice.tests.sms_gateway)."""
	settings = frappe.get_single("SMS Settings")
	settings.update(
		{"sms_gateway_url": url, "message_parameter": "text", "receiver_parameter": "to", "use_post": 1}
	)
	settings.save(ignore_permissions=True)  # test and demo set-up


def use_site_language() -> None:
	"""Write records in the site's language (System Settings), as its staff would, not the shell's: the work
	log's notes are written in the language of whoever acts."""
	frappe.local.lang = frappe.db.get_single_value("System Settings", "language") or "zh"


def make_department_liaison(department: str, contact: str, leader: str | None = None) -> None:
	"""The department's business liaison table, naming `contact` (and `leader`) as its users."""
	if frappe.db.exists("GS Department Liaison", department):
		frappe.db.set_value(
			"GS Department Liaison", department, {"contact_user": contact, "leader_user": leader}
		)
		return
	frappe.get_doc(
		{
			"doctype": "GS Department Liaison",
			"department": department,
			"leader_name": "分管领导",
			"leader_phone": "0718-8000001",
			"leader_user": leader,
			"contact_name": "业务联络员",
			"contact_phone": "13800000002",
			"contact_user": contact,
		}
	).insert(ignore_permissions=True)


def make_plan_template(name: str, project_type: str, stages: list[tuple], approvals: list[tuple]) -> str:
	"""A plan template: stages as (name, lead department, limit[, overlap]) and approvals as
	(stage, approval, department, limit, parallel, required)."""
	if frappe.db.exists("GS Project Plan Template", name):
		return name
	doc = frappe.get_doc(
		{"doctype": "GS Project Plan Template", "template_name": name, "project_type": project_type}
	)
	for stage in stages:
		doc.append(
			"stages",
			{
				"stage_name": stage[0],
				"lead_department": stage[1],
				"limit_days": stage[2],
				"overlap_after_days": stage[3] if len(stage) > 3 else None,
			},
		)
	for stage, item, department, limit, parallel, required in approvals:
		doc.append(
			"approvals",
			{
				"stage_name": stage,
				"item_name": item,
				"department": department,
				"limit_days": limit,
				"is_parallel": parallel,
				"is_required": required,
			},
		)
	return doc.insert(ignore_permissions=True).name


def make_key_project(centre: str, agent: str, **fields) -> "frappe.model.document.Document":
	"""A key project entrusted at `centre` with `agent` (a GS Agent name) as liaison."""
	doc = frappe.get_doc(
		{
			"doctype": "GS Key Project",
			"project_name": "测试重点项目",
			"project_type": "Enterprise Approval",
			"project_level": "County",
			"owner_enterprise": "鹤峰县测试有限公司",
			"credit_code": VALID_CREDIT_CODE,
			"service_centre": centre,
			"liaison_agent": agent,
			"entrusted_on": "2026-06-01",
			**fields,
		}
	)
	return doc.insert()
