"""Sites set up before the date format reached the system defaults show dates as 14-12-2026."""

from govservice.setup.site import set_china_formats


def execute() -> None:
	set_china_formats()
