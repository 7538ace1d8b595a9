from govservice.security.rows import ParentScopedRow


class GSHallCategoryItem(ParentScopedRow):
	pass
