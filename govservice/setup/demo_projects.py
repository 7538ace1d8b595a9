"""Demo key projects (重点项目): the plan templates of the two usual project types, an industrial park under
enterprise approval in its second stage and a government-invested school building in its first."""

import frappe

from govservice.setup.demo import department_name


def load_key_projects(data: dict, company: str | None) -> None:
	for template in data["templates"]:
		load_template(template, company)
	for project in data["projects"]:
		load_project(project, company)


def load_template(row: dict, company: str | None) -> None:
	if frappe.db.exists("GS Project Plan Template", row["template_name"]):
		return
	doc = frappe.get_doc(
		{
			"doctype": "GS Project Plan Template",
			"template_name": row["template_name"],
			"project_type": row["project_type"],
			"total_limit_days": row["total_limit_days"],
			"description": row["description"],
		}
	)
	for stage, department, limit in row["stages"]:
		doc.append(
			"stages",
			{
				"stage_name": stage,
				"lead_department": department_name(department, company),
				"limit_days": limit,
			},
		)
	for stage, item, department, limit, parallel, required, *needs in row["approvals"]:
		doc.append(
			"approvals",
			{
				"stage_name": stage,
				"item_name": item,
				"department": department_name(department, company),
				"limit_days": limit,
				"is_parallel": parallel,
				"is_required": required,
				"prerequisites": needs[0] if needs else None,  # 前置事项, one per line
			},
		)
	doc.insert(ignore_permissions=True)  # the demo's reference data


def load_project(row: dict, company: str | None) -> None:
	if frappe.db.exists("GS Key Project", {"project_name": row["project_name"]}):
		return
	agent = frappe.db.get_value("GS Agent", {"user": row["liaison"]}, "name")
	centre = frappe.db.get_value("GS Service Centre", {"centre_name": row["centre"]}, "name") or row["centre"]
	doc = frappe.get_doc(
		{
			"doctype": "GS Key Project",
			**{
				key: row[key]
				for key in (
					"project_name",
					"project_type",
					"project_level",
					"project_code",
					"industry",
					"total_investment",
					"site_address",
					"owner_enterprise",
					"credit_code",
					"owner_contact",
					"owner_phone",
				)
			},
			"service_centre": centre,
			"liaison_agent": agent,
			"entrusted_on": frappe.utils.today(),
			"voluntary_free_entrustment": 1,
			"green_channel": 1,
		}
	)
	for role, department, person, phone in row["team"]:
		doc.append(
			"team",
			{
				"member_role": role,
				"department": department_name(department, company) if department else None,
				"person_name": person,
				"phone": phone,
				"user": row["liaison"] if role == "Agent" else None,
			},
		)
	doc.insert(ignore_permissions=True)  # the demo's records
	doc.apply_template(row["template"])
	doc = frappe.get_doc("GS Key Project", doc.name)
	doc.accept_stage()
	for stage_name in [stage.stage_name for stage in doc.stages[: row["stages_done"]]]:
		for _round in range(50):  # serial approvals start as the one before them is approved
			doc = frappe.get_doc("GS Key Project", doc.name)
			running = [
				a for a in doc.approvals if a.stage_name == stage_name and a.approval_status == "In Progress"
			]
			if not running:
				break
			doc.record_approval(running[0].name, "鹤峰县示范批文")
