// @ts-check
// What can be done with a scored result: save it in this browser, or share it as a file.
import { Refused, StorageProblem, addResults, newResult, storageAvailable } from "./storage.js";
import { el, siteUrl } from "./ui.js";

/** "Save in this browser": the scored answers and the notes as they are now, through the engine (storage.js). */
export function saveArea(spec, scored, notes, t, f) {
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

/** "Share this result": opens the share dialog with the scored answers. */
export function shareArea(spec, scored, openShare, t) {
  const message = el("p", { class: "okr-share__message", role: "status" });
  const button = el("button", { type: "button", class: "md-button okr-share__open" }, t("share_open"));
  button.addEventListener("click", () => openShare(spec, scored.answers, (file) => (message.textContent = t("share_done", { file }))));
  return el("div", { class: "okr-share" }, el("p", { class: "okr-share__intro" }, t("share_offer")), button, message);
}
