"""The applicant texts an administrator has not reworded take the current defaults: the one-time notice lists
exactly what the notice asks for, dates read 2026年12月14日, and a reason typed with its own full stop no
longer ends the text in "。。"."""

from govservice.citizen_portal.notifications import refresh_default_texts

# the texts as created at install before this patch (govservice.citizen_portal.notifications at the time)
PORTAL = "{{ frappe.db.get_single_value('GS Settings', 'portal_name') or '政务服务网' }}"
MOBILE = " and (doc.{field} or '').startswith('1')"

# (event key, DocType, field whose change triggers, condition, SMS text, portal subject)
EVENTS = (
	(
		"已受理",
		"GS Case",
		"stage",
		'doc.stage == "Accepted"',
		"【"
		+ PORTAL
		+ "】{{ doc.applicant_name }}您好，您的“{{ doc.item_name }}”申请已受理，编号{{ doc.name }}，"
		"承诺{{ doc.deadline_date or '' }}前办结。代办员{{ doc.agent_name }}。",
		"“{{ doc.item_name }}”已受理，承诺{{ doc.deadline_date or '' }}前办结",
	),
	(
		"一次性告知",
		"GS Case",
		"stage",
		'doc.stage == "Awaiting Materials"',
		"【"
		+ PORTAL
		+ "】{{ doc.applicant_name }}您好，您的“{{ doc.item_name }}”（{{ doc.name }}）需补齐材料："
		"{% for m in doc.materials if not m.is_received %}{{ m.material_name }}{% if not loop.last %}、{% endif %}"
		"{% endfor %}。请登录门户查看一次性告知书并上传，材料齐全后继续计时。",
		"“{{ doc.item_name }}”需补齐材料，请查看一次性告知书",
	),
	(
		"已办结",
		"GS Case",
		"stage",
		'doc.stage == "Completed"',
		"【" + PORTAL + "】{{ doc.applicant_name }}您好，您的“{{ doc.item_name }}”（{{ doc.name }}）已办结。"
		"欢迎登录门户对本次服务作出评价。",
		"“{{ doc.item_name }}”已办结，欢迎评价",
	),
	(
		"结果待领取或已寄出",
		"GS Case",
		"result_ready_on",
		"doc.result_ready_on",
		"【" + PORTAL + "】{{ doc.applicant_name }}您好，您的“{{ doc.item_name }}”（{{ doc.name }}）办理结果"
		"{% if doc.delivery_method == 'EMS' %}已通过EMS寄出，邮件号{{ doc.ems_tracking_number }}"
		"{% elif doc.delivery_method == 'Electronic Certificate' %}已以电子证照发放，请登录门户查看"
		"{% else %}已可领取，请携带身份证到办理窗口领取{% endif %}。",
		"“{{ doc.item_name }}”办理结果{{ '已寄出' if doc.delivery_method == 'EMS' else '已可领取' }}",
	),
	(
		"终止代办",
		"GS Case",
		"stage",
		'doc.stage == "Terminated"',
		"【"
		+ PORTAL
		+ "】{{ doc.applicant_name }}您好，您的“{{ doc.item_name }}”（{{ doc.name }}）代办已终止："
		"{{ doc.termination_reason or '' }}。如有疑问请联系代办员{{ doc.agent_name }}。",
		"“{{ doc.item_name }}”代办已终止",
	),
	(
		"不予受理",
		"GS Case",
		"stage",
		'doc.stage == "Not Accepted"',
		"【"
		+ PORTAL
		+ "】{{ doc.applicant_name }}您好，您的“{{ doc.item_name }}”（{{ doc.name }}）不予受理："
		"{{ doc.not_accepted_reason or '' }}。",
		"“{{ doc.item_name }}”不予受理",
	),
	(
		"整改结果",
		"GS Rectification",
		"status",
		'doc.status == "Completed"',
		"【" + PORTAL + "】您好，您对{{ doc.gs_case }}的评价已整改完成：{{ doc.outcome or '' }}。",
		"您的评价已整改完成",
	),
)


def execute() -> None:
	refresh_default_texts(EVENTS)
