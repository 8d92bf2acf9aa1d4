// @ts-check
// The survey widget: enhances the server-rendered form, scores in the worker, saves on request.
// Over 200 lines, to be split: the form, its result and saving are still one closure.
import { distanceView, shareBar, valueBar } from "./charts.js";
import { onEngineProgress, onEngineState, restartEngine, score, startEngine } from "./engine.js";
import { shareDialog } from "./share.js";
import { Refused, StorageProblem, addResults, newResult, storageAvailable } from "./storage.js";
import { admonition, el, formats, retryButton, siteUrl, table, textsOf } from "./ui.js";

function kpi(label, value, unit, extraClass = "") {
  return el("div", { class: `okr-kpi ${extraClass}` }, el("span", { class: "okr-kpi__label" }, label), el("span", { class: "okr-kpi__value" }, value), unit ? el("span", { class: "okr-kpi__unit" }, unit) : null);
}

/** The results view of one `score` result (the engine's unrounded numbers, rounded here for display). */
function resultView(spec, result, t, f) {
  const { scale } = spec;
  const statementText = Object.fromEntries(spec.statements.map((s) => [s.id, s.text]));
  const heading = el("h3", { class: "okr-results__title", tabindex: "-1" }, t("results_title"));
  const answered = el("p", { class: "okr-results__answered" }, t("answered_count", { n: result.n, count: result.n + result.skipped }));

  const kpis = el(
    "div",
    { class: "okr-kpis" },
    kpi(t("mean"), f.number(result.mean), t("of_max", { max: scale.max }), "okr-kpi--mean"),
    kpi(t("index"), f.number(result.index), t("of_max", { max: 100 }), "okr-kpi--index"),
    kpi(t("band"), result.band ?? "–", null, `okr-kpi--band okr-kpi--${result.tone ?? "mid"}`),
  );

  const statementRows = result.per_statement.map((item, i) =>
    el(
      "tr",
      { "data-statement": item.id, class: item.value === null ? "okr-row--skipped" : null },
      el("td", {}, el("span", { class: "okr-muted" }, `${i + 1}. `), statementText[item.id]),
      el("td", { class: "okr-num" }, item.value === null ? t("not_answered") : f.whole(item.value)),
      el("td", { class: "okr-barcell" }, valueBar(item.value, scale, item.tone)),
    ),
  );
  const tagRows = Object.entries(result.by_tag).map(([tag, mean]) =>
    el(
      "tr",
      { "data-tag": tag },
      el("td", {}, spec.tag_labels?.[tag] ?? tag),
      el("td", { class: "okr-num" }, mean === null ? t("not_answered") : f.number(mean)),
      el("td", { class: "okr-barcell" }, valueBar(mean, scale, result.by_tag_tone?.[tag])),
    ),
  );

  const focus = result.focus.length
    ? [
        el("p", {}, t("focus_intro")),
        ...result.focus.map((item) =>
          admonition(
            "question okr-focus",
            `${statementText[item.id] ?? item.text} (${t("focus_score", { value: f.whole(item.value) })})`,
            el("ul", {}, item.follow_up.map((prompt) => el("li", {}, prompt))),
          ),
        ),
      ]
    : [el("p", { class: "okr-focus--none" }, t("focus_none"))];

  return [
    heading,
    answered,
    kpis,
    el("p", { class: "okr-results__index-note okr-muted" }, t("index_note", { min: scale.min, max: scale.max })),
    ...(spec.split ? [el("h4", {}, t("shares_title")), shareBar(result, t, f)] : [distanceView(result, scale, t, f)]),
    table(t("statements_title"), [[t("statement_col")], [t("score_col"), true], [el("span", { class: "okr-sr" }, t("bar_col"))]], statementRows),
    Object.keys(result.by_tag).length
      ? table(t("tags_title"), [[t("tag_col")], [t("mean_col"), true], [el("span", { class: "okr-sr" }, t("bar_col"))]], tagRows)
      : null,
    el("h4", {}, t("focus_title")),
    ...focus,
  ];
}

export function mountSurvey(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "true";
  const spec = JSON.parse(root.querySelector(":scope > .okr-survey__spec").textContent);
  const t = textsOf(root);
  const f = formats(root.dataset.lang);
  const status = root.querySelector(".okr-survey__status");
  const form = root.querySelector(".okr-survey__form");
  const results = root.querySelector(".okr-survey__results");
  const notice = el("div", { class: "okr-survey__notice", role: "alert" });
  form.after(notice);
  root.querySelector(".okr-survey__actions").hidden = false;
  const fieldsets = new Map([...form.querySelectorAll("fieldset.okr-statement")].map((fs) => [fs.dataset.statement, fs]));
  let scored = null; // {answers} the shown result was scored from
  const openShare = shareDialog(root, t);

  // How far the engine's start is, in the status line (its room kept from the first paint: widget.css) and,
  // once Score is pressed before it is ready, beside the button: a bar and "n of m MB". They change four
  // times a second: hidden from screen readers, which hear each phase once from the status text.
  const meter = () =>
    el("span", { class: "okr-survey__meter", "aria-hidden": "true" }, el("progress", { class: "okr-survey__bar", max: "1", value: "0" }), el("span", { class: "okr-survey__bytes" }));
  const statusText = el("span", { class: "okr-survey__status-text" }, status.textContent);
  const loadingMeter = meter();
  status.replaceChildren(statusText, loadingMeter);
  const waiting = el("p", { class: "okr-survey__waiting", role: "status", hidden: "" });
  const waitingText = el("span");
  waiting.append(waitingText, " ", meter());
  root.querySelector(".okr-survey__actions").append(waiting);
  let phase = "download";
  const mb = (bytes) => f.number(bytes / 1_000_000);
  onEngineProgress((report) => {
    for (const shown of root.querySelectorAll(".okr-survey__meter")) {
      const bar = shown.querySelector("progress");
      if (report.phase === "start") bar.removeAttribute("value"); // Python starts: no bytes to count
      else Object.assign(bar, { max: report.total, value: report.loaded });
      shown.querySelector(".okr-survey__bytes").textContent =
        report.phase === "start" ? t("engine_python") : t("engine_bytes", { loaded: mb(report.loaded), total: mb(report.total) });
    }
    if (report.phase !== phase) {
      phase = report.phase;
      if (root.dataset.engine === "loading" && waiting.hidden) statusText.textContent = t(phase === "start" ? "engine_starting" : "engine_loading");
    }
  });

  startEngine();
  let prepared = false;
  onEngineState((state, detail) => {
    root.dataset.engine = state;
    if (state === "ready" && !prepared) {
      prepared = true;
      setTimeout(f.prepare, 0); // the results view's number formats, made before the first Score
    }
    if (state !== "loading") waiting.hidden = true;
    status.classList.toggle("okr-survey__status--failed", state === "failed");
    statusText.textContent = state === "loading" ? t(phase === "start" ? "engine_starting" : "engine_loading") : state === "ready" ? t("engine_ready") : t("engine_failed", { error: t(detail) });
    if (state === "failed") statusText.append(" ", retryButton(t, restartEngine));
  });

  const answers = () => {
    const given = {};
    for (const [id, fieldset] of fieldsets) {
      const checked = fieldset.querySelector("input[type=radio]:checked");
      if (checked) given[id] = Number(checked.value);
    }
    return given;
  };
  const notes = () => {
    const given = {};
    for (const [id, fieldset] of fieldsets) {
      const note = fieldset.querySelector("textarea")?.value.trim();
      if (note) given[id] = note;
    }
    return given;
  };

  function showMissing(missing, noneAnswered) {
    notice.replaceChildren();
    for (const [id, fieldset] of fieldsets) fieldset.classList.toggle("okr-statement--missing", missing.includes(id));
    if (!missing.length) return;
    const links = missing.map((id) => {
      const fieldset = fieldsets.get(id);
      const label = `${fieldset.querySelector(".okr-statement__number")?.textContent ?? ""} ${fieldset.querySelector(".okr-statement__text")?.textContent ?? id}`;
      const link = el("a", { href: `#${fieldset.id}` }, label.trim());
      link.addEventListener("click", (event) => {
        event.preventDefault();
        fieldset.scrollIntoView({ block: "center" });
        fieldset.querySelector("input[type=radio]")?.focus();
      });
      return el("li", {}, link);
    });
    notice.append(
      admonition(
        noneAnswered ? "failure" : "warning",
        noneAnswered ? t("none_answered_title") : t("unanswered_title", { count: missing.length }),
        el("p", {}, noneAnswered ? t("none_answered") : t("unanswered_intro")),
        noneAnswered ? null : el("ul", { class: "okr-survey__missing" }, links),
      ),
    );
  }

  function saveArea() {
    const area = el("div", { class: "okr-save" });
    const message = el("p", { class: "okr-save__message", role: "status" });
    if (!storageAvailable()) {
      message.textContent = t("storage_unavailable");
      message.classList.add("okr-save__message--problem");
      area.append(message);
      return area;
    }
    const button = el("button", { type: "button", class: "md-button md-button--primary okr-save__button" }, t("save"));
    button.addEventListener("click", async () => {
      const record = newResult(spec, scored.answers, notes());
      button.disabled = true; // one result per click: the engine checks and builds the new document meanwhile
      try {
        await addResults([record], [spec]);
      } catch (error) {
        button.disabled = false;
        if (!(error instanceof StorageProblem || error instanceof Refused)) throw error;
        message.classList.add("okr-save__message--problem");
        if (error instanceof StorageProblem) message.textContent = t(error.reason, { error: error.detail });
        else if (error.reason === "storage_unreadable") message.textContent = t("storage_unreadable", { problem: t(error.values.problem, error.values) });
        else message.textContent = t("save_refused", { reason: t(error.values.problem ?? error.reason, error.values) });
        return;
      }
      button.disabled = true;
      button.textContent = t("saved_button");
      message.classList.remove("okr-save__message--problem");
      message.replaceChildren(`${t("saved", { date: f.date(record.saved_at) })} `, el("a", { href: siteUrl("results/") }, t("see_results")));
    });
    area.append(el("p", { class: "okr-save__intro" }, t("save_intro")), button, message);
    return area;
  }

  function shareArea() {
    const message = el("p", { class: "okr-share__message", role: "status" });
    const button = el("button", { type: "button", class: "md-button okr-share__open" }, t("share_open"));
    button.addEventListener("click", () => openShare(spec, scored.answers, (file) => (message.textContent = t("share_done", { file }))));
    return el("div", { class: "okr-share" }, el("p", { class: "okr-share__intro" }, t("share_offer")), button, message);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const given = answers();
    const missing = [...fieldsets.keys()].filter((id) => !(id in given));
    const noneAnswered = missing.length === fieldsets.size;
    showMissing(missing, noneAnswered);
    if (noneAnswered) {
      results.hidden = true;
      return;
    }
    // Pressed before the engine is ready: said beside the button, and the result follows by itself.
    if (root.dataset.engine === "loading") {
      if (!waiting.hidden) return; // already waiting to score (the answers are read again then)
      waitingText.textContent = statusText.textContent = t("scoring_waits");
      waiting.hidden = false;
      try {
        await new Promise((resolve, reject) => {
          const stop = onEngineState((state) => {
            if (state === "loading") return;
            queueMicrotask(() => stop());
            (state === "ready" ? resolve : reject)();
          });
        });
      } catch {
        waiting.hidden = true;
        return; // the status line says why and offers Try again
      }
      waiting.hidden = true;
      form.requestSubmit();
      return;
    }
    let result;
    try {
      result = await score(spec, given);
    } catch (error) {
      notice.append(admonition("failure", t("score_failed_title"), el("p", {}, t("score_failed", { error: error.message }))));
      return;
    }
    scored = { answers: given };
    results.replaceChildren(...resultView(spec, result, t, f).filter(Boolean), saveArea(), shareArea());
    results.hidden = false;
    results.classList.remove("okr-survey__results--stale");
    // Keyboard focus goes to the result; the view starts at the notice about unanswered statements, if any.
    results.querySelector(".okr-results__title").focus({ preventScroll: true });
    (notice.firstChild ? notice : results).scrollIntoView({ block: "start" });
  });

  form.addEventListener("change", (event) => {
    const fieldset = event.target.closest("fieldset.okr-statement");
    if (event.target.type === "radio" && fieldset) {
      fieldset.classList.remove("okr-statement--missing");
      if (scored && !results.hidden && !results.classList.contains("okr-survey__results--stale")) {
        results.classList.add("okr-survey__results--stale");
        for (const button of results.querySelectorAll(".okr-save__button, .okr-share__open")) button.disabled = true;
        results.prepend(el("p", { class: "okr-survey__stale", role: "status" }, t("stale")));
      }
    }
  });
}
