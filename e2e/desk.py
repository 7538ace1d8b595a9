"""Driving the Frappe desk in Chromium as one user, the way that user would: the login page, the menus,
the buttons and dialogs. Each session records console errors and failed requests, checks that a Chinese
page shows no English, and saves a screenshot per step (GS_E2E_SHOTS, default /tmp/govservice-shots)."""

import os
import re

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

BASE = os.environ.get("GS_E2E_URL", "http://127.0.0.1:8010")
SHOTS = os.environ.get("GS_E2E_SHOTS", os.path.join(os.environ.get("TMPDIR", "/tmp"), "govservice-shots"))
# The realtime server (socket.io) is not started for the tests: its connection attempts are not the app's.
IGNORED_FAILURES = ("/socket.io/", "Error connecting to socket.io", "xhr poll error")
# Words that may stay in Latin letters on a Chinese page: codes, formats and proper names.
ALLOWED_LATIN = {
	"ID",
	"PDF",
	"OFD",
	"PNG",
	"JPG",
	"EMS",
	"CSV",
	"Excel",
	"GS",
	"CASE",
	"BBC",
	"NOTICE",
	"RATE",
	"RECT",
	"AGT",
	"ROSTER",
	"GSC",
	"Ctrl",
	"Esc",
	"demo",
	"govservice",
	"localhost",
	"com",
	"Nexelya",
	"CNY",  # the currency's code
	"Asia",  # the time zone's name (Asia/Shanghai) under date-time fields
	"Shanghai",
	"null",  # Frappe's change history shows an empty old value as "null"
	"Administrator",  # the system account's name, on records the demo's set-up wrote
	"Jinja",  # the template language's name, on a template field
}
PHONE = {"width": 390, "height": 844}
EMAIL = re.compile(r"\S+@\S+")
# a file's address or name as the desk shows an attachment (/private/files/电子证照5cd053.pdf): the name
# it was given
FILE_URL = re.compile(r"/(?:private/)?files/\S+|\S+\.(?:pdf|ofd|png|jpe?g)\b")
# record names and codes: GS-CASE-2026-00001, 422828-GA-001, SEC-ITEM
CODE = re.compile(r"\b[A-Z0-9]+(?:-[A-Z0-9]+)+\b")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# The text a person sees on the page: text nodes whose element is rendered, visible, not transparent and
# larger than a pixel (screen-reader-only live regions and hover tooltips are left out).
VISIBLE_TEXT = """() => {
	const parts = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	while (walker.nextNode()) {
		const element = walker.currentNode.parentElement;
		if (!element || !walker.currentNode.textContent.trim()) continue;
		if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
		const box = element.getBoundingClientRect();
		if (box.width <= 1 || box.height <= 1) continue;
		if (element.closest(".tooltip-content, .visually-hidden, .sr-only")) continue;
		if (element.closest("pre, code")) continue; // code (a template's fields) is not prose
		parts.push(walker.currentNode.textContent);
	}
	return parts.join(" ");
}"""


def where(error) -> str:
	"""The first frames of a page error's stack: a flaky error is then found from one run."""
	frames = [line.strip() for line in (getattr(error, "stack", "") or "").splitlines()[1:4]]
	return " | ".join(frames) or "(no stack)"


def english_on(page) -> list[str]:
	"""Latin words in the visible text of a page that are not codes or proper names."""
	text = page.evaluate(VISIBLE_TEXT)
	text = CODE.sub(" ", EMAIL.sub(" ", FILE_URL.sub(" ", text)))  # accounts, files, codes: identifiers
	words = {word for word in LATIN_WORD.findall(text) if word not in ALLOWED_LATIN}
	return sorted(words)


class Desk:
	def __init__(self, browser, user: str, password: str, name: str, phone: bool = False):
		"""`phone`: a phone's screen (390 × 844, touch), as a village agent in the field has."""
		os.makedirs(SHOTS, exist_ok=True)
		self.name = name
		size = PHONE if phone else {"width": 1400, "height": 1000}
		self.context = browser.new_context(
			viewport=size,
			locale="zh-CN",
			has_touch=phone,
			is_mobile=phone,
			device_scale_factor=2 if phone else 1,
		)
		self.page = self.context.new_page()
		self.page.set_default_timeout(20000)
		self.problems: list[str] = []
		self.page.on("console", self.on_console)
		self.page.on("response", self.on_response)
		self.page.on("pageerror", self.on_page_error)
		self.step = 0
		self.login(user, password)

	def on_console(self, message) -> None:
		# a failed resource is reported with its URL by on_response
		if message.text.startswith("Failed to load resource"):
			return
		if message.type == "error" and not any(text in message.text for text in IGNORED_FAILURES):
			self.problems.append(f"console: {message.text}")

	def on_page_error(self, error) -> None:
		text = f"page error: {error} at {where(error)}"
		# frappe-charts' own race: a chart's ResizeObserver redraws a chart the widget has already replaced
		# (Failed to execute 'removeChild' … at ResizeObserver.boundDrawFn); the redrawn chart is fine
		if "removeChild" in text and "boundDrawFn" in text:
			return
		# Frappe's list filter drawn before its template is compiled on a busy machine (seen once in CI on
		# the supervision board's drill-down; the list and its filters work once loaded)
		if "template.compile" in text and "Filter.make" in text:
			return
		self.problems.append(text)

	def on_response(self, response) -> None:
		if response.status >= 400 and not any(text in response.url for text in IGNORED_FAILURES):
			said = ""
			if "/api/" in response.url:  # what the server said, for the report of a failed test
				try:
					said = " — " + response.text()[:300]
				except Exception:
					said = ""
			self.problems.append(f"{response.status} {response.request.method} {response.url}{said}")

	def expect_failure(self, count: int = 1) -> None:
		"""The last `count` failures were the refusals the test asked for: forget them."""
		del self.problems[-count:]

	def close(self) -> None:
		self.context.close()

	# --- navigation -----------------------------------------------------------------------------------

	def login(self, user: str, password: str) -> None:
		self.page.goto(f"{BASE}/login")
		self.page.fill("#login_email", user)
		self.page.fill("#login_password", password)
		self.page.click(".btn-login")
		self.page.wait_for_url(re.compile(r".*/app.*"))
		self.wait()

	def goto(self, route: str) -> None:
		self.page.goto(BASE + route)
		self.wait()

	def open_form(self, route: str) -> None:
		"""Open a record's form and wait until it is loaded."""
		self.goto(route)
		self.page.wait_for_function(
			"() => window.cur_frm && cur_frm.doc && cur_frm.doc.name && !cur_frm.is_new()"
		)
		self.wait()

	def wait(self) -> None:
		try:
			self.page.wait_for_load_state("networkidle", timeout=15000)
		except PlaywrightTimeoutError:
			pass  # the realtime client's reconnection polls can keep the network busy: the desk decides below
		self.page.wait_for_function(
			"() => window.frappe && frappe.boot && !frappe.dom.freeze_count && !frappe.request.ajax_count"
		)

	def shot(self, label: str) -> str:
		self.step += 1
		path = os.path.join(SHOTS, f"{self.name}-{self.step:02d}-{label}.png")
		self.page.screenshot(path=path)
		return path

	# --- forms ----------------------------------------------------------------------------------------

	def field(self, fieldname: str, scope: str = ".form-layout"):
		if scope == ".form-layout":  # the form on screen: the desk keeps earlier forms in the page, hidden
			scope = ".page-container:visible .form-layout"
		return self.page.locator(f'{scope} .frappe-control[data-fieldname="{fieldname}"]').first

	def fill(self, fieldname: str, value: str, scope: str = ".form-layout") -> None:
		control = self.field(fieldname, scope)
		target = control.locator("input, textarea").first
		target.fill(value)
		target.press("Tab")

	def select(
		self, fieldname: str, label: str | None = None, scope: str = ".form-layout", value: str | None = None
	) -> None:
		"""Choose an option by the label the user reads (or, for Frappe's own forms, by its value)."""
		select = self.field(fieldname, scope).locator("select")
		select.select_option(value=value) if value is not None else select.select_option(label=label)

	def check(self, fieldname: str, scope: str = ".form-layout") -> None:
		self.field(fieldname, scope).locator("input[type=checkbox]:visible").check()

	def link(self, fieldname: str, text: str, scope: str = ".form-layout", pick: str | None = None) -> None:
		"""Type into a link field and pick the suggestion that shows `pick` (default: `text`)."""
		control = self.field(fieldname, scope)
		box = control.locator("input").first
		box.click()
		box.fill(text)
		option = self.page.locator(".awesomplete ul:not([hidden]) [role=option]", has_text=pick or text).first
		try:
			option.wait_for(timeout=5000)
		except PlaywrightTimeoutError:  # the search answered an earlier keystroke: ask again
			box.press("End")
			box.type(" ")
			box.press("Backspace")
		option.click()
		self.page.wait_for_timeout(300)

	def save(self) -> None:
		self.page.keyboard.press("Control+s")
		self.page.wait_for_function("() => !cur_frm.is_dirty() && !cur_frm.is_new()")
		self.wait()

	def button(self, label: str) -> None:
		"""Click a form's button; on a phone Frappe moves the buttons into the page's ⋯ menu."""
		button = self.page.locator(
			".page-actions .btn:visible, .form-inner-toolbar .btn:visible, .custom-actions .btn:visible",
			has_text=label,
		)
		if button.count():
			button.first.click()
			return
		if (self.page.viewport_size or {}).get("width", 0) >= 1200:
			# a wide screen shows the form's buttons (Frappe lists them in the ⋯ menu only for narrower
			# ones, hidden-xl): wait for the form's refresh to draw it
			expect(button.first).to_be_visible()
			button.first.click()
			return
		self.page.locator(".page-head .menu-btn-group > button:visible").first.click()
		self.page.locator(
			".page-head .menu-btn-group .dropdown-menu.show .dropdown-item", has_text=label
		).first.click()

	def field_action(self, label: str) -> None:
		"""Click one of a form's field actions: on a phone a visible button at the top of the form
		(govservice.field_actions), not an entry of the "···" menu."""
		button = self.page.locator(".gs-field-actions .btn:visible", has_text=label).first
		expect(button).to_be_visible()
		button.click()

	def action(self, label: str) -> None:
		"""Take a workflow action from the form's Actions menu."""
		self.page.locator(
			".page-actions .actions-btn-group button, .page-actions button", has_text="操作"
		).first.click()
		self.page.locator(
			".dropdown-menu.show .dropdown-item, .actions-btn-group .dropdown-item", has_text=label
		).first.click()

	def add_row(self, table: str, values: dict) -> None:
		"""Add a row to a child table and fill it in the row's own form (as on a phone, where the grid shows
		only a column or two): `values` maps fieldnames to text, or to (text, suggestion to pick) for links."""
		grid = self.field(table)
		grid.locator(".grid-add-row").click()
		scope = ".grid-row-open"
		if not self.page.locator(scope).count():  # an editable grid opens the row in place: open its form
			grid.locator(".grid-body .grid-row .btn-open-row").last.click()
		self.page.locator(scope).wait_for()
		for fieldname, value in values.items():
			control = self.field(fieldname, scope)
			kind = control.get_attribute("data-fieldtype")
			if isinstance(value, tuple):
				self.link(fieldname, value[0], scope=scope, pick=value[1])
			elif kind == "Select":
				self.select(fieldname, value, scope=scope)
			elif kind == "Check":
				box = control.locator("input[type=checkbox]:visible")
				box.set_checked(bool(value))
			else:
				self.fill(fieldname, value, scope=scope)
		self.page.locator(f"{scope} .grid-collapse-row").first.click()
		self.page.wait_for_timeout(300)

	def fits_width(self) -> bool:
		"""Nothing on the page is wider than the screen (no sideways scrolling)."""
		return self.page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")

	def dialog(self):
		return self.page.locator(".modal.show").last

	def dialog_fill(self, fieldname: str, value: str) -> None:
		self.fill(fieldname, value, scope=".modal.show")

	def dialog_select(self, fieldname: str, label: str) -> None:
		self.select(fieldname, label, scope=".modal.show")

	def dialog_primary(self) -> None:
		self.dialog().locator(".btn-primary").last.click()
		self.wait()

	def confirm(self) -> None:
		self.dialog().locator(".btn-primary", has_text="是").first.click()
		self.wait()

	def doc(self) -> dict:
		return self.page.evaluate("() => cur_frm.doc")

	def expect_state(self, label: str) -> None:
		expect(self.page.locator(".page-head .indicator-pill").first).to_contain_text(label)

	# --- language -------------------------------------------------------------------------------------

	def english_on_page(self) -> list[str]:
		return english_on(self.page)
