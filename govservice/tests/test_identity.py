"""Tests for resident identity numbers (GB 11643-1999) and unified social credit codes (GB 32100-2015).

No Frappe needed. The fixed examples were checked by hand (the weighted sums are in the comments) and
against reference implementations written here independently of the module: ISO 7064's recursive MOD 11-2
and weights derived as powers of 2 modulo 11 and of 3 modulo 31.
"""

from __future__ import annotations

import datetime
import string
import unicodedata
import unittest

from hypothesis import given, settings
from hypothesis import strategies as st

from govservice.domain.identity import (
	IdentifierRefused,
	canonical,
	is_valid_hotline,
	is_valid_mobile,
	is_valid_phone,
	is_valid_resident_id,
	is_valid_unified_credit_code,
	mask_resident_id,
	normalise,
	organisation_code_check_char,
	resident_id_check_char,
	unified_credit_code_check_char,
)

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)
TODAY = datetime.date.today()

# The standard's sample: address 110105, born 1949-12-31, sequence 002. Weighted sum
# 1*7 + 1*9 + 0*10 + 1*5 + 0*8 + 5*4 + 1*2 + 9*1 + 4*6 + 9*3 + 1*7 + 2*9 + 3*10 + 1*5 + 0*8 + 0*4 + 2*2 = 167,
# 167 mod 11 = 2 -> "X".
SAMPLE_ID = "11010519491231002X"
# The common USCC sample. Values 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4; weighted sum
# 9*1 + 1*3 + 3*9 + 5*27 + 1*26 + 21*20 + 1*8 + 30*30 + 4*28 = 1640, 1640 mod 31 = 28, 31 - 28 = 3 -> "3".
SAMPLE_USCC = "91350100M000100Y43"
# Real codes of well-known companies (Huawei Technologies Co., Ltd.; Shenzhen Tencent Computer Systems).
REAL_USCCS = ("914403001922038216", "91440300708461136T")

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_FORBIDDEN = "IOZSV"
ID_CHECK_CHARS = "0123456789X"


def reference_mod11_2(digits: str) -> str:
	"""ISO 7064 MOD 11-2 in its recursive form: P = (P + a) * 2 mod 11, check value (12 - P) mod 11."""
	p = 0
	for digit in digits:
		p = (p + int(digit)) * 2 % 11
	return ID_CHECK_CHARS[(12 - p) % 11]


def reference_mod31(chars: str) -> str:
	"""GB 32100-2015's check with the weights computed as 3**(i-1) mod 31 rather than taken from a table."""
	total = sum(USCC_CHARSET.index(char) * pow(3, i, 31) for i, char in enumerate(chars))
	return USCC_CHARSET[(31 - total % 31) % 31]


def replace_at(value: str, position: int, char: str) -> str:
	return value[:position] + char + value[position + 1 :]


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
	"""Valid identity numbers: any 6-digit address code, a birth date from 1900 to today, any sequence."""
	address = draw(st.text(string.digits, min_size=6, max_size=6))
	birth = draw(st.dates(min_value=datetime.date(1900, 1, 1), max_value=TODAY))
	sequence = draw(st.text(string.digits, min_size=3, max_size=3))
	body = f"{address}{birth:%Y%m%d}{sequence}"
	return body + resident_id_check_char(body)


@st.composite
def credit_codes(draw: st.DrawFn) -> str:
	"""Valid unified social credit codes: any authority, category, 6-digit division and 9-char org code."""
	authority = draw(st.sampled_from("123456789ABNY"))
	category = draw(st.sampled_from(USCC_CHARSET))
	division = draw(st.text(string.digits, min_size=6, max_size=6))
	organisation = draw(st.text(USCC_CHARSET, min_size=8, max_size=8))
	body = authority + category + division + organisation + organisation_code_check_char(organisation)
	return body + unified_credit_code_check_char(body)


class ResidentIdCheckCharTests(unittest.TestCase):
	def test_standard_sample(self) -> None:
		self.assertEqual(resident_id_check_char(SAMPLE_ID[:17]), "X")
		self.assertEqual(reference_mod11_2(SAMPLE_ID[:17]), "X")

	def test_hand_computed_examples(self) -> None:
		# 4*7+2*9+0+1*5+0+2*4+1*2+9*1+9*6+0+0+3*9+0+7*5+1*8+2*4+3*2 = 208, 208 mod 11 = 10 -> "2"
		self.assertEqual(resident_id_check_char("42010219900307123"), "2")
		# 1*7+1*9+0+1*5+0+5*4+2*2+0+0+0+0+2*9+2*10+9*5+0+0+1*2 = 130, 130 mod 11 = 9 -> "3"
		self.assertEqual(resident_id_check_char("11010520000229001"), "3")

	def test_every_remainder_maps_as_the_standard_says(self) -> None:
		# Only the last digit varies (weight 2), so 0..9 there and a carry into the one before reach all 11
		# remainders; compare each with the recursive ISO 7064 form.
		seen = set()
		for last_two in range(100):
			body = f"110105194912310{last_two:02d}"
			self.assertEqual(resident_id_check_char(body), reference_mod11_2(body), body)
			seen.add(resident_id_check_char(body))
		self.assertEqual(seen, set(ID_CHECK_CHARS))

	def test_rejects_anything_but_17_ascii_digits(self) -> None:
		for bad in (
			"",
			"1101051949123100",
			"110105194912310020",
			"1101051949123100X",
			"１１０１０５１９４９１２３１００２",
		):
			with self.subTest(bad=bad), self.assertRaises(ValueError):
				resident_id_check_char(bad)
		with self.assertRaises(ValueError):
			resident_id_check_char("11010519491231\u0660\u0660\u0662")  # Arabic-Indic digits

	@PROPERTY_SETTINGS
	@given(st.text(string.digits, min_size=17, max_size=17))
	def test_matches_recursive_iso_7064(self, body: str) -> None:
		self.assertEqual(resident_id_check_char(body), reference_mod11_2(body))


class ResidentIdValidationTests(unittest.TestCase):
	def test_standard_sample_is_valid(self) -> None:
		self.assertTrue(is_valid_resident_id(SAMPLE_ID))
		self.assertTrue(is_valid_resident_id("420102199003071232"))
		self.assertTrue(is_valid_resident_id("110105200002290013"))  # 2000 is a leap year

	def test_lowercase_x_is_accepted(self) -> None:
		self.assertTrue(is_valid_resident_id("11010519491231002x"))

	def test_wrong_check_char(self) -> None:
		for char in ID_CHECK_CHARS.replace("X", ""):
			with self.subTest(char=char):
				self.assertFalse(is_valid_resident_id(SAMPLE_ID[:17] + char))
		self.assertFalse(is_valid_resident_id("420102199003071233"))
		self.assertFalse(is_valid_resident_id(SAMPLE_ID[:17] + "Y"))

	def test_wrong_length(self) -> None:
		for bad in (
			"",
			SAMPLE_ID[:17],
			SAMPLE_ID + "0",
			"0" + SAMPLE_ID,
			"110105491231002",  # the old 15-digit format
		):
			with self.subTest(bad=bad):
				self.assertFalse(is_valid_resident_id(bad))

	def test_non_digits_in_the_body(self) -> None:
		self.assertFalse(is_valid_resident_id("X1010519491231002X"))
		self.assertFalse(is_valid_resident_id("1101051949123100XX"))
		self.assertFalse(is_valid_resident_id("１1010519491231002X"))  # full-width digit, still 18 characters
		self.assertFalse(is_valid_resident_id(" 1010519491231002X"))

	def test_impossible_birth_dates(self) -> None:
		# Each body gets its correct check char, so only the date can make it invalid.
		for birth in ("19900230", "19900431", "19901301", "19900001", "19900100", "19000229", "20230229"):
			body = f"110105{birth}001"
			with self.subTest(birth=birth):
				self.assertFalse(is_valid_resident_id(body + resident_id_check_char(body)))

	def test_birth_year_before_1900(self) -> None:
		# A widely copied example (born 1880-01-01): its check char is right, its year is not accepted.
		self.assertEqual(resident_id_check_char("44052418800101001"), "4")
		self.assertFalse(is_valid_resident_id("440524188001010014"))
		body = "11010518991231001"
		self.assertFalse(is_valid_resident_id(body + resident_id_check_char(body)))
		body = "11010519000101001"
		self.assertTrue(is_valid_resident_id(body + resident_id_check_char(body)))

	def test_future_birth_dates(self) -> None:
		body = "11010520240101001"
		value = body + resident_id_check_char(body)
		self.assertTrue(is_valid_resident_id(value, today=datetime.date(2024, 1, 1)))  # born today
		self.assertFalse(is_valid_resident_id(value, today=datetime.date(2023, 12, 31)))
		tomorrow = TODAY + datetime.timedelta(days=1)
		body = f"110105{tomorrow:%Y%m%d}001"
		self.assertFalse(is_valid_resident_id(body + resident_id_check_char(body)))

	def test_whitespace_needs_normalising(self) -> None:
		self.assertFalse(is_valid_resident_id(" 11010519491231002x "))
		self.assertTrue(is_valid_resident_id(normalise(" 110105 19491231 002x ")))

	def test_non_strings_are_invalid(self) -> None:
		self.assertFalse(is_valid_resident_id(None))  # type: ignore[arg-type]
		self.assertFalse(is_valid_resident_id(110105194912310020))  # type: ignore[arg-type]

	def test_mod_11_2_weights_detect_every_single_digit_change(self) -> None:
		# Changing digit i by d in ±1..9 changes the sum by w_i * d, never 0 mod 11 as 11 is prime, so the
		# remainder, and with it the check char, always changes. Together with the property tests below this
		# shows the single-substitution property holds for every number, not just the sampled ones.
		weights = [pow(2, 17 - i, 11) for i in range(17)]
		self.assertEqual(weights, [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
		for weight in weights:
			for delta in range(1, 10):
				self.assertNotEqual(weight * delta % 11, 0)

	@PROPERTY_SETTINGS
	@given(resident_ids())
	def test_computed_check_char_makes_a_valid_id(self, value: str) -> None:
		self.assertTrue(is_valid_resident_id(value))
		self.assertTrue(is_valid_resident_id(value.lower()))

	@PROPERTY_SETTINGS
	@given(resident_ids(), st.integers(min_value=0, max_value=17), st.sampled_from(ID_CHECK_CHARS))
	def test_changing_one_digit_or_the_check_char_invalidates(
		self, value: str, position: int, char: str
	) -> None:
		if value[position] == char:
			char = ID_CHECK_CHARS[(ID_CHECK_CHARS.index(char) + 1) % len(ID_CHECK_CHARS)]
		self.assertFalse(is_valid_resident_id(replace_at(value, position, char)))

	@PROPERTY_SETTINGS
	@given(
		resident_ids(),
		st.integers(min_value=0, max_value=17),
		st.characters(min_codepoint=0, max_codepoint=127),
	)
	def test_changing_one_character_to_anything_else_invalidates(
		self, value: str, position: int, char: str
	) -> None:
		# Only exception: the check char X may be written x.
		if char.upper() != value[position]:
			self.assertFalse(is_valid_resident_id(replace_at(value, position, char)))

	@PROPERTY_SETTINGS
	@given(resident_ids(), st.integers(min_value=0, max_value=16))
	def test_swapping_two_different_adjacent_characters_invalidates(self, value: str, position: int) -> None:
		# Adjacent weights differ by a factor of 2 mod 11, so MOD 11-2 catches these too.
		if value[position] != value[position + 1]:
			swapped = value[:position] + value[position + 1] + value[position] + value[position + 2 :]
			self.assertFalse(is_valid_resident_id(swapped))


class UnifiedCreditCodeCheckCharTests(unittest.TestCase):
	def test_common_sample(self) -> None:
		self.assertEqual(unified_credit_code_check_char(SAMPLE_USCC[:17]), "3")
		self.assertEqual(reference_mod31(SAMPLE_USCC[:17]), "3")

	def test_real_codes(self) -> None:
		for code in REAL_USCCS:
			with self.subTest(code=code):
				self.assertEqual(unified_credit_code_check_char(code[:17]), code[17])

	def test_check_value_31_becomes_0_and_30_is_y(self) -> None:
		# First 15 characters of the sample weigh 628; + 0*10 + D=13*28 = 992 = 32*31, so 31 - 0 -> "0".
		self.assertEqual(unified_credit_code_check_char("91350100M0001000D"), "0")
		# + 0*10 + P=23*28 = 1272 = 41*31 + 1, so 31 - 1 = 30 -> "Y".
		self.assertEqual(unified_credit_code_check_char("91350100M0001000P"), "Y")

	def test_the_organisation_code_carries_its_own_check(self) -> None:
		"""GB 11714: characters 9-17 are the organisation code with its check character (Huawei's 19220382,
		weighted sum 153, 11 - 153 mod 11 = 1); a code right by MOD 31 but wrong there is refused."""
		self.assertEqual(organisation_code_check_char("19220382"), "1")
		self.assertEqual(organisation_code_check_char("70846113"), "6")
		self.assertEqual(organisation_code_check_char("M000100Y"), "4")
		for wrong in ("91422828MA49XK2L7X", "12422828MB1503667C"):  # the old demo codes
			with self.subTest(code=wrong):
				self.assertEqual(unified_credit_code_check_char(wrong[:17]), wrong[17])
				self.assertFalse(is_valid_unified_credit_code(wrong))
		for right in ("91422828MA49XK2L1B", "12422828MB1503662W"):
			with self.subTest(code=right):
				self.assertTrue(is_valid_unified_credit_code(right))
		with self.assertRaises(ValueError):
			organisation_code_check_char("1922038")

	@given(st.text(USCC_CHARSET, min_size=8, max_size=8))
	def test_only_the_right_organisation_check_passes(self, body: str) -> None:
		right = organisation_code_check_char(body)
		for check in "0123456789X":
			code = "91350100" + body + check
			code += unified_credit_code_check_char(code)
			with self.subTest(code=code):
				self.assertEqual(is_valid_unified_credit_code(code), check == right)

	def test_lowercase_is_accepted(self) -> None:
		self.assertEqual(unified_credit_code_check_char(SAMPLE_USCC[:17].lower()), "3")

	def test_rejects_bad_input(self) -> None:
		for bad in ("", SAMPLE_USCC[:16], SAMPLE_USCC, "91350100I000100Y4", "91350100M000100Ｙ4"):
			with self.subTest(bad=bad), self.assertRaises(ValueError):
				unified_credit_code_check_char(bad)

	def test_weights_are_powers_of_3_mod_31(self) -> None:
		self.assertEqual(
			[pow(3, i, 31) for i in range(17)],
			[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28],
		)

	@PROPERTY_SETTINGS
	@given(st.text(USCC_CHARSET, min_size=17, max_size=17))
	def test_matches_reference(self, body: str) -> None:
		self.assertEqual(unified_credit_code_check_char(body), reference_mod31(body))


class UnifiedCreditCodeValidationTests(unittest.TestCase):
	def test_valid_codes(self) -> None:
		self.assertTrue(is_valid_unified_credit_code(SAMPLE_USCC))
		for code in REAL_USCCS:
			with self.subTest(code=code):
				self.assertTrue(is_valid_unified_credit_code(code))

	def test_lowercase_is_accepted(self) -> None:
		self.assertTrue(is_valid_unified_credit_code(SAMPLE_USCC.lower()))
		self.assertTrue(is_valid_unified_credit_code("91440300708461136t"))

	def test_wrong_check_char(self) -> None:
		for char in USCC_CHARSET.replace("3", ""):
			with self.subTest(char=char):
				self.assertFalse(is_valid_unified_credit_code(SAMPLE_USCC[:17] + char))

	def test_wrong_length(self) -> None:
		for bad in ("", SAMPLE_USCC[:17], SAMPLE_USCC + "0", "0" + SAMPLE_USCC):
			with self.subTest(bad=bad):
				self.assertFalse(is_valid_unified_credit_code(bad))

	def test_forbidden_letters(self) -> None:
		# I, O, Z, S, V are left out of the set (they look like 1, 0, 2, 5, U); wherever they appear the code is
		# invalid, whatever check char it carries.
		for letter in USCC_FORBIDDEN:
			for position in (1, 8, 12, 17):
				for check in USCC_CHARSET:
					code = replace_at(SAMPLE_USCC[:17] + check, position, letter)
					with self.subTest(code=code):
						self.assertFalse(is_valid_unified_credit_code(code))
						self.assertFalse(is_valid_unified_credit_code(code.lower()))

	def test_registration_authority(self) -> None:
		for authority in "123456789ABNY":
			body = authority + SAMPLE_USCC[1:17]
			with self.subTest(authority=authority):
				self.assertTrue(is_valid_unified_credit_code(body + unified_credit_code_check_char(body)))
		for authority in "0CDEFGHJKLMPQRTUWX":
			body = authority + SAMPLE_USCC[1:17]
			with self.subTest(authority=authority):
				self.assertFalse(is_valid_unified_credit_code(body + unified_credit_code_check_char(body)))

	def test_division_code_is_digits(self) -> None:
		for position in range(2, 8):
			body = replace_at(SAMPLE_USCC[:17], position, "A")
			with self.subTest(position=position):
				self.assertFalse(is_valid_unified_credit_code(body + unified_credit_code_check_char(body)))

	def test_non_ascii_and_non_strings(self) -> None:
		self.assertFalse(is_valid_unified_credit_code("91350100M000100Ｙ43"))  # full-width Y
		self.assertFalse(is_valid_unified_credit_code(None))  # type: ignore[arg-type]

	def test_mod_31_weights_detect_every_single_substitution(self) -> None:
		# Values differ by d in ±1..30 and 31 is prime, so w_i * d is never 0 mod 31.
		for i in range(17):
			for delta in range(1, 31):
				self.assertNotEqual(pow(3, i, 31) * delta % 31, 0)

	@PROPERTY_SETTINGS
	@given(credit_codes())
	def test_computed_check_char_makes_a_valid_code(self, code: str) -> None:
		self.assertTrue(is_valid_unified_credit_code(code))
		self.assertTrue(is_valid_unified_credit_code(code.lower()))

	@PROPERTY_SETTINGS
	@given(credit_codes(), st.integers(min_value=0, max_value=17), st.sampled_from(USCC_CHARSET))
	def test_changing_one_character_within_the_set_invalidates(
		self, code: str, position: int, char: str
	) -> None:
		if code[position] == char:
			char = USCC_CHARSET[(USCC_CHARSET.index(char) + 1) % len(USCC_CHARSET)]
		self.assertFalse(is_valid_unified_credit_code(replace_at(code, position, char)))

	@PROPERTY_SETTINGS
	@given(
		credit_codes(),
		st.integers(min_value=0, max_value=17),
		st.characters(min_codepoint=0, max_codepoint=127),
	)
	def test_changing_one_character_to_anything_else_invalidates(
		self, code: str, position: int, char: str
	) -> None:
		# Only exception: a letter written in lowercase.
		if char.upper() != code[position]:
			self.assertFalse(is_valid_unified_credit_code(replace_at(code, position, char)))

	@PROPERTY_SETTINGS
	@given(credit_codes(), st.integers(min_value=0, max_value=16))
	def test_swapping_two_different_adjacent_characters_invalidates(self, code: str, position: int) -> None:
		# Adjacent weights differ by a factor of 3, so the sum changes by (3 - 1) * w_i * d, never 0 mod 31.
		if code[position] != code[position + 1]:
			swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
			self.assertFalse(is_valid_unified_credit_code(swapped))


class MaskAndNormaliseTests(unittest.TestCase):
	def test_mask_keeps_first_6_and_last_4(self) -> None:
		self.assertEqual(mask_resident_id("420102199003071232"), "420102********1232")
		self.assertEqual(mask_resident_id(SAMPLE_ID), "110105********002X")
		self.assertEqual(mask_resident_id("11010519491231002x"), "110105********002x")

	def test_mask_short_values(self) -> None:
		self.assertEqual(mask_resident_id(""), "")
		self.assertEqual(mask_resident_id("123456789"), "123456789")
		self.assertEqual(mask_resident_id("1234567890"), "1234567890")
		self.assertEqual(mask_resident_id("12345678901"), "123456*8901")

	@PROPERTY_SETTINGS
	@given(st.text(min_size=10, max_size=40))
	def test_mask_shape(self, value: str) -> None:
		masked = mask_resident_id(value)
		self.assertEqual(len(masked), len(value))
		self.assertEqual(masked[:6], value[:6])
		self.assertEqual(masked[-4:], value[-4:])
		self.assertEqual(set(masked[6:-4]), set("*") if len(value) > 10 else set())

	def test_normalise(self) -> None:
		self.assertEqual(normalise(" 11010519491231002x "), SAMPLE_ID)
		self.assertEqual(normalise("110105 1949\t1231\u3000002x\n"), SAMPLE_ID)  # \u3000: full-width space
		self.assertEqual(normalise("91350100m000100y43"), SAMPLE_USCC)
		self.assertEqual(normalise(""), "")


if __name__ == "__main__":
	unittest.main()


class TestCanonicalIdentifiers(unittest.TestCase):
	"""One spelling per identifier: NFKC, ASCII only, or refused (the database's collation would find the
	same account for other spellings, and `str.isdigit` and `\\d` accept every script's digits)."""

	# 1391 2060001 in the spellings an attacker used: Arabic-Indic, Eastern Arabic (Persian), Bengali, Thai,
	# Myanmar, Devanagari, one Arabic-Indic digit among ASCII ones
	OTHER_SCRIPTS = (
		"١٣٩١٢٠٦٠٠٠١",
		"۱۳۹۱۲۰۶۰۰۰۱",
		"১৩৯১২০৬০০০১",
		"๑๓๙๑๒๐๖๐๐๐๑",
		"၁၃၉၁၂၀၆၀၀၀၁",
		"१३९१२०६०००१",
		"139١2060001",
	)

	def test_full_width_and_spaces_become_ascii(self) -> None:
		self.assertEqual(canonical("１３９１２０６０００１", "phone"), "13912060001")
		self.assertEqual(canonical(" 139 1206\u30000001 ", "phone"), "13912060001")
		self.assertEqual(canonical("0718－8230000", "phone"), "0718-8230000")  # full-width hyphen
		self.assertEqual(canonical("１１０１０５１９４９１２３１００２ｘ", "resident_id"), SAMPLE_ID)
		self.assertEqual(canonical("９１３５０１００ｍ０００１００ｙ４３", "credit_code"), SAMPLE_USCC)
		self.assertEqual(canonical("４２２８２８－ＲＳ－００１", "code"), "422828-RS-001")
		self.assertEqual(canonical("", "phone"), "")
		self.assertEqual(canonical(None, "code"), "")

	def test_other_scripts_digits_are_refused(self) -> None:
		for spelling in self.OTHER_SCRIPTS:
			for kind in ("phone", "resident_id", "credit_code", "code"):
				with self.assertRaises(IdentifierRefused, msg=(spelling, kind)):
					canonical(spelling, kind)
			self.assertFalse(is_valid_phone(spelling), spelling)
			self.assertFalse(is_valid_mobile(spelling), spelling)

	def test_unicode_hyphens_and_markup_are_refused(self) -> None:
		for spelling in (
			"0718\u20108230000",
			"0718\u22128230000",
			"139<svg>",
			"13912060001'",
			"1391206000\u0661",
		):
			with self.assertRaises(IdentifierRefused, msg=spelling):
				canonical(spelling, "phone")

	@PROPERTY_SETTINGS
	@given(st.text(alphabet=st.characters(whitelist_categories=("Nd",)), min_size=1, max_size=18))
	def test_a_canonical_value_is_ascii_and_canonical_again(self, text: str) -> None:
		for kind in ("phone", "resident_id", "code"):
			try:
				value = canonical(text, kind)
			except IdentifierRefused:
				# only digits NFKC does not turn into ASCII are refused
				self.assertFalse(unicodedata.normalize("NFKC", text).isascii())
				continue
			self.assertTrue(value.isascii() and value.isdigit())
			self.assertEqual(canonical(value, kind), value)

	def test_mobile_and_hotline_numbers(self) -> None:
		self.assertTrue(is_valid_mobile("13912060001"))
		self.assertFalse(is_valid_mobile("12345"))
		self.assertFalse(is_valid_mobile("0718-8230000"))
		self.assertTrue(is_valid_phone("0718-8230000"))
		self.assertFalse(is_valid_phone("12345"))
		self.assertTrue(is_valid_hotline("12345"))
		self.assertTrue(is_valid_hotline("0718-12345"))
		self.assertTrue(is_valid_hotline("0718-8230000"))
		self.assertFalse(is_valid_hotline("1"))
