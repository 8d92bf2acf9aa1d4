// @ts-check
// One meeting of the 1:1 notebook: "since last time", the agenda as a checklist with a note under
// each item (private per note), agreements, and what leaves the notebook (Markdown, print, .ics).
// The engine (okr1on1.notebook) makes the view, the files and every new entry; this file draws and
// listens, and changes only the fields the person edits (a tick, a note, "private", "done").
import { notebookCall } from "./engine.js";
import { deviceSection } from "./notebook-links.js";
import { outSection } from "./notebook-out.js";
import { el } from "./ui.js";

// Kept while the page is open: hiding private notes for a screen share holds across views.
const privacy = { hide: false, include: false };

export async function renderMeeting(ctx, view, notebookId, meetingId) {
  const { t, day, localDay, config, button, field } = ctx;
  const doc = ctx.docs.get(notebookId); // read once here; the handlers read ctx.docs (a change replaces it)
  const today = localDay();
  const mv = await notebookCall("meeting_view", doc, meetingId, today);
  const name = doc.name;
  const stored = () => ctx.docs.get(notebookId).meetings.find((meeting) => meeting.id === meetingId);
  const meetingHash = (id) => `#nb=${encodeURIComponent(notebookId)}&meeting=${encodeURIComponent(id)}`;
  const who = (value) => t(`who_${value}`, { name });
  const rerender = async (made) => {
    if (made) await ctx.replace(made);
    await ctx.render();
  };

  const root = ctx.root;
  const applyPrivacy = () => {
    root.classList.toggle("okr-nb--hide-private", privacy.hide);
    root.classList.toggle("okr-nb--print-private", privacy.include);
    // What a print shows: a private note only when the person chose to include it.
    for (const mirror of view.querySelectorAll(".okr-nb-note-print")) {
      const item = stored().items.find((candidate) => candidate.id === mirror.dataset.item);
      mirror.textContent = item && (!item.private || privacy.include) ? item.note : "";
      mirror.parentElement.classList.toggle("okr-nb-note--empty", mirror.textContent === ""); // not printed
    }
  };

  // --- heading and switches ------------------------------------------------------------------
  const back = el("a", { href: `#nb=${encodeURIComponent(notebookId)}`, class: "okr-nb-back" }, `← ${t("meeting_back", { name })}`);
  const heading = el("h2", { id: "okr-nb-meeting-title", tabindex: "-1" }, t("meeting_heading", { name, date: day(mv.meeting.date) }));
  const steps = el("p", { class: "okr-nb-steps" },
    mv.previous ? el("a", { href: meetingHash(mv.previous) }, `← ${t("meeting_previous")}`) : null,
    mv.previous && mv.next ? " · " : null,
    mv.next ? el("a", { href: meetingHash(mv.next) }, `${t("meeting_next")} →`) : null);
  const hide = el("input", { type: "checkbox", id: "okr-nb-hide-private", role: "switch", checked: privacy.hide });
  hide.addEventListener("change", () => {
    privacy.hide = hide.checked;
    applyPrivacy();
  });
  const switches = el("p", { class: "okr-nb-check okr-nb-noprint" }, hide, el("label", { for: hide.id }, t("hide_private")));

  const fromDevice = deviceSection(ctx);

  // --- since last time -------------------------------------------------------------------------
  const doneBox = (agreement, id) => {
    const box = el("input", { type: "checkbox", id, checked: Boolean(agreement.done_on), "aria-label": t("agreement_done", { what: agreement.what }) });
    box.addEventListener("change", () => {
      const entry = ctx.docs.get(notebookId).agreements.find((candidate) => candidate.id === agreement.id);
      // Ticked in a meeting: done as of that meeting (the next one then lists it as done since last time).
      entry.done_on = box.checked ? mv.meeting.date : null;
      ctx.changed(notebookId);
      ctx.flush().then(() => rerender());
    });
    return box;
  };
  const agreementLine = (agreement, id, extra) => el("li", { class: `okr-nb-agreement${agreement.done_on ? " okr-nb-done" : ""}`, "data-agreement": agreement.id },
    doneBox(agreement, id), " ",
    el("span", { class: "okr-nb-agreement__what" }, agreement.what), " · ", who(agreement.who),
    agreement.due ? ` · ${t("due_on", { date: day(agreement.due) })}` : "",
    agreement.overdue ? [" ", el("strong", { class: "okr-nb-overdue" }, t("overdue"))] : "",
    extra);
  const carried = mv.carried.map((agreement, index) => agreementLine(agreement, `okr-nb-carried-${index}`,
    [" · ", el("span", { class: "okr-nb-carried" }, t("carried_from", { date: day(agreement.made_on) }))]));
  const doneSince = mv.done_since.map((agreement, index) => agreementLine(agreement, `okr-nb-done-${index}`,
    [" · ", el("span", { class: "okr-nb-badge" }, t("done_since"))]));
  const since = el("section", { class: "okr-nb-section okr-nb-since", "aria-labelledby": "okr-nb-since-title" },
    el("h3", { id: "okr-nb-since-title" }, t("since_last_time")),
    carried.length || doneSince.length ? el("ul", { class: "okr-nb-agreements" }, carried, doneSince) : el("p", {}, t("since_none")));

  // --- agenda --------------------------------------------------------------------------------
  const waiting = mv.waiting_topics.length ? button(ctx.count("waiting_topics", mv.waiting_topics.length), "okr-nb-take-topics okr-nb-noprint") : null;
  waiting?.addEventListener("click", async () => rerender(await notebookCall("take_topics", ctx.docs.get(notebookId), meetingId)));
  let section = null;
  const rows = [];
  mv.meeting.items.forEach((item, index) => {
    if (item.section && item.section !== section) rows.push(el("li", { class: "okr-nb-agenda__section", "aria-hidden": "true" }, item.section));
    section = item.section;
    const entry = () => stored().items.find((candidate) => candidate.id === item.id);
    const tick = el("input", { type: "checkbox", id: `okr-nb-item-${index}`, checked: item.checked });
    tick.addEventListener("change", () => {
      entry().checked = tick.checked;
      ctx.changed(notebookId);
    });
    const badge = item.source === "agenda" ? null
      : el("span", { class: `okr-nb-badge okr-nb-badge--${item.source}` }, item.source === "theirs" ? t("topic_theirs", { name }) : t("topic_mine"));
    const note = el("textarea", { id: `okr-nb-note-${index}`, rows: 2, maxlength: config.max_note, class: "okr-nb-note__text" });
    note.value = item.note;
    const mirror = el("div", { class: "okr-nb-note-print", "data-item": item.id, "aria-hidden": "true" });
    const privateBox = el("input", { type: "checkbox", id: `okr-nb-private-${index}`, checked: item.private });
    const noteBlock = el("div", { class: `okr-nb-note${item.private ? " okr-nb-note--private" : ""}` },
      el("label", { for: note.id }, t("note"), item.private ? [" ", el("span", { class: "okr-nb-badge okr-nb-badge--private" }, t("private"))] : null),
      note, mirror);
    const hiddenNote = el("p", { class: "okr-nb-note-hidden" }, t("private_hidden"));
    note.addEventListener("input", () => {
      entry().note = note.value;
      ctx.changed(notebookId);
      applyPrivacy();
    });
    privateBox.addEventListener("change", () => {
      entry().private = privateBox.checked;
      noteBlock.classList.toggle("okr-nb-note--private", privateBox.checked);
      row.classList.toggle("okr-nb-item--private", privateBox.checked);
      ctx.changed(notebookId);
      applyPrivacy();
    });
    const row = el("li", { class: `okr-nb-item${item.private ? " okr-nb-item--private" : ""}`, "data-item": item.id },
      el("p", { class: "okr-nb-item__head" }, tick, el("label", { for: tick.id }, item.text), badge ? " " : null, badge),
      noteBlock, hiddenNote,
      el("p", { class: "okr-nb-check okr-nb-noprint" }, privateBox, el("label", { for: privateBox.id }, t("private_toggle"))));
    rows.push(row);
  });
  const itemInput = el("input", { type: "text", id: "okr-nb-item-new", maxlength: config.max_text, autocomplete: "off" });
  const itemForm = el("form", { class: "okr-nb-form okr-nb-form--inline okr-nb-noprint", novalidate: true },
    field(itemInput.id, t("item_new"), itemInput), el("button", { type: "submit", class: "md-button" }, t("item_add")));
  itemForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = itemInput.value.trim();
    if (!text) return itemInput.focus();
    try {
      await rerender(await notebookCall("add_item", ctx.docs.get(notebookId), meetingId, ctx.newId(), text));
    } catch (error) {
      ctx.sayProblem(error);
    }
  });
  const agenda = el("section", { class: "okr-nb-section okr-nb-agenda", "aria-labelledby": "okr-nb-agenda-title" },
    el("h3", { id: "okr-nb-agenda-title" }, t("agenda")), waiting,
    rows.length ? el("ul", { class: "okr-nb-items" }, rows) : el("p", {}, t("agenda_empty")), itemForm);

  // --- agreements made in this meeting ---------------------------------------------------------------
  const here = mv.agreements.map((agreement, index) => {
    const remove = button("×", "okr-nb-remove okr-nb-noprint", { "aria-label": t("agreement_remove", { what: agreement.what }) });
    remove.addEventListener("click", async () => {
      const current = ctx.docs.get(notebookId);
      current.agreements = current.agreements.filter((candidate) => candidate.id !== agreement.id);
      ctx.changed(notebookId);
      await ctx.flush();
      rerender();
    });
    return agreementLine(agreement, `okr-nb-agreement-${index}`, [" ", remove]);
  });
  const what = el("input", { type: "text", id: "okr-nb-agreement-what", maxlength: config.max_text, autocomplete: "off" });
  const whoSelect = el("select", { id: "okr-nb-agreement-who" }, ["me", "them", "both"].map((value) => el("option", { value }, who(value))));
  const due = el("input", { type: "date", id: "okr-nb-agreement-due" });
  const agreementForm = el("form", { class: "okr-nb-form okr-nb-noprint", novalidate: true },
    field(what.id, t("agreement_what"), what), field(whoSelect.id, t("agreement_who"), whoSelect), field(due.id, t("agreement_due"), due),
    el("button", { type: "submit", class: "md-button md-button--primary okr-nb-agreement-add" }, t("agreement_add")));
  agreementForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!what.value.trim()) {
      ctx.say("warning", t("refused_title"), t("agreement_missing"));
      return what.focus();
    }
    try {
      await rerender(await notebookCall("add_agreement", ctx.docs.get(notebookId), meetingId, ctx.newId(), what.value.trim(), whoSelect.value,
        due.value || null, new Date().toISOString()));
      view.querySelector("#okr-nb-agreement-what")?.focus();
    } catch (error) {
      ctx.sayProblem(error);
    }
  });
  const agreements = el("section", { class: "okr-nb-section", "aria-labelledby": "okr-nb-here-title" },
    el("h3", { id: "okr-nb-here-title" }, t("agreements")),
    here.length ? el("ul", { class: "okr-nb-agreements" }, here) : el("p", {}, t("agreements_none")), agreementForm);

  const out = outSection(ctx, { notebookId, meetingId, meeting: mv.meeting, name, privacy, applyPrivacy, button, field });

  view.replaceChildren(...[
    el("p", { class: "okr-nb-noprint" }, back), heading,
    mv.meeting.title ? el("p", { class: "okr-nb-meeting-title" }, mv.meeting.title) : null,
    steps, switches, ctx.saveLine, fromDevice, since, agenda, agreements, out,
  ].filter(Boolean)); // a part that is not there is null
  applyPrivacy();
}
