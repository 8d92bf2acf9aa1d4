// @ts-check
// One notebook of the 1:1 notebook page. The engine makes every view, document and file (okr1on1.notebook);
// this file draws and listens.
import { notebookCall } from "./engine.js";
import { importNotebook } from "./notebook-list.js";
import { removeKey } from "./notebook-store.js";
import { topicsSection } from "./notebook-topics.js";
import { download } from "./share.js";
import { admonition, el, fileText, localDay, newId } from "./ui.js";

/** One notebook: its topics (notebook-topics.js), a meeting to start, its meetings and agreements, and
 *  the whole notebook to export, import into or delete. */
export async function renderNotebook(ctx, doc) {
  const { t, day, config, agendas, docs, view, state, button, say, sayProblem, replace, flush, field } = ctx;
  const summary = await notebookCall("view", doc, localDay());
  const name = doc.name;
  const back = el("a", { href: "#", class: "okr-nb-back" }, `← ${t("back_to_list")}`);
  const heading = el("h2", { id: "okr-nb-title", tabindex: "-1" }, t("with", { name }));
  const parts = [back, heading, el("p", {}, t("who_sees"))];
  if (summary.set_aside) parts.push(admonition("warning", t("damaged_title"), el("p", {}, t("set_aside", { count: summary.set_aside }))));

  parts.push(topicsSection(ctx, doc, summary));

  // Start a meeting
  const dateInput = el("input", { type: "date", id: "okr-nb-start-date", value: localDay(), required: true });
  const agendaSelect = el("select", { id: "okr-nb-start-agenda" },
    el("option", { value: "" }, t("start_blank")),
    agendas.map((agenda) => el("option", { value: agenda.slug, selected: agenda.slug === state.preferredAgenda }, agenda.title)));
  const startForm = el("form", { class: "okr-nb-form", novalidate: true },
    field(dateInput.id, t("start_date"), dateInput), field(agendaSelect.id, t("start_agenda"), agendaSelect),
    el("button", { type: "submit", class: "md-button md-button--primary okr-nb-start" }, t("start_button")));
  startForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const agenda = agendas.find((candidate) => candidate.slug === agendaSelect.value) ?? null;
    try {
      const meetingId = newId();
      const made = await notebookCall("start_meeting", doc, meetingId, dateInput.value, agenda?.title ?? "", agenda?.slug ?? null,
        agenda?.questions ?? [], new Date().toISOString());
      state.preferredAgenda = null;
      await replace(made);
      ctx.go(`#nb=${encodeURIComponent(doc.id)}&meeting=${encodeURIComponent(meetingId)}`);
    } catch (error) {
      sayProblem(error);
    }
  });
  parts.push(el("section", { class: "okr-nb-section", "aria-labelledby": "okr-nb-start-title" },
    el("h3", { id: "okr-nb-start-title" }, t("start_title")), startForm));

  // Meetings, newest first
  const meetings = summary.meetings.length
    ? el("ul", { class: "okr-nb-meetings" }, summary.meetings.map((meeting) => el("li", {},
        el("a", { href: `#nb=${encodeURIComponent(doc.id)}&meeting=${encodeURIComponent(meeting.id)}` }, day(meeting.date)),
        meeting.title ? ` · ${meeting.title}` : "")))
    : el("p", {}, t("meetings_none"));
  parts.push(el("section", { class: "okr-nb-section", "aria-labelledby": "okr-nb-meetings-title" },
    el("h3", { id: "okr-nb-meetings-title" }, t("meetings_title")), meetings));

  // All agreements
  const agreementRows = summary.agreements.map((agreement) => el("li", { class: agreement.done_on ? "okr-nb-done" : null },
    agreement.what, " · ", t(`who_${agreement.who}`, { name }),
    agreement.due ? ` · ${t("due_on", { date: day(agreement.due) })}` : "",
    agreement.done_on ? ` · ${t("done_since")}` : "",
    agreement.overdue ? [" ", el("strong", { class: "okr-nb-overdue" }, t("overdue"))] : ""));
  const agreementsMd = button(t("download_agreements"), "okr-nb-agreements-md");
  agreementsMd.addEventListener("click", async () => {
    const md = await notebookCall("agreements_markdown", doc, ctx.texts(), localDay());
    download(`okr1on1-agreements-${localDay()}.md`, "text/markdown", md);
  });
  parts.push(el("section", { class: "okr-nb-section", "aria-labelledby": "okr-nb-agreements-title" },
    el("h3", { id: "okr-nb-agreements-title" }, t("all_agreements")),
    agreementRows.length ? el("ul", { class: "okr-nb-agreements" }, agreementRows) : el("p", {}, t("agreements_none")),
    el("p", {}, agreementsMd)));

  // The whole notebook: export, import, delete
  const includePrivate = el("input", { type: "checkbox", id: "okr-nb-export-private" });
  const exportButton = button(t("export_json"), "okr-nb-export");
  exportButton.addEventListener("click", async () => {
    await flush();
    const text = await notebookCall("export", docs.get(doc.id), includePrivate.checked, new Date().toISOString());
    download(`okr1on1-notebook-${localDay()}.json`, "application/json", text);
  });
  const importInput = el("input", { type: "file", accept: ".json,application/json", id: "okr-nb-import", class: "okr-sr" });
  importInput.addEventListener("change", async () => importNotebook(ctx, await fileText(importInput), docs.get(doc.id)));
  const deleteButton = button(t("delete_notebook"), "okr-nb-delete");
  const confirmDelete = button(t("delete_confirm", { name }), "okr-nb-delete-confirm");
  const cancelDelete = button(t("cancel"));
  const confirmRow = el("p", { hidden: true }, confirmDelete, " ", cancelDelete);
  deleteButton.addEventListener("click", () => {
    confirmRow.hidden = false;
    cancelDelete.focus();
  });
  cancelDelete.addEventListener("click", () => {
    confirmRow.hidden = true;
    deleteButton.focus();
  });
  confirmDelete.addEventListener("click", () => {
    try {
      removeKey(config.key_prefix + doc.id);
      docs.delete(doc.id);
      ctx.forget(doc.id);
      ctx.go("#");
      say("success", t("delete"), t("deleted"));
    } catch (error) {
      sayProblem(error);
    }
  });
  parts.push(el("section", { class: "okr-nb-section", "aria-labelledby": "okr-nb-export-title" },
    el("h3", { id: "okr-nb-export-title" }, t("export_title")),
    el("p", {}, t("export_intro")),
    el("p", { class: "okr-nb-check" }, includePrivate, el("label", { for: includePrivate.id }, t("include_private"))),
    el("p", { class: "okr-nb-actions" }, exportButton, " ", importInput, el("label", { for: importInput.id, class: "md-button" }, t("import_json")), " ", deleteButton),
    confirmRow));
  view.replaceChildren(...parts);
}
