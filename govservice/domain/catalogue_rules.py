"""Rules of the service catalogue (办事指南) that need no database.

Sources: 国务院办公厅《关于进一步优化政务服务事项办事指南……》 practice as quoted in the seed notices — a
material list may not end in catch-alls such as "其他材料" or "……等材料"; the promised limit may not exceed
the statutory one; an item with a fee must cite the fee's legal basis and standard.
"""

from __future__ import annotations

from collections.abc import Iterable

# Catch-all wording that leaves an applicant guessing what to bring (兜底性表述).
VAGUE_MATERIAL_MARKERS = (
	"其他材料",
	"其它材料",
	"等材料",
	"相关材料",
	"有关材料",
	"其他相关",
	"其他证明",
	"other materials",
	"other documents",
	"related materials",
	"etc.",
)


def vague_material_names(names: Iterable[str]) -> list[str]:
	"""Return the material names that use a catch-all instead of naming the material."""
	vague = []
	for name in names:
		text = (name or "").strip().lower()
		if not text or any(marker in text for marker in VAGUE_MATERIAL_MARKERS) or text.endswith("等"):
			vague.append(name)
	return vague


def handling_kind(promised_limit_days: int) -> str:
	"""即办件 (Immediate Item) when the promised limit is 0 working days, otherwise 承诺件 (Promised)."""
	return "Immediate Item" if int(promised_limit_days or 0) == 0 else "Promised Item"


def promised_exceeds_statutory(statutory_limit_days: int, promised_limit_days: int) -> bool:
	"""The promised limit may be shorter than the statutory one, never longer."""
	return int(promised_limit_days or 0) > int(statutory_limit_days or 0)


# Split a search into words at spaces and punctuation (half- and full-width).
_SEARCH_SEPARATORS = " \t\r\n,，、;；。.·/|()（）《》“”\"'"


def search_words(query: str) -> list[str]:
	"""The words of a catalogue search: ``"低保  申请，高龄"`` gives ``["低保", "申请", "高龄"]``."""
	words, word = [], []
	for char in query or "":
		if char in _SEARCH_SEPARATORS:
			if word:
				words.append("".join(word))
			word = []
		else:
			word.append(char)
	if word:
		words.append("".join(word))
	return [w.lower() for w in words]


def keyword_list(keywords: str | None) -> list[str]:
	"""An item's search keywords (common short names such as 低保, 社保卡), written one per line or separated
	by commas or spaces."""
	return search_words(keywords or "")


def search_rank(query: str, name: str, code: str, body: str, keywords: str | None) -> int | None:
	"""How well an item answers a search, or None when it does not: every word of the search must be in the
	item's name, code, implementing body or keywords, or contain one of its keywords (so 办低保 finds the
	item whose keyword is 低保). Lower is better: a word in the name ranks first, then keywords, then the
	rest."""
	words = search_words(query)
	if not words:
		return 0
	name, code, body = (name or "").lower(), (code or "").lower(), (body or "").lower()
	keys = keyword_list(keywords)
	rank = 0
	for word in words:
		if word in name:
			continue
		if any(word in key or (len(key) >= 2 and key in word) for key in keys):
			rank += 1
		elif word in code or word in body:
			rank += 2
		else:
			return None
	return rank
