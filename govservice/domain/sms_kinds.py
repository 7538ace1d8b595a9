"""The kinds of text message the app sends, each with its named parameters (no Frappe).

China's carriers (阿里云短信, 腾讯云短信) send only messages with an approved signature (短信签名) and an
approved template (模板) whose variables are filled from named parameters (Alibaba Cloud: a JSON object,
``{"name": "王小明", ...}``; Tencent Cloud: the values in the template's order, ``{1}``, ``{2}``…). The app
never sends free text through them: each text is one of these kinds, its parameters in this order, and the
county's administrator maps each kind to the template code the carrier approved.
"""

from __future__ import annotations

# kind -> parameter names, in the order a positional template ({1}, {2}, …) takes them
MESSAGE_KINDS: dict[str, tuple[str, ...]] = {
	"Verification Code": ("code", "minutes"),
	"Request Accepted": ("name", "item", "number", "deadline", "agent"),
	"One-Time Notice": ("name", "item", "number", "materials"),
	"Request Completed": ("name", "item", "number"),
	"Result Ready": ("name", "item", "number", "delivery"),
	"Request Terminated": ("name", "item", "number", "reason", "agent"),
	"Not Accepted": ("name", "item", "number", "reason"),
	"Rectification Done": ("number", "outcome"),
	# to staff: the responsible person named on a supervision alert (电子监察)
	"Supervision Alert": ("name", "level", "subject", "number", "deadline"),
	# 预约: to the person who booked (the hall's check-in code in the first and the reminder)
	"Appointment Booked": ("name", "centre", "category", "time", "code"),
	"Appointment Reminder": ("name", "centre", "category", "time", "code"),
	"Appointment Cancelled": ("name", "centre", "time"),
	# 重点项目: an approval's one-time notice (一次性告知) to the owner enterprise's contact
	"Project One-Time Notice": ("enterprise", "project", "approval", "materials"),
}
# a template variable's value is short on every carrier (Alibaba Cloud: 35 characters for most types)
PARAMETER_LIMIT = 35


def template_parameters(kind: str, values: dict) -> dict[str, str]:
	"""The kind's parameters from `values` (missing ones empty), each cut to the carriers' limit."""
	names = MESSAGE_KINDS[kind]
	out = {}
	for name in names:
		value = str(values.get(name) if values.get(name) is not None else "")
		out[name] = value if len(value) <= PARAMETER_LIMIT else value[: PARAMETER_LIMIT - 1] + "…"
	return out


def positional(kind: str, parameters: dict[str, str]) -> list[str]:
	"""The parameters in the kind's order, for a template numbered {1}, {2}, …"""
	return [parameters.get(name, "") for name in MESSAGE_KINDS[kind]]
