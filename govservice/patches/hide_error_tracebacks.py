"""Citizens and guests use this site: errors answer with a message, never a server traceback (file paths,
code). Frappe shows tracebacks unless System Settings says otherwise; new sites get this at install."""


def execute() -> None:
	from govservice.citizen_portal.site import hide_error_tracebacks

	hide_error_tracebacks()
