// @ts-check
// "My results": the saved results that cannot be read, set aside with a way out: download the stored
// text as it is, or remove only what cannot be read.
import { download } from "./share.js";
import { readStored, removeUnreadable } from "./storage.js";
import { admonition, el, utcDay } from "./ui.js";

/** The rescue part of the history page (`ctx`, see history.js): `rescue()` draws it for the last view. */
export function rescuePart(ctx) {
  const { t, f, button, ask, say, storageFailure, specList, state } = ctx;
  const exportRaw = button(t("export_raw"), "okr-history__export-raw");
  exportRaw.addEventListener("click", () => {
    try {
      const text = readStored();
      if (text !== null) download(`okr1on1-results-as-stored-${utcDay()}.json`, "application/json", text);
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
    await ctx.render();
  });

  return function rescue() {
    const { view } = state;
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
    return state.engine === "failed" ? el("p", { class: "okr-history__actions" }, exportRaw) : null;
  };
}
