// @ts-check
// The notebook page's list: every notebook with its open points, the ones that do not read (kept, never
// overwritten, to download or delete), and a new notebook to make or import.
import { notebookCall } from "./engine.js";
import { removeKey } from "./notebook-store.js";
import { download } from "./share.js";
import { admonition, el, fileText, localDay, newId } from "./ui.js";

function notebookLink(t, doc) {
  return el("a", { href: `#nb=${encodeURIComponent(doc.id)}`, class: "okr-nb-list__link" }, t("with", { name: doc.name }));
}

/** The list of notebooks, the damaged ones with a way out, and a new one to make or import. */
export async function renderList(ctx) {
  const { t, count, lang, config, docs, agendas, view, state, button, field, say, sayProblem, replace } = ctx;
  const heading = el("h2", { id: "okr-nb-list-title", tabindex: "-1" }, t("list_title"));
  const items = [];
  for (const doc of [...docs.values()].sort((a, b) => a.name.localeCompare(b.name, lang))) {
    const summary = await notebookCall("view", doc, localDay());
    const facts = [count("meetings", summary.meetings.length), count("open", summary.open)];
    if (summary.overdue) facts.push(count("overdue_count", summary.overdue));
    items.push(el("li", {}, notebookLink(t, doc), " ", el("span", { class: "okr-nb-list__facts" }, facts.join(" · "))));
  }
  const list = items.length ? el("ul", { class: "okr-nb-list" }, items) : el("p", {}, t("list_empty"));

  const nameInput = el("input", { type: "text", id: "okr-nb-new-name", maxlength: config.max_name, autocomplete: "off", required: true });
  const create = el("button", { type: "submit", class: "md-button md-button--primary" }, t("new_create"));
  const form = el("form", { class: "okr-nb-form", novalidate: true }, field(nameInput.id, t("new_name"), nameInput), create);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const name = nameInput.value.trim();
    if (!name || name.length > config.max_name) {
      say("warning", t("refused_title"), t("name_missing", { max: config.max_name }));
      nameInput.focus();
      return;
    }
    try {
      const doc = await notebookCall("new", newId(), name, new Date().toISOString());
      await replace(doc);
      ctx.go(`#nb=${encodeURIComponent(doc.id)}`);
    } catch (error) {
      sayProblem(error);
    }
  });

  const importInput = el("input", { type: "file", accept: ".json,application/json", id: "okr-nb-import-new", class: "okr-sr" });
  importInput.addEventListener("change", async () => importNotebook(ctx, await fileText(importInput), null));
  const importLabel = el("label", { for: importInput.id, class: "md-button okr-nb-import" }, t("import_json"));

  const broken = state.damaged.map(({ key, text, error }) => {
    const save = button(t("damaged_download"));
    save.addEventListener("click", () => download(`${key}.json`, "application/json", text));
    const remove = button(t("delete"));
    remove.addEventListener("click", () => {
      removeKey(key);
      ctx.render();
    });
    return admonition("warning", t("damaged_title"), el("p", {}, t("damaged_text", { key, error })), el("p", {}, save, " ", remove));
  });
  const agenda = agendas.find((a) => a.slug === state.preferredAgenda);
  view.replaceChildren(...[
    heading,
    agenda ? el("p", { class: "okr-nb-hint" }, t("agenda_chosen", { title: agenda.title })) : null,
    list,
    ...broken,
    el("h3", {}, t("new_title")),
    form,
    el("p", {}, importInput, importLabel),
  ].filter(Boolean)); // a part that is not there is null
}

/** Import a notebook file: merged into `existing`, or into the notebook the file names when it is here. */
export async function importNotebook(ctx, text, existing) {
  const { t, docs, say, sayProblem, replace } = ctx;
  if (text === null) return;
  try {
    let current = existing;
    if (!current) {
      // The file names its notebook: merge into it when it is already here.
      const incoming = await notebookCall("read", text);
      current = docs.get(incoming.id) ?? null;
    }
    const { document: doc, added, skipped } = await notebookCall("import", text, current);
    await replace(doc);
    ctx.go(`#nb=${encodeURIComponent(doc.id)}`);
    say("success", t("import_json"), t("imported", { added, skipped }));
  } catch (error) {
    sayProblem(error);
  }
}
