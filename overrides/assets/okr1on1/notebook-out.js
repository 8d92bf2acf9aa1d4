// @ts-check
// What leaves the notebook from one meeting: its Markdown (private notes only when the person includes
// them), a print, the agreements, and an .ics invitation for the next 1:1. The engine writes every file.
import { notebookCall } from "./engine.js";
import { download } from "./share.js";
import { el, localDay } from "./ui.js";

/** What leaves the notebook from one meeting; notebook-meeting.js hands over the meeting, the privacy
 *  switches (kept while the page is open) and how to apply them. */
export function outSection(ctx, { notebookId, meetingId, meeting, name, privacy, applyPrivacy, button, field }) {
  const { t } = ctx;
  const include = el("input", { type: "checkbox", id: "okr-nb-include-private", checked: privacy.include });
  include.addEventListener("change", () => {
    privacy.include = include.checked;
    applyPrivacy();
  });
  const markdown = button(t("download_md"), "okr-nb-download-md");
  markdown.addEventListener("click", async () => {
    await ctx.flush();
    const text = await notebookCall("meeting_markdown", ctx.docs.get(notebookId), meetingId, ctx.texts(), privacy.include, localDay());
    download(`okr1on1-1on1-${meeting.date}.md`, "text/markdown", text);
  });
  const print = button(t("print"), "okr-nb-print");
  print.addEventListener("click", () => {
    applyPrivacy();
    window.print();
  });
  const agreementsMd = button(t("download_agreements"), "okr-nb-agreements-md");
  agreementsMd.addEventListener("click", async () => {
    download(`okr1on1-agreements-${localDay()}.md`, "text/markdown", await notebookCall("agreements_markdown", ctx.docs.get(notebookId), ctx.texts(), localDay()));
  });

  const template = ctx.agendas.find((candidate) => candidate.slug === meeting.template);
  const nextWeek = new Date(`${meeting.date}T10:00:00`);
  nextWeek.setDate(nextWeek.getDate() + 7);
  const start = el("input", { type: "datetime-local", id: "okr-nb-ics-start", value: `${localDay(nextWeek)}T10:00` });
  const minutes = el("input", { type: "number", id: "okr-nb-ics-minutes", min: ctx.config.min_minutes, max: ctx.config.max_minutes, step: 5, value: template?.minutes ?? 30 });
  const repeat = el("select", { id: "okr-nb-ics-repeat" }, ["none", "weekly", "fortnightly"].map((value) => el("option", { value }, t(`ics_repeat_${value}`))));
  const icsButton = el("button", { type: "submit", class: "md-button okr-nb-ics" }, t("ics_download"));
  const icsForm = el("form", { class: "okr-nb-form", novalidate: true },
    field(start.id, t("ics_start"), start), field(minutes.id, t("ics_minutes"), minutes), field(repeat.id, t("ics_repeat"), repeat), icsButton);
  // The same UID each time for this meeting's follow-up: a calendar updates the event instead of adding a second.
  icsForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const title = meeting.title ? t("ics_summary_agenda", { name, title: meeting.title }) : t("ics_summary", { name });
    try {
      const text = await notebookCall("ics", title, start.value, Number(minutes.value), repeat.value, `next-${meeting.id}@okr1on1`, new Date().toISOString());
      download(`okr1on1-next-1on1-${start.value.slice(0, 10)}.ics`, "text/calendar", text);
    } catch (error) {
      ctx.sayProblem(error);
    }
  });
  return el("section", { class: "okr-nb-section okr-nb-noprint", "aria-labelledby": "okr-nb-out-title" },
    el("h3", { id: "okr-nb-out-title" }, t("out_title")),
    el("p", { class: "okr-nb-check" }, include, el("label", { for: include.id }, t("include_private"))),
    el("p", { class: "okr-nb-actions" }, markdown, " ", print, " ", agreementsMd),
    el("h4", {}, t("ics_title")), el("p", {}, t("ics_intro")), icsForm);
}
