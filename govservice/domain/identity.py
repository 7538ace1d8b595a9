r"""Check characters and validation for China's resident identity numbers and unified social credit codes.

Two national standards are covered (pure Python, no Frappe):

* GB 11643-1999 公民身份号码 (citizen identity number): 18 characters, namely a 6-digit address code, an
  8-digit birth date YYYYMMDD, a 3-digit sequence code and a check character computed with ISO 7064
  MOD 11-2 (``0``-``9`` or ``X``). The old 15-digit numbers of GB 11643-1989 are not accepted.
* GB 32100-2015 法人和其他组织统一社会信用代码编码规则 (unified social credit code, USCC): 18 characters
  from a 31-character set without I, O, Z, S and V, namely the registration authority code, the
  organisation category code, a 6-digit administrative division code (GB/T 2260), a 9-character
  organisation code and a MOD 31 check character.

Both check characters detect every single-character substitution: the weights of MOD 11-2 (``2**k mod 11``)
and of the MOD 31 scheme (``3**k mod 31``) are non-zero modulo a prime that is larger than any difference
between two character values, so changing one character always changes the weighted sum modulo the
prime, and the check character is a bijective function of that sum.

The validators accept lowercase letters (``x`` in an identity number, any letter in a USCC) but no
surrounding or embedded whitespace: pass user input through `normalise` first.

Every identifier a person types (a mobile number, an ID number, a credit code, an item code) keys a limit, a
lookup or a uniqueness rule, and MariaDB's ``utf8mb4_unicode_ci`` compares ``139١2060001`` (an Arabic-Indic
one), ``１３９…`` (full width) and ``139…`` as equal, while Python's ``str.isdigit`` and ``\d`` accept any
Unicode digit. So an identifier is made canonical once, at the boundary (`canonical`): NFKC (full-width
forms become ASCII), whitespace removed, then only the ASCII characters its kind allows, or it is refused
(`IdentifierRefused`). Nothing else in the app compares identifiers in another form.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

# GB 11643-1999 / ISO 7064 MOD 11-2: the weight of position i (1-based from the left) is 2**(18-i) mod 11.
_RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# Remainder of the weighted sum modulo 11 -> check character.
_RESIDENT_ID_CHECK_CHARS = "10X98765432"
_RESIDENT_ID_BODY = re.compile(r"[0-9]{17}")
_RESIDENT_ID_MIN_BIRTH_YEAR = 1900

# GB 32100-2015: the code character set (values 0..30) and the weight of position i, 3**(i-1) mod 31.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES = {char: value for value, char in enumerate(USCC_CHARSET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# 登记管理机关代码: 1 机构编制, 5 民政, 9 工商 (市场监管), Y 其他, and the further codes of the standard.
USCC_REGISTRATION_AUTHORITIES = "123456789ABNY"

_CODE_LENGTH = 18
_ORG_BODY_LENGTH = 8
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714-1997
_MASK_KEEP_HEAD = 6
_MASK_KEEP_TAIL = 4


def normalise(value: str) -> str:
	"""NFKC, remove all whitespace (including full-width spaces) and uppercase.

	``" 110105 19491231 002x "`` becomes ``"11010519491231002X"``; full-width ``１１０…`` becomes ASCII.
	Other scripts' digits stay what they are (NFKC does not map them), so the validators refuse them.
	"""
	return "".join(unicodedata.normalize("NFKC", value).split()).upper()


class IdentifierRefused(ValueError):
	"""An identifier with characters its kind does not allow, after NFKC."""

	def __init__(self, kind: str):
		super().__init__(kind)
		self.kind = kind


# The ASCII characters each kind of identifier may hold after NFKC and without whitespace.
IDENTIFIER_CHARACTERS = {
	"phone": frozenset("0123456789-"),
	"resident_id": frozenset("0123456789X"),
	"credit_code": frozenset(USCC_CHARSET) | frozenset("IOZSV"),  # the check names the wrong letter
	"code": frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_./"),
}
_UPPERCASE_KINDS = ("resident_id", "credit_code")


def canonical(value: str | None, kind: str) -> str:
	"""The one form of identifier `value` of `kind` (phone, resident_id, credit_code, code) that the app
	stores, compares and limits by: NFKC, whitespace removed (uppercased for ID numbers and credit codes).
	Raises `IdentifierRefused` when a character other than the kind's ASCII characters remains
	(``139١2060001``, ``１３９‐…`` with a Unicode hyphen, a Thai digit…). Empty stays empty."""
	text = "".join(unicodedata.normalize("NFKC", value or "").split())
	if kind in _UPPERCASE_KINDS:
		text = text.upper()
	allowed = IDENTIFIER_CHARACTERS[kind]
	if any(char not in allowed for char in text):
		raise IdentifierRefused(kind)
	return text


def resident_id_check_char(first17: str) -> str:
	"""Return the GB 11643-1999 check character for the first 17 digits of a resident identity number.

	The check character is ISO 7064 MOD 11-2: the digits are weighted with 7, 9, 10, 5, 8, 4, 2, 1, 6, 3,
	7, 9, 10, 5, 8, 4, 2, and the remainder of the sum modulo 11 maps 0..10 to 1, 0, X, 9, 8, 7, 6, 5, 4,
	3, 2.

	Raises `ValueError` unless `first17` is exactly 17 ASCII digits.
	"""
	if not isinstance(first17, str) or not _RESIDENT_ID_BODY.fullmatch(first17):
		raise ValueError(f"expected 17 digits, got {first17!r}")
	total = sum(int(digit) * weight for digit, weight in zip(first17, _RESIDENT_ID_WEIGHTS, strict=True))
	return _RESIDENT_ID_CHECK_CHARS[total % 11]


def _resident_id_birth_date(value: str) -> datetime.date | None:
	"""The birth date in characters 7-14 (YYYYMMDD) of an identity number, or None if it is no date."""
	try:
		return datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
	except ValueError:
		return None


def is_valid_resident_id(value: str, *, today: datetime.date | None = None) -> bool:
	"""Whether `value` is a well-formed 18-character resident identity number under GB 11643-1999.

	Requires 17 ASCII digits followed by a digit or ``X`` (``x`` is accepted too), a birth date in
	characters 7-14 that is a real calendar date from 1900-01-01 up to `today` (default: the local date
	today) and the ISO 7064 MOD 11-2 check character. The address code is not checked against GB/T 2260.
	"""
	if not isinstance(value, str) or len(value) != _CODE_LENGTH or not value.isascii():
		return False
	body, check = value[:17], value[17].upper()
	if not _RESIDENT_ID_BODY.fullmatch(body):
		return False
	birth = _resident_id_birth_date(body)
	if birth is None or birth.year < _RESIDENT_ID_MIN_BIRTH_YEAR:
		return False
	if birth > (today if today is not None else datetime.date.today()):
		return False
	return check == resident_id_check_char(body)


def unified_credit_code_check_char(first17: str) -> str:
	"""Return the GB 32100-2015 check character for the first 17 characters of a unified social credit code.

	Each character has its index in ``0123456789ABCDEFGHJKLMNPQRTUWXY`` as value; the values are weighted
	with 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28, and the check value is
	``31 - (sum mod 31)``, or 0 when that is 31. The check character is the character with that value.
	Lowercase letters are accepted.

	Raises `ValueError` unless `first17` is 17 characters of that set.
	"""
	if not isinstance(first17, str) or len(first17) != 17 or not first17.isascii():
		raise ValueError(f"expected 17 characters of the USCC character set, got {first17!r}")
	upper = first17.upper()
	try:
		total = sum(_USCC_VALUES[char] * weight for char, weight in zip(upper, _USCC_WEIGHTS, strict=True))
	except KeyError as error:
		raise ValueError(f"{error.args[0]!r} is not in the USCC character set (no I, O, Z, S, V)") from None
	return USCC_CHARSET[(31 - total % 31) % 31]


def organisation_code_check_char(body: str) -> str:
	"""GB 11714-1997's check character of an organisation code (组织机构代码) from its 8-character body:
	digits count as themselves and letters A-Z as 10-35, weighted 3 7 9 10 5 8 4 2; the check is
	11 - (sum mod 11), written X for 10 and 0 for 11."""
	if len(body) != _ORG_BODY_LENGTH or not body.isascii() or not body.isalnum():
		raise ValueError("an organisation code body is 8 ASCII letters or digits")
	total = sum(
		(int(char) if char.isdigit() else ord(char) - ord("A") + 10) * weight
		for char, weight in zip(body.upper(), _ORG_WEIGHTS, strict=True)
	)
	check = 11 - total % 11
	return "X" if check == 10 else "0" if check == 11 else str(check)


def is_valid_unified_credit_code(value: str) -> bool:
	"""Whether `value` is a well-formed unified social credit code under GB 32100-2015.

	Requires 18 characters of ``0123456789ABCDEFGHJKLMNPQRTUWXY`` (lowercase is accepted and uppercased), a
	registration authority code (character 1) in ``123456789ABNY``, an administrative division code
	(characters 3-8) of digits only, the organisation code (characters 9-17) with its GB 11714 check
	character, and the MOD 31 check character. The organisation category code (character 2) is not
	checked against the registration authority, nor the division code against GB/T 2260.
	"""
	if not isinstance(value, str) or len(value) != _CODE_LENGTH or not value.isascii():
		return False
	code = value.upper()
	if any(char not in _USCC_VALUES for char in code):
		return False
	if code[0] not in USCC_REGISTRATION_AUTHORITIES or not code[2:8].isdigit():
		return False
	if code[16] != organisation_code_check_char(code[8:16]):
		return False
	return code[17] == unified_credit_code_check_char(code[:17])


def mask_resident_id(value: str) -> str:
	"""Mask an identity number for display, keeping the first 6 and last 4 characters.

	``"420102199003071234"`` becomes ``"420102********1234"``. Values shorter than 10 characters are
	returned unchanged, since masking them would hide nothing or everything.
	"""
	if len(value) < _MASK_KEEP_HEAD + _MASK_KEEP_TAIL:
		return value
	middle = len(value) - _MASK_KEEP_HEAD - _MASK_KEEP_TAIL
	return value[:_MASK_KEEP_HEAD] + "*" * middle + value[-_MASK_KEEP_TAIL:]


# ASCII digits only: `\d` would accept every script's digits.
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_PHONE = re.compile(r"1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}")
# Short public service numbers a centre or an item may publish: 110, 12345, 12315, 95598, 96xxx, with the
# area code a caller from a mobile or another city dials first (0718-12345).
_SERVICE_NUMBER = re.compile(r"(0[0-9]{2,3}-?)?(1[0-9]{2,4}|9[0-9]{4})")


def is_valid_mobile(value: str) -> bool:
	"""A mainland mobile number: 11 ASCII digits from 13x to 19x."""
	return isinstance(value, str) and bool(_MOBILE.fullmatch(value))


def is_valid_phone(value: str) -> bool:
	"""A mainland mobile number (11 digits from 13x to 19x) or a landline with its area code, in ASCII
	digits (a space is allowed: callers pass canonical values anyway)."""
	return isinstance(value, str) and bool(_PHONE.fullmatch(value.replace(" ", "")))


def is_valid_hotline(value: str) -> bool:
	"""A phone number an organisation publishes: a person's phone, or a short service number (12345)."""
	return is_valid_phone(value) or (isinstance(value, str) and bool(_SERVICE_NUMBER.fullmatch(value)))
