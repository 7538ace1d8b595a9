// 双重考核: a township's supervisor scores the department staff stationed in the township, a department's
// contact or leader in charge scores the department's own staff; each sees their rows only
// (govservice.supervision.stationed). The supervisory department reads every row here and edits them on the
// assessment itself.
frappe.pages["stationed-staff"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({
		parent: wrapper,
		title: __("Stationed Staff Scores"),
		single_column: true,
	});
	const body = $('<div class="gs-stationed frappe-card p-3"></div>').appendTo(page.main);
	const esc = (value) => frappe.utils.escape_html(value == null ? "" : String(value));
	let state = null;

	const score_cell = (row, side) => {
		const value = row[`${side}_score`];
		if (state.status !== "Draft" || !row.sides.includes(side)) {
			return esc(value == null ? "—" : value);
		}
		return `<input type="number" class="form-control input-xs" min="0" max="100" step="1"
			data-row="${esc(row.row)}" data-side="${esc(side)}" value="${esc(value == null ? "" : value)}"
			aria-label="${esc(side === "township" ? __("Township's Score") : __("Department's Score"))}">`;
	};

	const render = () => {
		if (!state.assessment) {
			body.html(`<p class="text-muted">${esc(__("No township assessment has been opened yet."))}</p>`);
			page.clear_primary_action();
			return;
		}
		const heading = __("Township assessment of {0}, quarter {1}", [state.year, state.quarter]);
		const status = state.status === "Draft" ? __("Draft: scores can be given") : __("Published: the scores do not change");
		const rows = state.rows
			.map(
				(row) => `<tr data-row="${esc(row.row)}">
					<td>${esc(row.staff_name)}</td><td>${esc(row.department)}</td><td>${esc(row.township)}</td>
					<td>${score_cell(row, "township")}</td><td>${score_cell(row, "department")}</td>
					<td class="gs-total">${esc(row.total_score == null ? "—" : row.total_score)}</td>
				</tr>`
			)
			.join("");
		body.html(`
			<h5>${esc(heading)}</h5>
			<p class="text-muted small">${esc(status)} · ${esc(__("A score is a whole number from 0 to 100; the total weighs the township's and the department's scores as the administrator set."))}</p>
			${
				state.rows.length
					? `<table class="table table-bordered gs-stationed-table">
						<thead><tr><th>${esc(__("Staff Name"))}</th><th>${esc(__("Department"))}</th>
						<th>${esc(__("Township"))}</th><th>${esc(__("Township's Score"))}</th>
						<th>${esc(__("Department's Score"))}</th><th>${esc(__("Total Score"))}</th></tr></thead>
						<tbody>${rows}</tbody></table>`
					: `<p class="text-muted">${esc(__("None of the stationed staff is yours to score."))}</p>`
			}`);
		const editable = state.status === "Draft" && state.rows.some((row) => row.sides.length);
		if (editable) {
			page.set_primary_action(__("Save Scores"), save);
		} else {
			page.clear_primary_action();
		}
	};

	const save = () => {
		const scores = [];
		body.find("input[data-row]").each(function () {
			const row = state.rows.find((r) => r.row === this.dataset.row);
			const before = row[`${this.dataset.side}_score`];
			const value = this.value === "" ? null : this.value;
			if (String(before == null ? "" : before) !== String(value == null ? "" : value)) {
				scores.push({ row: this.dataset.row, side: this.dataset.side, score: value });
			}
		});
		if (!scores.length) {
			frappe.show_alert({ message: __("No score was changed."), indicator: "orange" });
			return;
		}
		frappe
			.call({
				method: "govservice.supervision.stationed.score_stationed",
				args: { name: state.assessment, scores },
				freeze: true,
			})
			.then(({ message }) => {
				frappe.show_alert({ message: __("{0} scores saved.", [message]), indicator: "green" });
				load();
			});
	};

	const load = () =>
		frappe.call("govservice.supervision.stationed.stationed_rows").then(({ message }) => {
			state = message;
			render();
		});

	page.add_inner_button(__("Refresh"), load);
	load();
};
