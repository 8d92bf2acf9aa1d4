// @ts-check
// "Share this result": one result as a small file (answers only; no notes, no history), in one of two
// ways: anonymous, for a collector (no name, the day only), or open, for the team lead (a name only when
// typed in). With a team code the file is sealed to it (sealed.js). The engine writes the file
// (okr1on1.results_files.share_file); see STORAGE.md.
import { shareFile } from "./engine.js";
import { codeFromLink, parseTeamCode, seal } from "./sealed.js";
import { readKey, writeKey } from "./storage.js";
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

const RESPONDENT_KEY = "okr1on1.respondent";
let pageSecret = null; // when this browser keeps no storage: one secret for as long as the page is open

/** The random secret this browser keeps; every share file carries an id derived from it (by the engine),
 *  so that re-exports of one person count once. It never leaves the browser. */
function respondentSecret() {
  const fresh = () => [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  try {
    let secret = readKey(RESPONDENT_KEY);
    if (!secret || secret.length < 16) {
      secret = fresh();
      writeKey(RESPONDENT_KEY, secret);
    }
    return secret;
  } catch {
    pageSecret ??= fresh();
    return pageSecret;
  }
}

const linkedCode = codeFromLink(); // a team code the member opened as a link (kept for this tab)
let dialogCount = 0;

/** A dialog in `root` that asks how to share and downloads the share file. Returns
 *  `open(spec, answers, done)`: `done(fileName)` runs after the download. */
export function shareDialog(root, t) {
  const number = ++dialogCount;
  const id = (name) => `okr-share-${name}-${number}`;
  const mode = (value, checked) => {
    const input = el("input", { type: "radio", name: id("mode"), value, id: id(value), class: `okr-share__mode okr-share__mode--${value}`, checked });
    return el(
      "div",
      { class: "okr-share__choice" },
      input,
      el("label", { for: input.id }, el("strong", {}, t(`share_mode_${value}`)), el("span", { class: "okr-share__hint" }, t(`share_mode_${value}_hint`))),
    );
  };
  const modes = el("fieldset", { class: "okr-share__modes" }, el("legend", {}, t("share_mode_legend")), mode("anonymous", true), mode("open", false));
  // The engine's limit (results_files.MAX_NAME), which the page writes on the widget as data-max-name.
  const maxName = root.closest("[data-max-name]").dataset.maxName;
  const nameInput = el("input", { type: "text", id: id("name"), class: "okr-share__name", maxlength: maxName, autocomplete: "off" });
  const nameField = el("p", { class: "okr-share__field okr-share__field--name" }, el("label", { for: nameInput.id }, t("share_name")), nameInput);
  const selfInput = el("input", { type: "checkbox", id: id("self"), class: "okr-share__self" });
  const selfField = el("p", { class: "okr-share__field okr-share__field--check" }, selfInput, el("label", { for: selfInput.id }, t("share_self")));
  const codeInput = el("input", { type: "text", id: id("code"), class: "okr-share__code", autocomplete: "off", spellcheck: "false", "aria-describedby": id("code-hint") });
  const codeField = el(
    "div",
    { class: "okr-share__field okr-share__field--code" },
    el("label", { for: codeInput.id }, t("share_code")),
    codeInput,
    el("p", { id: id("code-hint"), class: "okr-share__hint" }, t("share_code_hint")),
  );
  const sealNote = el("p", { class: "okr-share__seal-note", role: "status" });
  const problem = el("p", { class: "okr-share__problem", role: "alert" });
  const confirm = el("button", { type: "submit", class: "md-button md-button--primary okr-share__download" }, t("share_download"));
  const cancel = el("button", { type: "button", class: "md-button okr-dialog__cancel" }, t("cancel"));
  const form = el("form", { method: "dialog" }, el("p", {}, t("share_intro")), modes, nameField, selfField, codeField, sealNote, problem, el("div", { class: "okr-dialog__actions" }, cancel, confirm));
  const dialog = el("dialog", { class: "okr-share__dialog md-typeset", "aria-labelledby": id("title") }, el("h2", { id: id("title") }, t("share_title")), form);
  root.append(dialog);

  let current = null; // {spec, answers, done}
  const chosenMode = () => form.querySelector(".okr-share__mode:checked")?.value ?? "anonymous";
  function showFields() {
    const open = chosenMode() === "open";
    nameField.hidden = !open;
    // Only a team survey that has a self-assessment can hold the lead's own rating, and only in an open file.
    selfField.hidden = !open || !(current?.spec.self_assessed_by ?? []).length;
    const code = codeInput.value.trim();
    sealNote.textContent = !code ? t(open ? "share_unsealed_open" : "share_unsealed_anonymous") : parseTeamCode(code) ? t("share_sealed") : "";
  }
  modes.addEventListener("change", showFields);
  codeInput.addEventListener("input", showFields);
  cancel.addEventListener("click", () => dialog.close());
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { spec, answers, done } = current;
    const open = chosenMode() === "open";
    const code = codeInput.value.trim();
    if (code && !parseTeamCode(code)) {
      problem.textContent = t("share_code_invalid");
      codeInput.focus();
      return;
    }
    const sharedAt = new Date().toISOString();
    let text;
    try {
      const options = { mode: open ? "open" : "anonymous", respondent_secret: respondentSecret(), shared_at: sharedAt };
      if (open) Object.assign(options, { name: nameInput.value, self_assessment: !selfField.hidden && selfInput.checked });
      text = await shareFile(spec, answers, options);
      if (code) text = await seal(text, code);
    } catch (error) {
      problem.textContent = t("share_failed", { error: error.message });
      return;
    }
    // A sealed file's name says nothing of what it holds; an open one says what it is.
    const fileName = code ? "okr1on1-sealed.json" : `okr1on1-share-${open ? "open" : "anonymous"}-${spec.id}-${sharedAt.slice(0, 10)}.json`;
    download(fileName, "application/json", text);
    dialog.close();
    done?.(fileName);
  });

  return (spec, answers, done) => {
    current = { spec, answers, done };
    problem.textContent = "";
    selfInput.checked = false;
    if (linkedCode && !codeInput.value) codeInput.value = linkedCode;
    showFields();
    dialog.showModal();
    form.querySelector(".okr-share__mode:checked")?.focus();
  };
}
