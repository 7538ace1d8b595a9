"""Catalogue search: everyday words and short names find their items. No Frappe."""

import unittest

from govservice.domain.catalogue_rules import keyword_list, search_rank, search_words

LOW_INCOME = ("最低生活保障审核确认", "422828-MZ-001", "县民政局", "低保\n最低生活保障金")
CARD = (
	"新生儿出生“一件事”(出生登记、医保参保、社会保障卡申领)",
	"422828-GA-002",
	"县公安局",
	"社保卡, 出生证",
)
BUSINESS = ("开办企业“一件事”(企业设立登记)", "422828-SC-001", "县市场监督管理局", "营业执照 公司注册")


class TestSearch(unittest.TestCase):
	def test_words_split_at_spaces_and_chinese_punctuation(self):
		self.assertEqual(search_words(" 低保  申请，高龄、津贴 "), ["低保", "申请", "高龄", "津贴"])
		self.assertEqual(keyword_list("低保\n最低生活保障金"), ["低保", "最低生活保障金"])

	def test_short_names_find_their_items(self):
		self.assertIsNotNone(search_rank("低保", *LOW_INCOME))
		self.assertIsNotNone(search_rank("社保卡", *CARD))
		self.assertIsNotNone(search_rank("营业执照", *BUSINESS))
		self.assertIsNone(search_rank("营业执照", *LOW_INCOME))

	def test_a_search_that_contains_a_keyword(self):
		self.assertIsNotNone(search_rank("办低保", *LOW_INCOME))
		self.assertIsNotNone(search_rank("申领社保卡", *CARD))

	def test_every_word_must_match(self):
		self.assertIsNotNone(search_rank("低保 民政局", *LOW_INCOME))
		self.assertIsNone(search_rank("低保 公安局", *LOW_INCOME))

	def test_name_ranks_before_keyword_before_body(self):
		by_name = search_rank("审核", *LOW_INCOME)
		by_keyword = search_rank("低保", *LOW_INCOME)
		by_body = search_rank("民政局", *LOW_INCOME)
		self.assertLess(by_name, by_keyword)
		self.assertLess(by_keyword, by_body)

	def test_code_and_empty_search(self):
		self.assertIsNotNone(search_rank("mz-001", *LOW_INCOME))
		self.assertEqual(search_rank("  ", *LOW_INCOME), 0)

	def test_one_character_keywords_do_not_swallow_searches(self):
		self.assertIsNone(search_rank("低保", "某事项", "X-1", "", "保"))
