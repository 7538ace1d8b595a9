"""What a citizen may upload as an application material, and under which name it is stored.

Only document and image formats an agent can open safely are accepted; the content must match its
extension (a renamed executable or HTML page is refused), and the stored name keeps no path, control
characters or a second, hidden extension.
"""

import re
import unicodedata

# extension -> byte signatures the file must start with
SIGNATURES: dict[str, tuple[bytes, ...]] = {
	"pdf": (b"%PDF-",),
	"jpg": (b"\xff\xd8\xff",),
	"jpeg": (b"\xff\xd8\xff",),
	"png": (b"\x89PNG\r\n\x1a\n",),
	"ofd": (b"PK\x03\x04",),  # 版式文档 OFD is a zip container
}
ALLOWED_EXTENSIONS = tuple(SIGNATURES)
MAX_NAME_LENGTH = 80


class UploadRefused(ValueError):
	"""The file cannot be accepted; `reason` is one of the keys in REASONS."""

	def __init__(self, reason: str):
		super().__init__(reason)
		self.reason = reason


REASONS = ("empty", "too_large", "type", "content")


def extension_of(filename: str) -> str:
	name = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
	return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def safe_filename(filename: str) -> str:
	"""A storable name: no directories, no control or shell characters, one extension, at most 80 chars."""
	name = filename.replace("\\", "/").rsplit("/", 1)[-1]
	name = unicodedata.normalize("NFC", name)
	name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
	extension = extension_of(name)
	stem = name[: -(len(extension) + 1)] if extension else name
	stem = re.sub(r"[\s<>:\"|?*%#&;$`'{}\[\]]+", "_", stem)
	stem = stem.replace(".", "_").strip("._-") or "material"
	stem = stem[: MAX_NAME_LENGTH - len(extension) - 1]
	return f"{stem}.{extension}" if extension else stem


def check_upload(filename: str, content: bytes, max_bytes: int) -> str:
	"""Return the safe stored name of an acceptable upload, or raise UploadRefused."""
	if not content:
		raise UploadRefused("empty")
	if len(content) > max_bytes:
		raise UploadRefused("too_large")
	extension = extension_of(filename)
	if extension not in SIGNATURES:
		raise UploadRefused("type")
	if not any(content.startswith(signature) for signature in SIGNATURES[extension]):
		raise UploadRefused("content")
	return safe_filename(filename)
