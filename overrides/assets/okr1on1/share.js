// "Export for my team lead": one result as a small file (answers only; no notes, no history; a name
// only when typed in). The engine writes the file (okr1on1.results_files.share_file); see STORAGE.md.
import { shareFile } from "./engine.js";
import { el } from "./ui.js";

/** Offer `text` as a file download (nothing leaves the browser). */
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

let dialogCount = 0;

/** A dialog in `root` that asks for an optional name and downloads the share file. Returns
 *  `open(spec, answers, done)`: `done(fileName)` runs after the download. */
export function shareDialog(root, t) {
  const number = ++dialogCount;
  const nameInput = el("input", { type: "text", id: `okr-share-name-${number}`, class: "okr-share__name", maxlength: 80, autocomplete: "off" });
  const selfInput = el("input", { type: "checkbox", id: `okr-share-self-${number}`, class: "okr-share__self" });
  const selfField = el("p", { class: "okr-share__field okr-share__field--check" }, selfInput, el("label", { for: selfInput.id }, t("share_self")));
  const problem = el("p", { class: "okr-share__problem", role: "alert" });
  const confirm = el("button", { type: "submit", class: "md-button md-button--primary okr-share__download" }, t("share_download"));
  const cancel = el("button", { type: "button", class: "md-button okr-dialog__cancel" }, t("cancel"));
  const form = el(
    "form",
    { method: "dialog" },
    el("p", {}, t("share_intro")),
    el("p", { class: "okr-share__field" }, el("label", { for: nameInput.id }, t("share_name")), nameInput),
    selfField,
    problem,
    el("div", { class: "okr-dialog__actions" }, cancel, confirm),
  );
  const dialog = el("dialog", { class: "okr-share__dialog md-typeset", "aria-labelledby": `okr-share-title-${number}` }, el("h2", { id: `okr-share-title-${number}` }, t("share_title")), form);
  root.append(dialog);

  let current = null; // {spec, answers, done}
  cancel.addEventListener("click", () => dialog.close());
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { spec, answers, done } = current;
    const sharedAt = new Date().toISOString();
    let text;
    try {
      text = await shareFile(spec, answers, { shared_at: sharedAt, name: nameInput.value, self_assessment: !selfField.hidden && selfInput.checked });
    } catch (error) {
      problem.textContent = t("share_failed", { error: error.message });
      return;
    }
    const fileName = `okr1on1-share-${spec.id}-${sharedAt.slice(0, 10)}.json`;
    download(fileName, "application/json", text);
    dialog.close();
    done?.(fileName);
  });

  return (spec, answers, done) => {
    current = { spec, answers, done };
    problem.textContent = "";
    selfInput.checked = false;
    // Only a team survey that has a self-assessment can hold the lead's own rating.
    selfField.hidden = !(spec.self_assessed_by ?? []).length;
    dialog.showModal();
    nameInput.focus();
  };
}
