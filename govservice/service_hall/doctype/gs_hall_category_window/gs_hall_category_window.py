from govservice.security.rows import ParentScopedRow


class GSHallCategoryWindow(ParentScopedRow):
	pass
