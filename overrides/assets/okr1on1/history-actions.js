// @ts-check
// What the buttons of "My results" do: export (JSON, CSV), import, delete all, and per result share or
// delete (with undo). The engine checks and writes every change (storage.js); this file says how it went.
import { download, shareDialog } from "./share.js";
import { Refused, StorageProblem, addResults, clearStored, exportCsv, exportDocument, importResults, readStored, removeResults } from "./storage.js";
import { el, utcDay } from "./ui.js";

// A failed write during an import says so in import words (the save texts speak of a result above).
const IMPORT_REASONS = { save_failed: "import_failed", save_failed_quota: "import_failed_quota" };

/** Wire the toolbar (`controls`: exportJson, exportCsvButton, fileInput, deleteAll) of the history page
 *  (`ctx`, see history.js); returns the per-result actions {share, remove} that the survey sections call. */
export function historyActions(ctx, { exportJson, exportCsvButton, fileInput, deleteAll }) {
  const { root, t, f, specList, state, say, storageFailure, ask, button, message } = ctx;
  const openShare = shareDialog(root, t);

  exportJson.addEventListener("click", async () => {
    try {
      download(`okr1on1-results-${utcDay()}.json`, "application/json", await exportDocument(specList));
    } catch (error) {
      storageFailure(error);
    }
  });

  exportCsvButton.addEventListener("click", async () => {
    if (state.engine !== "ready" || !state.view) {
      say("warning", t("export_csv"), t("csv_needs_engine"));
      return;
    }
    try {
      // The engine writes the CSV (okr1on1.results_csv, see STORAGE.md); this only saves it.
      download(`okr1on1-results-${utcDay()}.csv`, "text/csv", await exportCsv(specList, t("no_longer_in_check")));
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
      if (state.engine === "failed") throw new Refused("import_needs_engine");
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
    await ctx.render();
  });

  deleteAll.addEventListener("click", async () => {
    // Only what the list showed is deleted: a result another tab saves meanwhile stays.
    const { view } = state;
    const ids = view?.ids ?? [];
    const count = view ? view.count + view.unreadable.length + (view.problem ? 1 : 0) : 0;
    if (!(await ask(t("delete_confirm_title"), t("delete_confirm_text", { count }), t("delete_confirm")))) return;
    try {
      if (state.engine === "ready") await removeResults(ids, specList, true);
      else clearStored();
      const left = readStored() !== null;
      say("success", t("deleted_title"), left ? t("deleted_kept", { count: ids.length }) : t("deleted"));
    } catch (error) {
      storageFailure(error);
    }
    await ctx.render();
    message.focus();
  });

  function share(spec, result) {
    const known = Object.fromEntries(Object.entries(result.answers).filter(([id]) => !result.removed_statements.includes(id)));
    openShare(spec, known, (file) => say("success", t("share_title"), t("share_done", { file })));
  }

  async function remove(spec, result) {
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
      await ctx.render();
      message.focus();
    });
    say("success", t("deleted_title"), t("deleted_one", names), el("p", {}, undo));
    await ctx.render();
    message.focus();
  }

  return { share, remove };
}
