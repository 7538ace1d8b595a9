// 叫号台: the window officer signs in to a window of their centre, calls the next number (重呼 / 过号 /
// 转窗口 / 开始办理 / 办结), and links the case the service became (govservice.service_hall.calling).
frappe.pages["hall-window"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({
		parent: wrapper,
		title: __("Window Calling"),
		single_column: true,
	});
	const body = $('<div class="gs-hall-window frappe-card p-3"></div>').appendTo(page.main);
	const esc = (value) => frappe.utils.escape_html(value == null ? "" : String(value));
	const method = (name) => `govservice.service_hall.calling.${name}`;
	let state = null;

	const call = (name, args = {}) =>
		frappe
			.call({ method: method(name), args, freeze: true })
			.then((r) => {
				state = r.message;
				if (state.called) {
					frappe.show_alert({ message: esc(state.called.text), indicator: "green" });
				}
				render();
			});

	const sign_in_form = () => {
		const options = state.centres
			.map((c) =>
				c.windows
					.map(
						(w) =>
							`<option value="${esc(JSON.stringify([c.name, w]))}">${esc(c.title)} · ${esc(w)}</option>`
					)
					.join("")
			)
			.join("");
		body.html(`
			<h5>${esc(__("Sign in to a window"))}</h5>
			<p class="text-muted small">${esc(__("Choose the window you serve today; the numbers of its categories are called to it."))}</p>
			${
				options
					? `<select class="form-control gs-window-choice" aria-label="${esc(__("Window"))}">${options}</select>
					<button class="btn btn-primary btn-sm mt-3 gs-sign-in">${esc(__("Sign In to Window"))}</button>`
					: `<p>${esc(__("Your centre has no windows yet."))}</p>`
			}`);
		body.find(".gs-sign-in").on("click", () => {
			const [centre, window] = JSON.parse(body.find(".gs-window-choice").val());
			call("sign_in", { centre, window });
		});
	};

	const render = () => {
		page.clear_primary_action();
		page.clear_secondary_action();
		if (!state.session) {
			sign_in_form();
			return;
		}
		const session = state.session;
		const ticket = state.ticket;
		const waiting = state.waiting
			.map((row) => `<span class="indicator-pill blue mr-2">${esc(row.category)} ${esc(__("{0} waiting", [row.waiting]))}</span>`)
			.join("");
		const sent = state.sent_to_me ? `<span class="indicator-pill orange">${esc(__("{0} sent to this window", [state.sent_to_me]))}</span>` : "";
		let current = `<p class="text-muted gs-no-ticket">${esc(__("No number at your window. Press Call Next."))}</p>`;
		if (ticket) {
			current = `
				<div class="gs-current-ticket">
					<div class="gs-ticket-no" style="font-size: 3rem; font-weight: 700;">${esc(ticket.ticket_no)}</div>
					<p>${esc(ticket.category)} · ${esc(__(ticket.status))} · ${esc(__("called {0} times", [ticket.call_count]))}
					${ticket.appointment ? " · " + esc(__("Appointment")) : ""}</p>
					<div class="gs-ticket-actions"></div>
				</div>`;
		}
		body.html(`
			<div class="d-flex justify-content-between align-items-center">
				<h5 class="gs-session">${esc(session.centre_title)} · ${esc(session.window)}</h5>
				<button class="btn btn-default btn-xs gs-sign-out">${esc(__("Sign Out"))}</button>
			</div>
			<p>${waiting} ${sent}</p>
			<hr>${current}`);
		body.find(".gs-sign-out").on("click", () => call("sign_out"));
		if (!ticket) {
			page.set_primary_action(__("Call Next"), () => call("call_next"));
			return;
		}
		const actions = body.find(".gs-ticket-actions");
		const button = (label, handler, kind = "default") =>
			$(`<button class="btn btn-${kind} btn-sm mr-2 mb-2">${esc(label)}</button>`).on("click", handler).appendTo(actions);
		if (ticket.status === "Called") {
			button(__("Start Service"), () => call("start", { ticket: ticket.name }), "primary");
			button(__("Call Again"), () => call("recall", { ticket: ticket.name }));
			button(__("Pass Number"), () => call("skip", { ticket: ticket.name }));
		} else {
			button(__("Finish Service"), finish, "primary");
		}
		button(__("Send to Another Window"), transfer);
	};

	const finish = () => {
		const dialog = new frappe.ui.Dialog({
			title: __("Finish Service"),
			fields: [
				{
					fieldname: "case",
					fieldtype: "Link",
					options: "GS Case",
					label: __("Case"),
					description: __("The case this service registered or advanced, if any."),
				},
			],
			primary_action_label: __("Finish Service"),
			primary_action: (values) => {
				dialog.hide();
				call("finish", { ticket: state.ticket.name, case: values.case || null });
			},
		});
		dialog.show();
	};

	const transfer = () => {
		const dialog = new frappe.ui.Dialog({
			title: __("Send to Another Window"),
			fields: [
				{
					fieldname: "window",
					fieldtype: "Select",
					options: state.session.windows,
					label: __("Window"),
					reqd: 1,
				},
			],
			primary_action_label: __("Send There"),
			primary_action: (values) => {
				dialog.hide();
				call("transfer", { ticket: state.ticket.name, window: values.window });
			},
		});
		dialog.show();
	};

	page.wrapper.on("show", () => load());
	const load = () =>
		frappe.call({ method: method("desk_state") }).then((r) => {
			state = r.message;
			render();
		});
	load();
	// waiting counts follow the hall (realtime where the server runs it)
	frappe.realtime.on("gs_hall_call", () => state && state.session && !state.ticket && load());
};
