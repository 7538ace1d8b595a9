"""Fast HTML → PDF rendering for Chinese print formats (agreements, notices, ledgers) with WeasyPrint.

Why the naive path is slow
--------------------------
WeasyPrint 59 (the version Frappe v15 pins) embeds every font it uses as a subset, made with fontTools
and ``retain_gids=True``, because the PDF content streams use the original glyph ids. The fontTools
subsetter's cost grows with the font's *total* glyph count, not with the glyphs used: it walks all
65,535 CFF charstrings of Noto Sans CJK (remove hints, desubroutinize, recompute the hhea/vhea/head
bounds) and then recompiles the CFF table. That takes about 3.5 s per face on a 2-core machine, so a page
with regular and bold text takes about 7 s, on every render.

The fix
-------
The same subset is made with HarfBuzz's C subsetter (``hb-subset``, from Debian ``libharfbuzz-subset0``),
with the same options: glyph ids retained, hinting dropped unless asked, CFF desubroutinized,
GSUB/GPOS/SVG dropped. It takes about 15 ms per face. WeasyPrint made the same change upstream in
version 63 (Kozea/WeasyPrint#2120, PR #2178); this module backports it to 59 by replacing
``weasyprint.pdf.stream.Font.clean``. The replacement runs only inside :func:`html_to_pdf` (a
context variable switches it on), so anything else in the process that uses WeasyPrint keeps the stock
behaviour. When the library or the tested WeasyPrint version is missing, rendering stays correct and
falls back to fontTools (slow), with a warning that names the package.

The font stays Noto Sans CJK SC from Debian ``fonts-noto-cjk``, loaded through fontconfig. It is not
copied, converted or pre-subset, so every character the font covers, including rare characters in
names, renders and is embedded as real, extractable text. Each thread also reuses one
``FontConfiguration`` (pango's font map and its loaded faces) and the parsed :data:`CJK_FONT_CSS`,
which saves another 10-20 ms per render.
"""

from __future__ import annotations

import atexit
import contextvars
import ctypes.util
import io
import logging
import os
import shutil
import subprocess
import threading
from typing import Any

logger = logging.getLogger(__name__)

#: Font stack for Chinese print formats. Noto Sans CJK SC (Debian ``fonts-noto-cjk``) comes first: it
#: has simplified-Chinese glyph forms and its own Latin letters and digits, so a document uses just two
#: faces (regular and bold). :func:`html_to_pdf` adds this as a *user* stylesheet, so a template's own
#: ``font-family`` still wins. Templates don't have to include it.
CJK_FONT_CSS: str = """
html {
	font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
		sans-serif;
}
"""

#: Debian paths of the faces :data:`CJK_FONT_CSS` needs, all from the ``fonts-noto-cjk`` package.
NOTO_CJK_FILES: tuple[str, ...] = (
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
)
NOTO_CJK_PACKAGE = "fonts-noto-cjk"
HB_SUBSET_PACKAGE = "libharfbuzz-subset0"
#: WeasyPrint versions whose private ``Font.clean(cmap, hinting)`` this module has been checked against.
PATCHED_WEASYPRINT_VERSIONS: tuple[str, ...] = ("59.",)

# hb-subset constants (hb-subset.h; stable since HarfBuzz 2.9).
_HB_MEMORY_MODE_READONLY = 1
_HB_SUBSET_SETS_GLYPH_INDEX = 0
_HB_SUBSET_SETS_DROP_TABLE_TAG = 3
_HB_SUBSET_FLAGS_NO_HINTING = 0x01
_HB_SUBSET_FLAGS_RETAIN_GIDS = 0x02
_HB_SUBSET_FLAGS_DESUBROUTINIZE = 0x04
_HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED = 0x20
# Tables that the PDF doesn't need: WeasyPrint 59 drops GSUB/GPOS/SVG (on top of fontTools' defaults);
# the others match what WeasyPrint 63+ drops when it subsets with HarfBuzz.
_DROP_TABLES: tuple[bytes, ...] = (b"BASE", b"DSIG", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")

_HB_CDEF = """
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
typedef void (*hb_destroy_func_t)(void *user_data);
hb_blob_t *hb_blob_create_or_fail(const char *data, unsigned int length, int mode, void *user_data,
	hb_destroy_func_t destroy);
void hb_blob_destroy(hb_blob_t *blob);
const char *hb_blob_get_data(hb_blob_t *blob, unsigned int *length);
hb_face_t *hb_face_create(hb_blob_t *blob, unsigned int index);
void hb_face_destroy(hb_face_t *face);
hb_blob_t *hb_face_reference_blob(hb_face_t *face);
hb_subset_input_t *hb_subset_input_create_or_fail(void);
void hb_subset_input_destroy(hb_subset_input_t *input);
hb_set_t *hb_subset_input_set(hb_subset_input_t *input, int set_type);
void hb_subset_input_set_flags(hb_subset_input_t *input, unsigned int value);
hb_face_t *hb_subset_or_fail(hb_face_t *source, const hb_subset_input_t *input);
void hb_set_add(hb_set_t *set, unsigned int codepoint);
"""

# True only while html_to_pdf renders in this thread or task: the patched Font.clean uses hb-subset then.
_FAST_SUBSET = contextvars.ContextVar("govservice_fast_subset", default=False)
_setup_lock = threading.Lock()
_setup_done = False
_hb: Any = None  # (ffi, lib) once libharfbuzz-subset is loaded, else None
_original_clean: Any = None
_fonts_checked = False
_local = threading.local()


def _load_hb_subset() -> Any:
	"""Return ``(ffi, lib)`` for libharfbuzz-subset, or None (with a warning) when it can't be loaded."""
	import cffi

	ffi = cffi.FFI()
	ffi.cdef(_HB_CDEF)
	candidates = [
		"libharfbuzz-subset.so.0",
		ctypes.util.find_library("harfbuzz-subset"),
		"libharfbuzz-subset.0.dylib",
	]
	for name in candidates:
		if not name:
			continue
		try:
			return ffi, ffi.dlopen(name)
		except OSError:
			continue
	logger.warning(
		"libharfbuzz-subset not found: CJK PDFs will render correctly but slowly (several seconds per "
		"page, fonts subset by fontTools). Install the Debian package %s.",
		HB_SUBSET_PACKAGE,
	)
	return None


def _hb_subset(font_data: bytes, face_index: int, glyph_ids: Any, hinting: bool) -> bytes | None:
	"""Subset face ``face_index`` of ``font_data`` to ``glyph_ids``, keeping glyph ids; None if it fails."""
	ffi, lib = _hb
	buffer = ffi.from_buffer(font_data)
	blob = lib.hb_blob_create_or_fail(buffer, len(font_data), _HB_MEMORY_MODE_READONLY, ffi.NULL, ffi.NULL)
	if blob == ffi.NULL:
		return None
	face = lib.hb_face_create(blob, face_index)
	subset_input = lib.hb_subset_input_create_or_fail()
	try:
		if subset_input == ffi.NULL:
			return None
		glyph_set = lib.hb_subset_input_set(subset_input, _HB_SUBSET_SETS_GLYPH_INDEX)
		for glyph_id in glyph_ids:
			lib.hb_set_add(glyph_set, glyph_id)
		drop_set = lib.hb_subset_input_set(subset_input, _HB_SUBSET_SETS_DROP_TABLE_TAG)
		for tag in _DROP_TABLES:
			lib.hb_set_add(drop_set, int.from_bytes(tag, "big"))
		flags = (
			_HB_SUBSET_FLAGS_RETAIN_GIDS
			| _HB_SUBSET_FLAGS_DESUBROUTINIZE
			| _HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED
		)
		if not hinting:
			flags |= _HB_SUBSET_FLAGS_NO_HINTING
		lib.hb_subset_input_set_flags(subset_input, flags)
		subset_face = lib.hb_subset_or_fail(face, subset_input)
		if subset_face == ffi.NULL:
			return None
		subset_blob = lib.hb_face_reference_blob(subset_face)
		length = ffi.new("unsigned int *")
		data = lib.hb_blob_get_data(subset_blob, length)
		result = ffi.unpack(data, length[0]) if data != ffi.NULL and length[0] else None
		lib.hb_blob_destroy(subset_blob)
		lib.hb_face_destroy(subset_face)
		return result
	finally:
		if subset_input != ffi.NULL:
			lib.hb_subset_input_destroy(subset_input)
		lib.hb_face_destroy(face)
		lib.hb_blob_destroy(blob)


def _fast_clean(self: Any, cmap: dict[int, str], hinting: bool) -> None:
	"""Replace ``weasyprint.pdf.stream.Font.clean``: subset with hb-subset, then run the stock clean-up.

	The stock method, given an empty cmap, skips subsetting but still handles variable fonts and colour
	emoji, so those keep working. Outside :func:`html_to_pdf`, or if hb-subset fails, this is just the
	stock method.
	"""
	if _FAST_SUBSET.get() and _hb is not None and cmap and self.ttfont is not None:
		subset = _hb_subset(self.file_content, self.index, cmap, hinting)
		if subset is not None:
			from fontTools.ttLib import TTFont

			self.file_content = subset
			self.ttfont = TTFont(io.BytesIO(subset))
			_original_clean(self, {}, hinting)
			return
	_original_clean(self, cmap, hinting)


def _setup() -> None:
	"""Once per process: load hb-subset and patch WeasyPrint's Font.clean (checked versions only)."""
	global _setup_done, _hb, _original_clean
	if _setup_done:
		return
	with _setup_lock:
		if _setup_done:
			return
		import weasyprint
		from weasyprint.pdf import stream

		if not weasyprint.__version__.startswith(PATCHED_WEASYPRINT_VERSIONS):
			logger.warning(
				"WeasyPrint %s is not a version govservice.printing.pdf has been checked against; fonts "
				"are subset by WeasyPrint itself (WeasyPrint 63+ already uses HarfBuzz for this).",
				weasyprint.__version__,
			)
		else:
			_hb = _load_hb_subset()
			if _hb is not None:
				# Keep the stock method on the class, so a reloaded module never wraps its own wrapper.
				_original_clean = getattr(stream.Font, "_govservice_original_clean", stream.Font.clean)
				stream.Font._govservice_original_clean = _original_clean
				stream.Font.clean = _fast_clean
		_setup_done = True


def check_cjk_fonts() -> None:
	"""Raise RuntimeError naming the Debian package if Noto Sans CJK SC is not installed (checked once)."""
	global _fonts_checked
	if _fonts_checked:
		return
	if not all(os.path.exists(path) for path in NOTO_CJK_FILES):
		# Not at the Debian paths (another distribution, macOS): ask fontconfig before giving up.
		found = ""
		if shutil.which("fc-list"):
			found = subprocess.run(
				["fc-list", "Noto Sans CJK SC", "file"], capture_output=True, text=True, check=False
			).stdout.strip()
		if not found:
			raise RuntimeError(
				f"Chinese print fonts missing: {' and '.join(NOTO_CJK_FILES)} not found and fontconfig "
				f'knows no "Noto Sans CJK SC". Install the Debian package {NOTO_CJK_PACKAGE} '
				f"(apt-get install {NOTO_CJK_PACKAGE})."
			)
	_fonts_checked = True


def fast_subsetting_available() -> bool:
	"""Whether :func:`html_to_pdf` subsets fonts with hb-subset (the fast path) in this process."""
	_setup()
	return _hb is not None and _original_clean is not None


def _thread_resources() -> tuple[Any, Any]:
	"""This thread's reused ``FontConfiguration`` and the :data:`CJK_FONT_CSS` parsed against it.

	Pango font maps are not thread-safe, so each thread gets its own.
	"""
	resources = getattr(_local, "resources", None)
	if resources is None:
		from weasyprint import CSS
		from weasyprint.text.fonts import FontConfiguration

		font_config = FontConfiguration()
		resources = (font_config, CSS(string=CJK_FONT_CSS, font_config=font_config))
		_local.resources = resources
	return resources


@atexit.register
def _release_thread_resources() -> None:
	"""At exit, drop the main thread's FontConfiguration while WeasyPrint's module globals still exist.

	Otherwise its ``__del__`` (which removes a temporary folder) can run during interpreter teardown and
	print an "Exception ignored" message.
	"""
	_local.__dict__.pop("resources", None)


class RefusedURL(ValueError):
	"""A print template asked WeasyPrint for something other than an inline or bundled resource."""


#: The static files a PDF may use, by extension: stylesheets, fonts and images of the bundled assets.
ASSET_TYPES: dict[str, str] = {
	".css": "text/css",
	".woff2": "font/woff2",
	".woff": "font/woff",
	".ttf": "font/ttf",
	".otf": "font/otf",
	".png": "image/png",
	".jpg": "image/jpeg",
	".jpeg": "image/jpeg",
	".svg": "image/svg+xml",
}


#: Relative URLs in a template (``/assets/…``) resolve against this origin, which no network has: the
#: fetcher maps it to the bench's asset folder and refuses every other URL.
BASE_URL = "https://govservice-print.invalid/"
ASSETS_URL = BASE_URL + "assets/"


def bundled_asset_path(url: str, assets_root: str | None) -> str | None:
	"""The file under ``assets_root`` (the bench's ``sites/assets``) that an ``/assets/…`` URL of a
	template names, or None for anything else: other schemes and hosts, ``..`` or empty segments, other
	file types, missing files."""
	if not assets_root or not url.startswith(ASSETS_URL) or "\\" in url or "%" in url or "\x00" in url:
		return None
	relative = url[len(ASSETS_URL) :].split("?", 1)[0].split("#", 1)[0]
	parts = relative.split("/")
	if any(part in ("", ".", "..") for part in parts):
		return None
	if os.path.splitext(relative)[1].lower() not in ASSET_TYPES:
		return None
	path = os.path.join(assets_root, *parts)
	return path if os.path.isfile(path) else None


def safe_url_fetcher(assets_root: str | None = None):
	"""WeasyPrint's only way out of the HTML it renders.

	A PDF is rendered from templates that carry citizens' and officers' text, so a value that slipped
	through as markup (``<link rel="attachment" href="file:///etc/passwd">``, ``<img src="http://…">``)
	must never make the server read its own files or call a URL. Only ``data:`` URIs and the bundled static
	assets under ``/assets/`` (public files any browser may download) are served; every other scheme and
	path raises :class:`RefusedURL`, and WeasyPrint leaves that resource out.
	"""

	def fetch(url: str, timeout: int = 10, ssl_context: Any = None) -> dict:
		from weasyprint.urls import default_url_fetcher

		if url.startswith("data:"):
			return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
		path = bundled_asset_path(url, assets_root)
		if path is None:
			raise RefusedURL(f"govservice PDFs load no external resource: {url[:80]}")
		with open(path, "rb") as f:
			return {
				"string": f.read(),
				"mime_type": ASSET_TYPES[os.path.splitext(path)[1].lower()],
				"redirected_url": url,
			}

	return fetch


def html_to_pdf(html: str, assets_root: str | None = None) -> bytes:
	"""Render ``html`` to PDF bytes with Noto Sans CJK SC and fast font subsetting.

	Fonts are embedded as subsets, so the text stays selectable and extractable. :data:`CJK_FONT_CSS` is
	added as a user stylesheet. Resources are fetched only through :func:`safe_url_fetcher` (``data:`` URIs
	and the ``/assets/…`` files under ``assets_root``); nothing else is read or requested. Raises
	RuntimeError if the CJK fonts are not installed.
	"""
	from weasyprint import HTML

	_setup()
	check_cjk_fonts()
	font_config, font_css = _thread_resources()
	token = _FAST_SUBSET.set(True)
	try:
		document = HTML(string=html, base_url=BASE_URL, url_fetcher=safe_url_fetcher(assets_root)).render(
			font_config=font_config, stylesheets=[font_css]
		)
		return document.write_pdf()
	finally:
		_FAST_SUBSET.reset(token)
