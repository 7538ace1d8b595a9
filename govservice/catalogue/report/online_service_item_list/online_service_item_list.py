from govservice.catalogue.utils import channel_report


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	return channel_report("Online", filters)
