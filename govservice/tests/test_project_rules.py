"""前置事项 as typed and checked (no Frappe needed): names in one form, each approval needing only approvals
before it in the plan."""

import unittest

from govservice.domain.project_rules import name_key, prerequisites_problem, split_names


class TestPrerequisiteNames(unittest.TestCase):
	def test_a_typed_list_is_read_as_people_write_it(self):
		self.assertEqual(
			split_names(" 用地预审 \n可研批复;用地预审\n\n规划许可；消防设计审查、验收 "),
			["用地预审", "可研批复", "规划许可", "消防设计审查、验收"],
		)
		self.assertEqual(split_names(None), [])
		self.assertEqual(name_key("建设工程（含人防）"), name_key("建设工程(含人防)"))
		self.assertEqual(split_names("审批（一）\n审批(一)"), ["审批（一）"])

	def test_an_approval_needs_only_approvals_before_it(self):
		plan = [("用地预审", []), ("建设用地规划许可", ["用地预审"]), ("施工许可", ["建设用地规划许可"])]
		self.assertIsNone(prerequisites_problem(plan))
		self.assertEqual(
			prerequisites_problem([("用地预审", ["施工许可"]), ("施工许可", [])]),
			("not before", "用地预审", "施工许可"),
		)
		self.assertEqual(prerequisites_problem([("甲", ["甲"])]), ("self", "甲", "甲"))
		self.assertEqual(prerequisites_problem([("甲", []), ("乙", ["丙"])]), ("not before", "乙", "丙"))
		self.assertIsNone(prerequisites_problem([("审批（一）", []), ("乙", ["审批(一)"])]))


if __name__ == "__main__":
	unittest.main()
