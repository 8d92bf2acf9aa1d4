// @ts-check
// "My results": saved results per survey (history-survey.js), export/import, delete one or all
// (history-actions.js), and the results that cannot be read set aside with a way out (history-rescue.js).
// The engine reads and writes the stored document (okr1on1.stored_results through storage.js); this
// file holds the page's state, draws the list and follows the engine and the other tabs.
import { confirmDialog } from "./dialog.js";
import { onEngineState, restartEngine, startEngine } from "./engine.js";
import { historyActions } from "./history-actions.js";
import { rescuePart } from "./history-rescue.js";
import { PAGE, surveySection } from "./history-survey.js";
import { workbookButton } from "./history-workbook.js";
import { KEY, Refused, StorageProblem, historyView, readStored } from "./storage.js";
import { admonition, el, engineStatus, formats, island, mountOnce, siteUrl, textsOf } from "./ui.js";

export function mountHistory(root) {
  if (!mountOnce(root, ".okr-history__empty")) return;
  const specList = island(root, "okr-history__specs");
  const specs = new Map(specList.map((spec) => [spec.id, spec]));
  const t = textsOf(root);
  const f = formats(root.dataset.lang);
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
  const rescueArea = el("div", { class: "okr-history__rescue" }); // what cannot be read, and the way out
  const list = el("div", { class: "okr-history__surveys" });
  root.append(status, toolbar, message, rescueArea, list);

  const say = (kind, title, ...content) => message.replaceChildren(admonition(kind, title, ...content.map((c) => (typeof c === "string" ? el("p", {}, c) : c))));
  const storageFailure = (error, failed = "storage_problem_title") => {
    if (error instanceof StorageProblem) say("failure", t(failed), t(error.reason, { error: error.detail }));
    else if (error instanceof Refused) say("failure", t(failed), words(error.reason, error.values));
    else throw error;
  };
  const ask = (heading, body, label) => confirmDialog(root, heading, body, label, t("cancel"));
  const state = {
    engine: "loading",
    view: null, // the engine's history_view of the stored text last drawn
    shown: new Map(), // survey id → rows drawn
  };
  const ctx = { root, t, f, specs, specList, state, say, storageFailure, ask, button, message, render };
  exportCsvButton.after(workbookButton(root, exportCsvButton, specList, t, say));
  const rescue = rescuePart(ctx);
  const actions = historyActions(ctx, { exportJson, exportCsvButton, fileInput, deleteAll });
  let generation = 0;

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
    if (state.engine !== "ready") {
      for (const control of [exportJson, exportCsvButton, fileInput]) control.disabled = true;
      rescueArea.replaceChildren(...[text === null ? null : rescue()].filter(Boolean));
      return; // the list follows with its numbers once the engine is ready
    }
    let got;
    try {
      got = await historyView(specList, Math.max(PAGE, ...state.shown.values()));
    } catch (error) {
      if (current === generation) storageFailure(error);
      return;
    }
    if (current !== generation) return;
    const view = (state.view = got.view);
    fileInput.disabled = Boolean(view.problem);
    exportJson.disabled = exportCsvButton.disabled = view.count === 0;
    deleteAll.disabled = got.text === null;
    rescueArea.replaceChildren(...[rescue()].filter(Boolean));
    if (!view.surveys.length) {
      list.replaceChildren(
        el("p", { class: "okr-history__none" }, t("history_empty")),
        el("ul", {}, specList.map((spec) => el("li", {}, el("a", { href: siteUrl(`templates/${spec.id}/`) }, spec.title)))),
      );
      return;
    }
    const sections = view.surveys.map((entry) =>
      surveySection(specs.get(entry.survey), entry, {
        t,
        f,
        actions,
        shown: state.shown.get(entry.survey) ?? PAGE,
        more: () => {
          state.shown.set(entry.survey, (state.shown.get(entry.survey) ?? PAGE) + PAGE * 10);
          render();
        },
      }),
    );
    if (view.other_surveys) sections.push(el("p", { class: "okr-muted okr-history__other" }, t("other_surveys", { count: view.other_surveys })));
    list.replaceChildren(...sections);
  }

  addEventListener("storage", (event) => {
    if (event.key === KEY || event.key === null) render();
  });
  startEngine();
  const showStatus = engineStatus(status, t, { loading: "history_loading", ready: "history_ready", failed: "history_engine_failed" }, restartEngine);
  onEngineState((engine, detail) => {
    state.engine = engine;
    root.dataset.engine = engine;
    showStatus(engine, detail);
    render();
  });
}
