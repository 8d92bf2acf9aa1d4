// @ts-check
// "My results": saved results per survey (history_survey.js), export/import, delete one or all, and
// the results that cannot be read set aside with a way out. The engine reads and writes the stored
// document (okr1on1.stored_results through storage.js); this file draws and listens.
import { onEngineState, restartEngine, resultsWorkbook, startEngine } from "./engine.js";
import { PAGE, surveySection } from "./history_survey.js";
import { download, shareDialog } from "./share.js";
import {
  KEY,
  Refused,
  StorageProblem,
  addResults,
  clearStored,
  exportDocument,
  historyView,
  importResults,
  readStored,
  removeResults,
  removeUnreadable,
} from "./storage.js";
import { admonition, el, formats, retryButton, siteUrl, textsOf } from "./ui.js";

// A failed write during an import says so in import words (the save texts speak of a result above).
const IMPORT_REASONS = { save_failed: "import_failed", save_failed_quota: "import_failed_quota" };
const today = () => new Date().toISOString().slice(0, 10);

/** A CSV cell: quoted when needed; text that a spreadsheet would run as a formula gets a leading '. */
function csvCell(value, isText = false) {
  let text = value === null || value === undefined ? "" : String(value);
  if (isText && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV export of the view's results: one row per answered or annotated statement (see STORAGE.md). */
export function exportCsv(view, specs, t) {
  const lines = [["result_id", "saved_at", "survey", "survey_version", "mean", "index", "band", "statement_id", "statement", "answer", "note"].join(",")];
  for (const entry of view.surveys) {
    const spec = specs.get(entry.survey);
    const statements = spec.statements.map((s) => [s.id, s.text]);
    for (const result of entry.results) {
      const gone = result.removed_statements.map((id) => [id, t("no_longer_in_check")]);
      for (const [id, text] of [...statements, ...gone]) {
        const answered = Object.hasOwn(result.answers, id);
        const noted = Object.hasOwn(result.notes, id);
        if (!answered && !noted) continue;
        const cells = [[result.id, true], [result.saved_at], [result.survey], [result.survey_version], [result.mean], [result.index], [result.band, true]];
        cells.push([id], [text, true], [answered ? result.answers[id] : null], [noted ? result.notes[id] : null, true]);
        lines.push(cells.map(([value, isText]) => csvCell(value, isText)).join(","));
      }
    }
  }
  download(`okr1on1-results-${today()}.csv`, "text/csv", `\ufeff${lines.join("\r\n")}\r\n`);
}

/** One confirm dialog for every "are you sure": `ask(title, text, confirmLabel)` resolves to true or false. */
function confirmDialog(t) {
  const confirm = el("button", { type: "button", class: "md-button md-button--primary okr-dialog__confirm" });
  const cancel = el("button", { type: "button", class: "md-button okr-dialog__cancel" }, t("cancel"));
  const title = el("h2", { id: "okr-dialog-title" });
  const text = el("p", {});
  const dialog = el("dialog", { class: "okr-dialog md-typeset", "aria-labelledby": "okr-dialog-title" }, title, text, el("div", { class: "okr-dialog__actions" }, cancel, confirm));
  /** @type {(value: boolean) => void} */
  let answer = () => {};
  confirm.addEventListener("click", () => (answer(true), dialog.close()));
  cancel.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => answer(false));
  const ask = (heading, body, label) =>
    new Promise((resolve) => {
      answer = (value) => ((answer = () => {}), resolve(value));
      title.textContent = heading;
      text.textContent = body;
      confirm.textContent = label;
      dialog.showModal();
      cancel.focus();
    });
  return { dialog, ask };
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** "Export (Excel)": the engine writes the workbook (okr1on1.results_sheet) from the saved results and
 *  the page's texts; this only hands them over and saves the bytes. Enabled whenever the CSV button is. */
function workbookButton(root, csvButton, specList, t, say) {
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
      const { base64 } = await resultsWorkbook(readStored(), specList, texts);
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
  const words = (reason, values = {}) => t(reason, { ...values, problem: values.problem ? t(values.problem, values) : "" });

  const status = el("p", { class: "okr-survey__status", role: "status" }, t("history_loading"));
  const message = el("div", { class: "okr-history__message", "aria-live": "polite", tabindex: "-1" });
  const button = (label, extra = "") => el("button", { type: "button", class: `md-button ${extra}` }, label);
  const exportJson = button(t("export_json"), "okr-history__export-json");
  const exportCsvButton = button(t("export_csv"), "okr-history__export-csv");
  const fileInput = el("input", { type: "file", accept: ".json,application/json", class: "okr-history__file okr-sr" });
  const importLabel = el("label", { class: "md-button okr-history__import" }, fileInput, t("import_json"));
  const deleteAll = button(t("delete_all"), "okr-history__delete");
  const toolbar = el("div", { class: "okr-history__toolbar" }, exportJson, exportCsvButton, importLabel, deleteAll);
  const rescue = el("div", { class: "okr-history__rescue" }); // what cannot be read, and the way out
  const list = el("div", { class: "okr-history__surveys" });
  const { dialog, ask } = confirmDialog(t);
  root.append(status, toolbar, message, rescue, list, dialog);
  const openShare = shareDialog(root, t);

  const say = (kind, title, ...content) => message.replaceChildren(admonition(kind, title, ...content.map((c) => (typeof c === "string" ? el("p", {}, c) : c))));
  const storageFailure = (error, failed = "storage_problem_title") => {
    if (error instanceof StorageProblem) say("failure", t(failed), t(error.reason, { error: error.detail }));
    else if (error instanceof Refused) say("failure", t(failed), words(error.reason, error.values));
    else throw error;
  };
  exportCsvButton.after(workbookButton(root, exportCsvButton, specList, t, say));
  let engineState = "loading";
  let generation = 0;
  let view = null; // the engine's history_view of the stored text last drawn
  const shown = new Map(); // survey id → rows drawn

  const exportRaw = button(t("export_raw"), "okr-history__export-raw");
  exportRaw.addEventListener("click", () => {
    try {
      const text = readStored();
      if (text !== null) download(`okr1on1-results-as-stored-${today()}.json`, "application/json", text);
    } catch (error) {
      storageFailure(error);
    }
  });
  const removeBad = button(t("remove_unreadable"), "okr-history__remove-unreadable");
  removeBad.addEventListener("click", async () => {
    if (!(await ask(t("remove_unreadable_title"), t("remove_unreadable_text"), t("remove_unreadable_confirm")))) return;
    try {
      await removeUnreadable(specList);
      say("success", t("deleted_title"), t("removed_unreadable"));
    } catch (error) {
      storageFailure(error);
    }
    await render();
  });

  function rescueView() {
    if (view?.problem) {
      return admonition("failure", t("unreadable_whole_title"), el("p", {}, t("unreadable_whole", { problem: t(view.problem, view.values ?? {}) })), el("p", { class: "okr-history__actions" }, exportRaw));
    }
    if (view?.unreadable.length) {
      const items = view.unreadable.map((entry) => {
        const problem = t(entry.problem, entry.values);
        return el("li", {}, entry.saved_at ? t("unreadable_dated", { date: f.date(entry.saved_at), problem }) : t("unreadable_numbered", { number: entry.number, problem }));
      });
      return admonition("warning okr-history__unreadable", t("unreadable_title", { count: view.unreadable.length }), el("p", {}, t("unreadable_intro", { count: view.unreadable.length })), el("ul", {}, items), el("p", { class: "okr-history__actions" }, exportRaw, removeBad));
    }
    return engineState === "failed" ? el("p", { class: "okr-history__actions" }, exportRaw) : null;
  }

  async function render() {
    const current = ++generation;
    let text;
    try {
      text = readStored();
    } catch (error) {
      if (!(error instanceof StorageProblem)) throw error;
      list.replaceChildren(admonition("failure", t("storage_problem_title"), el("p", {}, t("history_storage_unavailable", { error: error.detail }))));
      for (const control of [exportJson, exportCsvButton, fileInput, deleteAll]) control.disabled = true;
      return;
    }
    deleteAll.disabled = text === null;
    if (engineState !== "ready") {
      for (const control of [exportJson, exportCsvButton, fileInput]) control.disabled = true;
      rescue.replaceChildren(...[text === null ? null : rescueView()].filter(Boolean));
      return; // the list follows with its numbers once the engine is ready
    }
    let got;
    try {
      got = await historyView(specList, Math.max(PAGE, ...shown.values()));
    } catch (error) {
      if (current === generation) storageFailure(error);
      return;
    }
    if (current !== generation) return;
    view = got.view;
    fileInput.disabled = Boolean(view.problem);
    exportJson.disabled = exportCsvButton.disabled = view.count === 0;
    deleteAll.disabled = got.text === null;
    rescue.replaceChildren(...[rescueView()].filter(Boolean));
    if (!view.surveys.length) {
      list.replaceChildren(
        el("p", { class: "okr-history__none" }, t("history_empty")),
        el("ul", {}, specList.map((spec) => el("li", {}, el("a", { href: siteUrl(`templates/${spec.id}/`) }, spec.title)))),
      );
      return;
    }
    const actions = { share, remove: removeOne };
    const sections = view.surveys.map((entry) =>
      surveySection(specs.get(entry.survey), entry, {
        t,
        f,
        actions,
        shown: shown.get(entry.survey) ?? PAGE,
        more: () => {
          shown.set(entry.survey, (shown.get(entry.survey) ?? PAGE) + PAGE * 10);
          render();
        },
      }),
    );
    if (view.other_surveys) sections.push(el("p", { class: "okr-muted okr-history__other" }, t("other_surveys", { count: view.other_surveys })));
    list.replaceChildren(...sections);
  }

  function share(spec, result) {
    const known = Object.fromEntries(Object.entries(result.answers).filter(([id]) => !result.removed_statements.includes(id)));
    openShare(spec, known, (file) => say("success", t("share_title"), t("share_done", { file })));
  }

  async function removeOne(spec, result) {
    const names = { date: f.date(result.saved_at), survey: spec.title };
    if (!(await ask(t("delete_one_title"), t("delete_one_text", names), t("delete_one_confirm")))) return;
    let removed;
    try {
      removed = await removeResults([result.id], specList);
    } catch (error) {
      storageFailure(error);
      return;
    }
    const undo = button(t("undo"), "okr-history__undo");
    undo.addEventListener("click", async () => {
      try {
        await addResults(removed, specList);
        say("success", t("undo"), t("undone", names));
      } catch (error) {
        storageFailure(error);
      }
      await render();
      message.focus();
    });
    say("success", t("deleted_title"), t("deleted_one", names), el("p", {}, undo));
    await render();
    message.focus();
  }

  exportJson.addEventListener("click", async () => {
    try {
      download(`okr1on1-results-${today()}.json`, "application/json", await exportDocument(specList));
    } catch (error) {
      storageFailure(error);
    }
  });

  exportCsvButton.addEventListener("click", async () => {
    if (engineState !== "ready" || !view) {
      say("warning", t("export_csv"), t("csv_needs_engine"));
      return;
    }
    try {
      exportCsv((await historyView(specList, null)).view, specs, t); // every result with its answers
    } catch (error) {
      storageFailure(error);
    }
  });

  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    fileInput.value = "";
    if (!file) return;
    fileInput.disabled = true;
    const progress = el("p", { role: "status", class: "okr-history__progress" }, t("import_checking"));
    say("info", t("import_json"), progress);
    try {
      if (engineState === "failed") throw new Refused("import_needs_engine");
      // The engine checks the whole file (okr1on1.stored_results.import_results) before anything changes.
      const report = (done, total) => (progress.textContent = t("import_progress", { done: f.whole(done), total: f.whole(total) }));
      const { added, skipped } = await importResults(await file.text(), specList, report);
      say("success", t("import_done_title"), [t("import_added", { count: added }), skipped ? t("import_skipped", { count: skipped }) : ""].join(" ").trim());
    } catch (error) {
      if (error instanceof Refused) {
        const reason = error.values.problem ? t("storage_unreadable", { problem: t(error.values.problem, error.values) }) : t(error.reason, error.values);
        say("failure", t("import_refused_title"), t("import_refused", { reason }));
      } else if (error instanceof StorageProblem) say("failure", t("import_failed_title"), t(IMPORT_REASONS[error.reason] ?? error.reason, { error: error.detail }));
      else throw error;
    } finally {
      fileInput.disabled = false;
    }
    await render();
  });

  deleteAll.addEventListener("click", async () => {
    // Only what the list showed is deleted: a result another tab saves meanwhile stays.
    const ids = view?.ids ?? [];
    const count = view ? view.count + view.unreadable.length + (view.problem ? 1 : 0) : 0;
    if (!(await ask(t("delete_confirm_title"), t("delete_confirm_text", { count }), t("delete_confirm")))) return;
    try {
      if (engineState === "ready") await removeResults(ids, specList, true);
      else clearStored();
      const left = readStored() !== null;
      say("success", t("deleted_title"), left ? t("deleted_kept", { count: ids.length }) : t("deleted"));
    } catch (error) {
      storageFailure(error);
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
    status.textContent = state === "loading" ? t("history_loading") : state === "ready" ? t("history_ready") : t("history_engine_failed", { error: t(detail) });
    if (state === "failed") status.append(" ", retryButton(t, restartEngine));
    render();
  });
}
