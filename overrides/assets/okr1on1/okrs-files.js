// @ts-check
// The file part of "My OKRs": export the document, import (merge) another, delete everything.
import { confirmDialog } from "./dialog.js";
import { okrCall } from "./engine.js";
import { readOkrs, writeOkrs } from "./okr-store.js";
import { download } from "./share.js";
import { el, localDay } from "./ui.js";

/** The buttons of the file part (`ctx`, see okrs.js); export and delete only when `canExport`. */
export function fileParts(ctx, canExport) {
  const { root, t, key, button, say, fail, reasonText, state } = ctx;
  const fileInput = el("input", { type: "file", accept: ".json,application/json", class: "okr-sr okr-okrs__file" });
  const importLabel = el("label", { class: "md-button okr-okrs__import" }, fileInput, t("import"));
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    fileInput.value = "";
    if (!file) return;
    try {
      const text = await file.text();
      const answer = await okrCall("okr_merge", readOkrs(key), text);
      writeOkrs(key, answer.text);
      state.selected = null;
      await ctx.render();
      say("success", t("saved_title"), [t("import_quarters", { count: answer.added_quarters }), t("import_checkins", { count: answer.added_checkins }), answer.skipped ? t("import_skipped", { count: answer.skipped }) : ""].join(" ").trim());
    } catch (error) {
      say("failure", t("problem_title"), t("import_refused", { reason: reasonText(error) }));
    }
  });
  const exportButton = button(t("export"), "okr-okrs__export", async () => {
    try {
      const text = await okrCall("okr_export", readOkrs(key), new Date().toISOString()).catch(() => readOkrs(key));
      download(`okr1on1-okrs-${localDay()}.json`, "application/json", text);
    } catch (error) {
      fail(error);
    }
  });
  exportButton.disabled = !canExport;
  const deleteAll = button(t("delete_all"), "okr-okrs__delete-all", async () => {
    if (!(await confirmDialog(root, t("delete_all"), t("delete_all_confirm"), t("delete_confirm"), t("cancel")))) return;
    try {
      writeOkrs(key, null);
    } catch (error) {
      fail(error);
      return;
    }
    state.selected = null;
    ctx.panel.replaceChildren();
    await ctx.render();
    say("success", t("saved_title"), t("deleted"));
  });
  deleteAll.disabled = !canExport;
  return [el("h2", { id: "okr-okrs-files" }, t("files_title")), el("div", { class: "okr-okrs__actions" }, exportButton, importLabel, deleteAll)];
}
