// @ts-check
// The "Export (Excel)" button of "My results".
import { onEngineState, resultsWorkbook } from "./engine.js";
import { download } from "./share.js";
import { StorageProblem, readStored } from "./storage.js";
import { el, pageTexts, utcDay } from "./ui.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** "Export (Excel)": the engine writes the workbook (okr1on1.results_sheet) from the saved results and
 *  the page's texts; this only hands them over and saves the bytes. Enabled whenever the CSV button is. */
export function workbookButton(root, csvButton, specList, t, say) {
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
      const texts = pageTexts(root);
      const { base64 } = await resultsWorkbook(readStored(), specList, texts);
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      download(`okr1on1-results-${utcDay()}.xlsx`, XLSX_TYPE, bytes);
    } catch (error) {
      if (error instanceof StorageProblem) say("failure", t("storage_problem_title"), t(error.reason, { error: error.detail }));
      else say("failure", t("export_xlsx"), String(error?.message ?? error));
    }
  });
  return button;
}
