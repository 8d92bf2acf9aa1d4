// @ts-check
// "My OKRs": a quarter's objectives and key results, weekly check-ins, alerts, the 1:1 summary.
// Every figure and every change of the stored document comes from the engine (okr1on1/okr_checkins.py)
// in the worker; this file reads and writes the one localStorage key, draws and listens.
import { trendChart } from "./charts.js";
import { okrCall, onEngineState, restartEngine, startEngine } from "./engine.js";
import { checkinForm, closeForm, confirmDialog, localDay, newId, setupForm } from "./okr-forms.js";
import { download } from "./share.js";
import { admonition, el, formats, retryButton, svg, table, textsOf } from "./ui.js";


/** Progress against time: a bar filled to `progress` with a mark at `expected` (the text says both). */
function progressBar(progress, expected, label) {
  return el(
    "div",
    { class: "okr-okrs__bar" },
    svg(
      "svg",
      { class: "okr-bar", viewBox: "0 0 100 10", preserveAspectRatio: "none", "aria-hidden": "true", focusable: "false" },
      svg("rect", { class: "okr-bar__track", x: 0, y: 0, width: 100, height: 10, rx: 2 }),
      svg("rect", { class: "okr-bar__fill okr-bar__fill--high", x: 0, y: 0, width: progress * 100, height: 10, rx: 2 }),
      svg("line", { class: "okr-okrs__expected", x1: expected * 100, x2: expected * 100, y1: -1, y2: 11 }),
    ),
    el("span", { class: "okr-okrs__bar-label" }, label),
  );
}

export function mountOkrs(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "true";
  const t = textsOf(root);
  const lang = root.dataset.lang;
  const decimal = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const oneDecimal = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" });
  const f = {
    ...formats(lang),
    decimal: (value) => (value === null || value === undefined ? "–" : decimal.format(value)),
    decimal1: (value) => oneDecimal.format(value),
    day: (iso) => day.format(new Date(`${iso}T00:00:00Z`)),
  };
  const key = root.dataset.key;
  root.querySelector(".okr-okrs__empty")?.remove();

  const status = el("p", { class: "okr-survey__status", role: "status" }, t("loading"));
  const message = el("div", { class: "okr-okrs__message", "aria-live": "polite", tabindex: "-1" });
  const notice = el("div", { class: "okr-okrs__notice" }); // entries set aside, shown as long as they are there
  const picker = el("div", { class: "okr-okrs__picker" });
  const panel = el("div", { class: "okr-okrs__panel" });
  const view = el("div", { class: "okr-okrs__view" });
  const files = el("section", { class: "okr-okrs__files", "aria-labelledby": "okr-okrs-files" });
  root.append(status, notice, message, picker, panel, view, files);

  let engineState = "loading";
  let selected = null;
  let info = null;
  const say = (kind, title, text) => {
    message.replaceChildren(admonition(kind, title, el("p", {}, text)));
    message.focus();
  };
  const reasonText = (error) => (error.reason ? t(error.reason, error.values) : String(error?.message ?? error));
  // The storage's own texts say already that nothing changed; the engine's reasons are half a sentence.
  const fail = (error) =>
    say("failure", t("problem_title"), ["save_failed", "storage_unavailable"].includes(error.reason) ? reasonText(error) : t("not_saved", { reason: reasonText(error) }));

  // --- the one localStorage key ---------------------------------------------------------------
  function stored() {
    try {
      return localStorage.getItem(key);
    } catch {
      throw Object.assign(new Error("storage"), { reason: "storage_unavailable", values: {} });
    }
  }
  function write(text) {
    try {
      localStorage.setItem(key, text);
    } catch (error) {
      throw Object.assign(new Error("save"), { reason: "save_failed", values: { error: String(error?.message ?? error) } });
    }
  }
  /** Run an engine change on the stored text and write the answer (one setItem); then draw again. */
  async function change(method, args, done) {
    try {
      const answer = await okrCall(method, stored(), ...args);
      write(typeof answer === "string" ? answer : answer.text);
      panel.replaceChildren();
      await render();
      if (done) say("success", t("saved_title"), done(answer));
      return answer;
    } catch (error) {
      if (error.reason === "week_taken") throw error;
      fail(error);
      return null;
    }
  }

  const button = (label, cls, onClick) => {
    const b = el("button", { type: "button", class: `md-button ${cls}` }, label);
    b.addEventListener("click", onClick);
    return b;
  };

  function openPanel(content) {
    panel.replaceChildren(content);
    content.querySelector("h2")?.focus();
  }

  // --- forms ------------------------------------------------------------------------------------
  function openSetup(definition) {
    const defaults = definition ?? { ...info.this_quarter, id: newId(), objectives: [] };
    openPanel(
      setupForm(defaults, t, info.rules, async (quarter) => {
        selected = quarter.id;
        await change("okr_save_quarter", [quarter], () => t("setup_saved"));
      }, () => panel.replaceChildren()),
    );
  }

  function openCheckin(quarterView) {
    openPanel(
      checkinForm(quarterView, t, async (checkin) => {
        const save = (replace) => change("okr_save_checkin", [selected, checkin, replace], () => t("checkin_saved", { date: f.day(checkin.date) }));
        try {
          await save(false);
        } catch (error) {
          if (await confirmDialog(root, t("replace_title"), t("replace_text", error.values), t("replace_confirm"), t("cancel"))) {
            await save(true).catch(fail);
          }
        }
      }, () => panel.replaceChildren()),
    );
  }

  function openClose(quarterView) {
    openPanel(
      closeForm(quarterView, t, async (grades, lessons, carry) => {
        const next = carry ? newId() : null;
        const answer = await change("okr_close_quarter", [selected, grades, lessons, new Date().toISOString(), next], () =>
          carry && info.quarters.some((q) => q.id === next) ? t("closed_carried", { name: info.quarters.find((q) => q.id === next).name }) : t("closed_saved"),
        );
        if (answer && next && info.quarters.some((q) => q.id === next)) {
          selected = next;
          await render();
        }
      }, () => panel.replaceChildren()),
    );
  }

  async function openSummary() {
    const texts = JSON.parse(root.querySelector(":scope > .okr-survey__texts").textContent);
    let answer;
    try {
      answer = await okrCall("okr_summary", stored(), selected, texts, lang, localDay());
    } catch (error) {
      fail(error);
      return;
    }
    const section = el("section", { class: "okr-okrs__summary", "aria-labelledby": "okr-okrs-summary" }, el("h2", { id: "okr-okrs-summary", tabindex: "-1" }, t("summary_title")));
    if (!answer) {
      section.append(el("p", {}, t("summary_none")), button(t("summary_close"), "", () => panel.replaceChildren()));
      openPanel(section);
      return;
    }
    const body = el("div", { class: "okr-okrs__summary-body" });
    let list = null;
    for (const line of answer.lines) {
      if (line.kind === "item" || line.kind === "alert") {
        list ??= body.appendChild(el("ul", {}));
        list.append(el("li", { class: line.kind === "alert" ? "okr-okrs__alert" : null }, line.kind === "alert" ? el("strong", {}, line.text) : line.text));
        continue;
      }
      if (line.kind === "quote") {
        (list?.lastElementChild ?? body).append(el("blockquote", {}, line.text));
        continue;
      }
      list = null;
      const tag = { title: "h3", heading: "h4" }[line.kind] ?? "p";
      body.append(el(tag, { class: `okr-okrs__line--${line.kind}` }, line.text));
    }
    const printButton = button(t("summary_print"), "md-button--primary okr-okrs__print", () => {
      document.documentElement.classList.add("okr-print-summary");
      addEventListener("afterprint", () => document.documentElement.classList.remove("okr-print-summary"), { once: true });
      print();
    });
    const downloadButton = button(t("summary_download"), "okr-okrs__download", () =>
      download(`okr1on1-summary-${answer.summary.week}.md`, "text/markdown", answer.markdown),
    );
    section.append(el("p", { class: "okr-muted okr-okrs__who" }, t("summary_who")), body, el("div", { class: "okr-okrs__actions" }, printButton, downloadButton, button(t("summary_close"), "", () => panel.replaceChildren())));
    openPanel(section);
  }

  // --- the view ---------------------------------------------------------------------------------
  function alertText(alert, quarterView) {
    const objective = quarterView.objectives.find((o) => o.id === alert.objective);
    const kr = objective?.key_results.find((k) => k.id === alert.key_result);
    return t(`alert_${alert.kind}`, { objective: objective?.title ?? "", key_result: kr?.title ?? "", from: alert.from, to: alert.to, weeks: alert.weeks, projected: f.percent(alert.projected) });
  }

  function krChart(kr) {
    const points = kr.series.map((p) => ({ saved_at: p.monday, mean: p.confidence }));
    const label = t("chart_label", {
      title: kr.title,
      points: kr.series.map((p) => t("chart_point", { week: p.week, confidence: p.confidence, progress: f.percent(p.progress) })).join("; "),
    });
    const chart = trendChart(points, { title: kr.title, scale: { min: 0, max: 10 } }, t, f, {
      label,
      step: 2,
      valueText: f.whole,
      second: kr.series.map((p) => p.progress * 10),
      secondText: (value) => `${t("progress_label")} ${f.percent(value / 10)}`,
    });
    return el("figure", { class: "okr-trend okr-okrs__chart" }, chart, el("figcaption", {}, t("chart_caption")));
  }

  function keyResult(kr) {
    const current = kr.type === "milestone"
      ? (kr.done ? t("done_yes") : t("done_no"))
      : `${f.decimal(kr.value ?? kr.start)} / ${f.decimal(kr.target)}${kr.unit ? ` ${kr.unit}` : ""}`;
    const item = el(
      "li",
      { class: "okr-okrs__kr", "data-key-result": kr.id },
      el("p", { class: "okr-okrs__kr-title" }, el("strong", {}, kr.title)),
      el(
        "p",
        { class: "okr-okrs__kr-facts" },
        current,
        " · ",
        `${t("progress_label")} ${f.percent(kr.progress)}`,
        kr.confidence === null ? null : ` · ${t("confidence_label")} ${kr.confidence}/10`,
        " · ",
        kr.status ? el("span", { class: `okr-okrs__status okr-okrs__status--${kr.status}` }, t(`status_${kr.status}`)) : el("span", { class: "okr-muted" }, t("no_checkin_yet")),
      ),
    );
    if (kr.note) item.append(el("p", { class: "okr-okrs__kr-note" }, `${t("note_label")}: `, el("q", {}, kr.note)));
    if (kr.series.length >= 1) item.append(krChart(kr));
    return item;
  }

  function objective(o, quarterView) {
    const headingId = `okr-okrs-o-${o.id}`;
    const section = el(
      "section",
      { class: "okr-okrs__objective", "data-objective": o.id, "aria-labelledby": headingId },
      el("h3", { id: headingId }, o.title, " ", el("span", { class: `okr-tag okr-okrs__kind okr-okrs__kind--${o.kind}` }, t(`kind_${o.kind}`))),
      progressBar(o.progress, quarterView.expected, t("progress_against_time", { progress: f.percent(o.progress), expected: f.percent(quarterView.expected) })),
    );
    if (quarterView.closed) section.append(el("p", { class: "okr-okrs__grade" }, t("objective_grade", { grade: f.decimal1(o.grade), verdict: t(`verdict_${o.verdict}`) }), o.lesson ? el("br") : null, o.lesson ? el("q", {}, o.lesson) : null));
    section.append(el("ul", { class: "okr-okrs__krs" }, o.key_results.map(keyResult)));
    return section;
  }

  function drawView(quarterView) {
    const q = quarterView.quarter;
    const first = el("div", { class: "admonition question okr-okrs__first" }, el("p", { class: "admonition-title" }, t("first_title")));
    if (quarterView.alerts.length) {
      first.append(el("ul", {}, quarterView.alerts.map((alert) => el("li", { "data-alert": alert.kind }, alertText(alert, quarterView)))), el("p", {}, t("first_follow_up")));
    } else first.append(el("p", {}, t("first_none")));
    const actions = el(
      "div",
      { class: "okr-okrs__actions" },
      // A check-in is for a week of the quarter up to this one: none before it starts, none once closed.
      quarterView.closed || quarterView.elapsed === 0 ? null : button(t("checkin_open"), "md-button--primary okr-okrs__checkin", () => openCheckin(quarterView)),
      button(t("prepare"), "okr-okrs__prepare", openSummary),
      button(t("edit_quarter"), "okr-okrs__edit", () => openSetup(quarterView.definition)),
      quarterView.closed ? null : button(t("close"), "okr-okrs__close", () => openClose(quarterView)),
    );
    const meta = el(
      "p",
      { class: "okr-okrs__meta" },
      `${f.day(q.start)} – ${f.day(q.end)} · `,
      t("elapsed_label", { elapsed: f.percent(quarterView.elapsed) }),
      " · ",
      t("checkins_count", { count: quarterView.checkins.length }),
      q.closed_at ? ` · ${t("closed_on", { date: f.date(q.closed_at) })}` : "",
    );
    const rows = quarterView.checkins.map((c) =>
      el("tr", { "data-week": c.week }, el("td", {}, c.week), el("td", {}, f.date(c.saved_at)), el("td", {}, c.wins), el("td", {}, c.blockers), el("td", {}, c.next)),
    );
    view.replaceChildren(
      el("h2", { id: "okr-okrs-quarter" }, q.name),
      meta,
      actions,
      first,
      ...quarterView.objectives.map((o) => objective(o, quarterView)),
      rows.length ? table(t("weeks_table", { name: q.name }), [[t("week_col")], [t("saved_col")], [t("wins_label")], [t("blockers_label")], [t("next_label")]], rows) : null,
    );
  }

  function drawPicker() {
    const select = el("select", { id: "okr-okrs-pick", class: "okr-okrs__select" }, info.quarters.map((q) => el("option", { value: q.id, selected: q.id === selected }, q.name)));
    select.addEventListener("change", () => {
      selected = select.value;
      panel.replaceChildren();
      render();
    });
    picker.replaceChildren(
      info.quarters.length > 1 ? el("label", { for: "okr-okrs-pick" }, `${t("quarter_label")} `) : null,
      info.quarters.length > 1 ? select : null,
      button(t("new_quarter"), "okr-okrs__new", () => openSetup(null)),
      button(t("delete_quarter"), "okr-okrs__delete-quarter", async () => {
        const name = info.quarters.find((q) => q.id === selected)?.name ?? "";
        if (await confirmDialog(root, t("delete_quarter"), t("delete_quarter_confirm", { name }), t("delete_confirm"), t("cancel"))) {
          await change("okr_delete_quarter", [selected], () => t("deleted"));
        }
      }),
    );
  }

  function drawFiles(canExport) {
    const fileInput = el("input", { type: "file", accept: ".json,application/json", class: "okr-sr okr-okrs__file" });
    const importLabel = el("label", { class: "md-button okr-okrs__import" }, fileInput, t("import"));
    fileInput.addEventListener("change", async () => {
      const file = fileInput.files[0];
      fileInput.value = "";
      if (!file) return;
      try {
        const text = await file.text();
        const answer = await okrCall("okr_merge", stored(), text);
        write(answer.text);
        selected = null;
        await render();
        say("success", t("saved_title"), [t("import_quarters", { count: answer.added_quarters }), t("import_checkins", { count: answer.added_checkins }), answer.skipped ? t("import_skipped", { count: answer.skipped }) : ""].join(" ").trim());
      } catch (error) {
        say("failure", t("problem_title"), t("import_refused", { reason: reasonText(error) }));
      }
    });
    const exportButton = button(t("export"), "okr-okrs__export", async () => {
      try {
        const text = await okrCall("okr_export", stored(), new Date().toISOString()).catch(() => stored());
        download(`okr1on1-okrs-${localDay()}.json`, "application/json", text);
      } catch (error) {
        fail(error);
      }
    });
    exportButton.disabled = !canExport;
    const deleteAll = button(t("delete_all"), "okr-okrs__delete-all", async () => {
      if (!(await confirmDialog(root, t("delete_all"), t("delete_all_confirm"), t("delete_confirm"), t("cancel")))) return;
      try {
        localStorage.removeItem(key);
      } catch (error) {
        fail({ reason: "save_failed", values: { error: String(error?.message ?? error) } });
        return;
      }
      selected = null;
      panel.replaceChildren();
      await render();
      say("success", t("saved_title"), t("deleted"));
    });
    deleteAll.disabled = !canExport;
    files.replaceChildren(el("h2", { id: "okr-okrs-files" }, t("files_title")), el("div", { class: "okr-okrs__actions" }, exportButton, importLabel, deleteAll));
  }

  let generation = 0;
  async function render() {
    if (engineState !== "ready") return;
    const current = ++generation; // a later render wins: an earlier one still waiting for the engine draws nothing
    let text;
    let read;
    try {
      text = stored();
      read = await okrCall("okr_read", text, localDay());
    } catch (error) {
      if (current !== generation) return;
      // Storage off, or a stored text that is not an OKR document: say so; export and delete stay.
      view.replaceChildren(admonition("failure", t("problem_title"), el("p", {}, error.reason === "storage_unavailable" ? t("storage_unavailable") : t("unreadable", { error: reasonText(error) }))));
      picker.replaceChildren();
      drawFiles(error.reason !== "storage_unavailable");
      return;
    }
    if (current !== generation) return;
    info = read;
    drawFiles(text !== null);
    notice.replaceChildren(
      info.set_aside.length ? admonition("warning", t("set_aside_title"), el("p", {}, t("set_aside", { count: info.set_aside.length, error: info.set_aside[0].error }))) : "",
    );
    if (!info.quarters.length) {
      picker.replaceChildren(button(t("new_quarter"), "okr-okrs__new", () => openSetup(null)));
      view.replaceChildren(el("p", { class: "okr-okrs__none" }, t("none_yet")));
      if (!panel.childElementCount) openSetup(null);
      return;
    }
    if (!info.quarters.some((q) => q.id === selected)) selected = info.current;
    drawPicker();
    try {
      const quarterView = await okrCall("okr_view", text, selected, localDay());
      if (current === generation) drawView(quarterView);
    } catch (error) {
      view.replaceChildren(admonition("failure", t("problem_title"), el("p", {}, reasonText(error))));
    }
  }

  addEventListener("storage", (event) => {
    if (event.key === key || event.key === null) render();
  });
  startEngine();
  onEngineState((state, detail) => {
    engineState = state;
    root.dataset.engine = state;
    status.classList.toggle("okr-survey__status--failed", state === "failed");
    status.textContent = state === "loading" ? t("loading") : state === "ready" ? t("ready") : t("engine_failed", { error: t(detail) });
    if (state === "failed") status.append(" ", retryButton(t, restartEngine));
    render();
  });
}
