// @ts-check
// The team page's files: one read as the engine gets it (a sealed one opened with this browser's team
// codes, sealed.js), and the list of loaded files with what the engine said of each, to remove one or all.
import { openIfSealed } from "./sealed.js";
import { el, table } from "./ui.js";

const READ_LIMIT = 1024 * 1024; // a bigger file is not read at all; the engine refuses it by its size

/** One picked file as the engine gets it: {name, size, text, sealed}. */
export async function readFile(file) {
  let text = null;
  if (file.size <= READ_LIMIT) text = await file.text().catch(() => null);
  const opened = await openIfSealed(text);
  return { name: file.name, size: opened.sealed === "opened" ? opened.text.length : file.size, text: opened.text ?? text, sealed: opened.sealed };
}

/** The list of loaded files (the team view's `ctx`, see team.js). */
export function filesView({ t, specs, state, update }) {
  const { view, files } = state;
  if (!view.files.length) return [el("p", { class: "okr-team__none" }, t("team_none"))];
  const rows = view.files.map((entry, index) => {
    const spec = entry.survey ? specs.get(entry.survey) : null;
    const accepted = { own: "team_accepted_own", bundle: "team_accepted_bundle", anonymous: "team_accepted_anonymous" }[entry.role] ?? "team_accepted";
    const status = entry.accepted
      ? el(
          "span",
          { class: "okr-team__accepted" },
          t(accepted),
          entry.person ? ` · ${t("team_from", { person: entry.person })}` : "",
          entry.sealed ? ` · ${t("team_opened_sealed")}` : "",
        )
      : el("span", { class: "okr-team__refused" }, t("team_refused", { reason: t(entry.reason, entry.values) }));
    const remove = el("button", { type: "button", class: "okr-team__remove", "aria-label": t("team_remove_label", { file: entry.name }), "data-focus-key": `remove-${index}` }, t("team_remove"));
    const file = view.sent[index];
    remove.addEventListener("click", () => {
      const at = files.indexOf(file);
      if (at < 0) return;
      files.splice(at, 1);
      update();
    });
    return el(
      "tr",
      { class: entry.accepted ? "okr-team__file-row" : "okr-team__file-row okr-team__file-row--refused", "data-file": entry.name },
      el("td", { class: "okr-team__file-name" }, entry.name),
      el("td", {}, spec ? spec.title : "–"),
      el("td", {}, status),
      el("td", {}, remove),
    );
  });
  const clear = el("button", { type: "button", class: "md-button okr-team__clear", "data-focus-key": "clear" }, t("team_clear"));
  clear.addEventListener("click", () => {
    files.length = 0;
    update();
  });
  return [
    el("h2", { id: "okr-team-files" }, t("team_files_title")),
    el("div", { class: "okr-team__files-bar" }, el("p", { class: "okr-team__summary" }, t("team_files_summary", { accepted: view.accepted, refused: view.refused })), clear),
    table(null, [[t("team_file_col")], [t("team_check_col")], [t("team_status_col")], [el("span", { class: "okr-sr" }, t("team_remove"))]], rows),
  ];
}
