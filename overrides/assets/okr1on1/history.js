// "My results": saved results per survey, trend of the mean, change, export/import, delete all.
// Every number comes from the engine in the worker (score and compare); this file only draws.
import { tone, trendChart } from "./charts.js";
import { compare, onEngineState, readResultsFile, resultsWorkbook, score, startEngine } from "./engine.js";
import { download, shareDialog } from "./share.js";
import { KEY, Refused, StorageProblem, clearResults, exportDocument, mergeResults, readResults } from "./storage.js";
import { admonition, el, formats, siteUrl, table, textsOf } from "./ui.js";

// A failed write during an import says so in import words (the save texts speak of a result above).
const IMPORT_REASONS = { save_failed: "import_failed", save_failed_quota: "import_failed_quota" };

/** A CSV cell: quoted when needed; text that a spreadsheet would run as a formula gets a leading '. */
function csvCell(value, isText = false) {
  let text = value === null || value === undefined ? "" : String(value);
  if (isText && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The answers a spec still knows (a statement removed in a newer survey version is left out). */
function knownAnswers(spec, answers) {
  const ids = new Set(spec.statements.map((s) => s.id));
  return Object.fromEntries(Object.entries(answers).filter(([id]) => ids.has(id)));
}

function changeText(value, f, whole = false) {
  return el("span", { class: `okr-change okr-change--${value > 0 ? "up" : value < 0 ? "down" : "same"}` }, whole ? f.signedWhole(value) : f.signed(value));
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** "Export (Excel)": the engine writes the workbook (okr1on1.results_sheet) from the saved results and
 *  the page's texts; this only hands them over and saves the bytes. Enabled whenever the CSV button is. */
function workbookButton(root, csvButton, specs, t, say) {
  const button = el("button", { type: "button", class: "md-button okr-history__export-xlsx" }, t("export_xlsx"));
  let ready = false;
  onEngineState((state) => {
    ready = state === "ready";
  });
  const follow = () => {
    button.disabled = csvButton.disabled;
  };
  new MutationObserver(follow).observe(csvButton, { attributes: true, attributeFilter: ["disabled"] });
  follow();
  button.addEventListener("click", async () => {
    if (!ready) {
      say("warning", t("export_xlsx"), t("xlsx_needs_engine"));
      return;
    }
    try {
      const texts = JSON.parse(root.querySelector(":scope > .okr-survey__texts").textContent);
      const { base64 } = await resultsWorkbook(readResults(specs), [...specs.values()], texts);
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      download(`okr1on1-results-${new Date().toISOString().slice(0, 10)}.xlsx`, XLSX_TYPE, bytes);
    } catch (error) {
      if (error instanceof StorageProblem) say("failure", t("storage_problem_title"), t(error.reason, { error: error.detail }));
      else say("failure", t("export_xlsx"), String(error?.message ?? error));
    }
  });
  return button;
}

export function mountHistory(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "true";
  const specList = JSON.parse(root.querySelector(":scope > .okr-history__specs").textContent);
  const specs = new Map(specList.map((spec) => [spec.id, spec]));
  const t = textsOf(root);
  const f = formats(root.dataset.lang);
  root.querySelector(".okr-history__empty")?.remove();

  const status = el("p", { class: "okr-survey__status", role: "status" }, t("history_loading"));
  const message = el("div", { class: "okr-history__message", "aria-live": "polite", tabindex: "-1" });
  const button = (label, extra = "") => el("button", { type: "button", class: `md-button ${extra}` }, label);
  const exportJson = button(t("export_json"), "okr-history__export-json");
  const exportCsv = button(t("export_csv"), "okr-history__export-csv");
  const fileInput = el("input", { type: "file", accept: ".json,application/json", class: "okr-history__file okr-sr" });
  const importLabel = el("label", { class: "md-button okr-history__import" }, fileInput, t("import_json"));
  const deleteAll = button(t("delete_all"), "okr-history__delete");
  const toolbar = el("div", { class: "okr-history__toolbar" }, exportJson, exportCsv, importLabel, deleteAll);
  const list = el("div", { class: "okr-history__surveys" });

  const confirmDelete = button(t("delete_confirm"), "md-button--primary okr-dialog__confirm");
  const cancelDelete = button(t("cancel"), "okr-dialog__cancel");
  const dialogText = el("p", {});
  const dialog = el(
    "dialog",
    { class: "okr-dialog md-typeset", "aria-labelledby": "okr-dialog-title" },
    el("h2", { id: "okr-dialog-title" }, t("delete_confirm_title")),
    dialogText,
    el("div", { class: "okr-dialog__actions" }, cancelDelete, confirmDelete),
  );
  root.append(status, toolbar, message, list, dialog);
  const openShare = shareDialog(root, t);

  const say = (kind, title, text) => message.replaceChildren(admonition(kind, title, el("p", {}, text)));
  exportCsv.after(workbookButton(root, exportCsv, specs, t, say));
  let engineState = "loading";
  let generation = 0;

  async function scoreAll(results) {
    return Promise.all(
      results.map((result) => {
        const spec = specs.get(result.survey);
        if (!spec || engineState !== "ready") return null;
        return score(spec, knownAnswers(spec, result.answers)).catch(() => null);
      }),
    );
  }

  async function render() {
    const current = ++generation;
    let results;
    try {
      results = readResults(specs);
    } catch (error) {
      if (!(error instanceof StorageProblem)) throw error;
      list.replaceChildren(admonition("failure", t("storage_problem_title"), el("p", {}, t(error.reason, { error: error.detail }))));
      for (const control of [exportJson, exportCsv, fileInput]) control.disabled = true;
      deleteAll.disabled = error.reason === "storage_unavailable";
      return;
    }
    const shown = results.filter((result) => specs.has(result.survey));
    if (engineState === "loading") return; // the list follows with its numbers once the engine is ready
    fileInput.disabled = false;
    exportJson.disabled = exportCsv.disabled = deleteAll.disabled = results.length === 0;
    if (!shown.length) {
      list.replaceChildren(
        el("p", { class: "okr-history__none" }, t("history_empty")),
        el("ul", {}, specList.map((spec) => el("li", {}, el("a", { href: siteUrl(`templates/${spec.id}/`) }, spec.title)))),
      );
      return;
    }
    const sections = [];
    for (const spec of specList) {
      const own = shown.filter((result) => result.survey === spec.id);
      if (!own.length) continue;
      const scored = await scoreAll(own);
      const changes = await Promise.all(
        scored.map((result, i) => (i && result && scored[i - 1] ? compare(scored[i - 1], result).catch(() => null) : null)),
      );
      sections.push(surveySection(spec, own, scored, changes));
    }
    if (current === generation) list.replaceChildren(...sections);
  }

  function surveySection(spec, results, scored, changes) {
    const last = results.length - 1;
    const latest = scored[last];
    const section = el("section", { class: "okr-history__survey", "data-survey": spec.id, "aria-labelledby": `okr-h-${spec.id}` });
    section.append(
      el("h2", { id: `okr-h-${spec.id}` }, spec.title),
      el("p", { class: "okr-history__meta" }, t("history_count", { count: results.length }), " · ", el("a", { href: siteUrl(`templates/${spec.id}/`) }, t("open_survey"))),
    );
    const summary = el("p", { class: "okr-history__latest" }, el("span", { class: "okr-muted" }, `${t("latest")} (${f.date(results[last].saved_at)}): `));
    if (latest) summary.append(el("strong", { class: "okr-history__latest-mean" }, f.number(latest.mean)), ` ${t("of_max", { max: spec.scale.max })} · `, el("span", { class: `okr-band okr-band--${tone(latest.mean, spec.scale)}` }, latest.band ?? "–"));
    else summary.append(t("not_scored"));
    const change = changes[last];
    if (change) summary.append(" · ", el("span", { class: "okr-history__change" }, changeText(change.mean_change, f), " ", t("change_since", { date: f.date(results[last - 1].saved_at) })));
    else if (results.length === 1) summary.append(el("br"), el("span", { class: "okr-muted" }, t("no_change_yet")));
    section.append(summary);

    if (results.length >= 2 && scored.every(Boolean)) {
      const points = results.map((result, i) => ({ saved_at: result.saved_at, mean: scored[i].mean }));
      section.append(el("figure", { class: "okr-trend" }, trendChart(points, spec, t, f), el("figcaption", {}, t("trend_title"))));
    }

    const statementText = Object.fromEntries(spec.statements.map((s) => [s.id, s.text]));
    const rows = results.flatMap((result, i) => {
      const answersId = `okr-answers-${spec.id}-${i}`;
      const toggle = el("button", { type: "button", class: "okr-history__toggle", "aria-expanded": "false", "aria-controls": answersId }, t("answers_count", { count: Object.keys(result.answers).length }));
      const answersRow = el(
        "tr",
        { id: answersId, class: "okr-history__answers", hidden: true },
        el(
          "td",
          { colspan: 7 },
          el(
            "ul",
            {},
            spec.statements
              .filter((s) => s.id in result.answers || s.id in result.notes)
              .map((s) => {
                const value = result.answers[s.id];
                const label = spec.scale.labels[String(value)];
                return el(
                  "li",
                  {},
                  el("span", { class: "okr-history__answer" }, value === undefined ? t("not_answered") : label ? `${value} · ${label}` : String(value)),
                  statementText[s.id],
                  result.notes[s.id] ? el("span", { class: "okr-history__note" }, `${t("note_label")}: `, el("q", {}, result.notes[s.id])) : null,
                );
              }),
          ),
        ),
      );
      toggle.addEventListener("click", () => {
        const open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", String(open));
        answersRow.hidden = !open;
      });
      const share = el("button", { type: "button", class: "okr-history__share", disabled: !scored[i] }, t("share_row"));
      share.addEventListener("click", () =>
        openShare(spec, knownAnswers(spec, result.answers), (file) => say("success", t("share_title"), t("share_done", { file }))),
      );
      return [
        el(
          "tr",
          { "data-result": result.id },
          el("td", { class: "okr-date" }, f.date(result.saved_at)),
          el("td", { class: "okr-num" }, f.number(scored[i]?.mean)),
          el("td", { class: "okr-num" }, f.number(scored[i]?.index)),
          el("td", {}, scored[i]?.band ?? "–"),
          el("td", { class: "okr-num" }, changes[i] ? changeText(changes[i].mean_change, f) : "–"),
          el("td", {}, toggle),
          el("td", {}, share),
        ),
        answersRow,
      ];
    });
    const headers = [[t("date_col")], [t("mean_col"), true], [t("index_col"), true], [t("band_col")], [t("change_col"), true], [t("answers_col")], [t("share_col")]];
    section.append(table(t("results_table", { survey: spec.title }), headers, rows));

    if (change && scored[last - 1]) {
      const previous = Object.fromEntries(scored[last - 1].per_statement.map((item) => [item.id, item.value]));
      const changeRows = latest.per_statement.map((item) =>
        el(
          "tr",
          { "data-statement": item.id },
          el("td", {}, statementText[item.id]),
          el("td", { class: "okr-num" }, f.whole(previous[item.id] ?? null)),
          el("td", { class: "okr-num" }, f.whole(item.value)),
          el("td", { class: "okr-num" }, change.statements[item.id] === null ? "–" : changeText(change.statements[item.id], f, true)),
        ),
      );
      section.append(
        el(
          "details",
          { class: "abstract okr-history__statement-changes" },
          el("summary", {}, t("statement_changes_title")),
          table(null, [[t("statement_col")], [t("previous_col"), true], [t("latest_col"), true], [t("change_col"), true]], changeRows),
        ),
      );
    }
    return section;
  }

  exportJson.addEventListener("click", () => {
    try {
      download(`okr1on1-results-${new Date().toISOString().slice(0, 10)}.json`, "application/json", exportDocument(readResults(specs)));
    } catch (error) {
      if (!(error instanceof StorageProblem)) throw error;
      say("failure", t("storage_problem_title"), t(error.reason, { error: error.detail }));
    }
  });

  exportCsv.addEventListener("click", async () => {
    if (engineState !== "ready") {
      say("warning", t("export_csv"), t("csv_needs_engine"));
      return;
    }
    const results = readResults(specs).filter((result) => specs.has(result.survey));
    const scored = await scoreAll(results);
    const lines = [["result_id", "saved_at", "survey", "survey_version", "mean", "index", "band", "statement_id", "statement", "answer", "note"].join(",")];
    results.forEach((result, i) => {
      const spec = specs.get(result.survey);
      for (const statement of spec.statements) {
        if (!(statement.id in result.answers) && !(statement.id in result.notes)) continue;
        lines.push(
          [
            csvCell(result.id, true),
            csvCell(result.saved_at),
            csvCell(result.survey),
            csvCell(result.survey_version),
            csvCell(scored[i]?.mean),
            csvCell(scored[i]?.index),
            csvCell(scored[i]?.band, true),
            csvCell(statement.id),
            csvCell(statement.text, true),
            csvCell(result.answers[statement.id]),
            csvCell(result.notes[statement.id], true),
          ].join(","),
        );
      }
    });
    download(`okr1on1-results-${new Date().toISOString().slice(0, 10)}.csv`, "text/csv", `\ufeff${lines.join("\r\n")}\r\n`);
  });

  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    fileInput.value = "";
    if (!file) return;
    try {
      if (engineState === "failed") throw new Refused("import_needs_engine");
      // The engine checks the whole file (okr1on1.results_files.read_results_file) before anything changes.
      const incoming = await readResultsFile(await file.text(), specList).catch((error) => {
        throw error.reason ? new Refused(error.reason, error.values) : error;
      });
      const { added, skipped } = mergeResults(incoming, specs);
      say("success", t("import_done_title"), t("import_done", { added, skipped }));
    } catch (error) {
      if (error instanceof Refused) say("failure", t("import_refused_title"), t("import_refused", { reason: t(error.reason, error.values) }));
      else if (error instanceof StorageProblem) say("failure", t("import_failed_title"), t(IMPORT_REASONS[error.reason] ?? error.reason, { error: error.detail }));
      else throw error;
      return;
    }
    await render();
  });

  deleteAll.addEventListener("click", () => {
    let count = 0;
    try {
      count = readResults(specs).length;
    } catch {
      count = 0;
    }
    dialogText.textContent = t("delete_confirm_text", { count });
    dialog.showModal();
    cancelDelete.focus();
  });
  cancelDelete.addEventListener("click", () => dialog.close());
  confirmDelete.addEventListener("click", async () => {
    dialog.close();
    try {
      clearResults();
      say("success", t("deleted_title"), t("deleted"));
    } catch (error) {
      if (!(error instanceof StorageProblem)) throw error;
      say("failure", t("storage_problem_title"), t(error.reason, { error: error.detail }));
    }
    await render();
    message.focus();
  });

  addEventListener("storage", (event) => {
    if (event.key === KEY || event.key === null) render();
  });
  startEngine();
  onEngineState((state, detail) => {
    engineState = state;
    root.dataset.engine = state;
    status.classList.toggle("okr-survey__status--failed", state === "failed");
    status.textContent = state === "loading" ? t("history_loading") : state === "ready" ? t("history_ready") : t("history_engine_failed", { error: detail });
    render();
  });
}
