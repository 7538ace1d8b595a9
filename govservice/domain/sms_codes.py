"""One-time codes sent by SMS (短信验证码): making, storing and checking them, and counting sends.

Pure Python, no Frappe. The code itself is never stored or logged: the store keeps a keyed hash of it
(HMAC-SHA256 with the site's secret and the phone and purpose, so a hash read from the cache is useless for
another number, purpose or site), the time it expires and the number of wrong guesses left.

Rules (GS Settings may change the figures):

* a code has 6 digits, drawn from the operating system's random source;
* it is valid for `minutes` minutes and for `attempts` guesses; a wrong guess uses one up, and the last one
  spends the code;
* a correct code is spent at once (it cannot be used twice);
* sending is limited per number and per IP address: at most `per_hour` sends in any hour, and no new send
  to the same number within `gap_seconds` of the last.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

CODE_DIGITS = 6
PURPOSES = ("signup", "login", "reset")


def new_code() -> str:
	"""A fresh 6-digit code, leading zeros kept."""
	return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def code_hash(secret: str, phone: str, purpose: str, code: str) -> str:
	"""The keyed hash that stands for `code` in the store."""
	message = f"{purpose}:{phone}:{code}".encode()
	return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class StoredCode:
	"""What the store holds for one number and purpose."""

	digest: str
	expires_at: float
	attempts_left: int

	def to_dict(self) -> dict:
		return {"digest": self.digest, "expires_at": self.expires_at, "attempts_left": self.attempts_left}

	@classmethod
	def from_dict(cls, value: dict) -> StoredCode:
		return cls(str(value["digest"]), float(value["expires_at"]), int(value["attempts_left"]))


def issue(
	secret: str, phone: str, purpose: str, code: str, now: float, minutes: int, attempts: int
) -> StoredCode:
	"""The stored form of a code sent at `now` (seconds since the epoch)."""
	if purpose not in PURPOSES:
		raise ValueError(f"unknown purpose {purpose!r}")
	return StoredCode(code_hash(secret, phone, purpose, code), now + minutes * 60, max(attempts, 1))


@dataclass(frozen=True)
class Check:
	"""The outcome of checking a code: whether it matched, and what to store afterwards (None: delete)."""

	ok: bool
	reason: str  # "ok", "missing", "expired", "wrong", "spent"
	keep: StoredCode | None


def check(stored: StoredCode | None, secret: str, phone: str, purpose: str, code: str, now: float) -> Check:
	"""Check `code` against what was stored for `phone` and `purpose` at time `now`."""
	if stored is None:
		return Check(False, "missing", None)
	if now >= stored.expires_at:
		return Check(False, "expired", None)
	candidate = code_hash(secret, phone, purpose, (code or "").strip())
	if hmac.compare_digest(candidate, stored.digest):
		return Check(True, "ok", None)
	left = stored.attempts_left - 1
	if left <= 0:
		return Check(False, "spent", None)
	return Check(False, "wrong", StoredCode(stored.digest, stored.expires_at, left))


def may_send(sent_at: list[float], now: float, per_hour: int, gap_seconds: int) -> tuple[bool, int]:
	"""Whether one more code may go out, given the times of earlier sends (to one number or from one
	address), and if not, how many seconds until it may. `per_hour` 0 means no hourly limit."""
	recent = sorted(t for t in sent_at if now - t < 3600)
	if recent and gap_seconds and now - recent[-1] < gap_seconds:
		return False, int(gap_seconds - (now - recent[-1])) + 1
	if per_hour and len(recent) >= per_hour:
		return False, int(3600 - (now - recent[-per_hour])) + 1
	return True, 0


def recent_sends(sent_at: list[float], now: float) -> list[float]:
	"""The send times still inside the hour that the limits look at."""
	return [t for t in sent_at if now - t < 3600]
