"""Where a page may send a browser after logging in: a path of this site, never another host. No Frappe."""


def safe_redirect(target: str | None) -> str:
	"""`target` when it is a path on this site, else My Requests (an open redirect would let a phishing link
	borrow the county's log-in page)."""
	target = (target or "").strip()
	# browsers drop tabs and line breaks inside URLs and read a backslash as a slash: "/\t/evil" is "//evil"
	cleaned = "".join(char for char in target if not (char.isspace() or ord(char) < 32)).replace("\\", "/")
	if not target.startswith("/") or cleaned.startswith("//") or cleaned != target:
		return "/my-requests"
	return target
