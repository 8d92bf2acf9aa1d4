// @ts-check
// The 1:1 notebook page: the list of notebooks, one notebook (topics, meetings, agreements, files),
// and topics received by link. The engine (okr1on1.notebook, in the worker) makes and checks every
// document, view, file and link; this file draws, listens and writes what the engine made.
// Routes live in the fragment (never sent to a server): #nb=<id>, #nb=<id>&meeting=<id>,
// #topics=<data> (a link from the other person), #agenda=<slug> (from "Use in my notebook").
import { notebookCall, onEngineState, startEngine } from "./engine.js";
import { renderMeeting } from "./notebook-meeting.js";
import { StoreProblem, readText, removeKey, storedNotebooks, writeText } from "./notebook-store.js";
import { download } from "./share.js";
import { admonition, el, textsOf } from "./ui.js";

const SAVE_DELAY_MS = 400; // notes save while typing, at most this long after the last key

/** Today's local calendar date, YYYY-MM-DD (the notebook's dates are the person's own days). */
export function localDay(date = new Date()) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

function newId() {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function island(root, name) {
  return JSON.parse(root.querySelector(`:scope > .okr-notebook__${name}`).textContent);
}

function route() {
  const params = new URLSearchParams(location.hash.slice(1));
  return { nb: params.get("nb"), meeting: params.get("meeting"), agenda: params.get("agenda"), topics: location.hash.slice(1).startsWith("topics=") };
}

/** Pick a file; resolves with its text (or null when none was chosen). */
function fileText(input) {
  const file = input.files?.[0];
  input.value = "";
  return file ? file.text() : Promise.resolve(null);
}

export function mountNotebook(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "true";
  const t = textsOf(root);
  const lang = root.dataset.lang;
  const config = island(root, "config");
  const agendas = island(root, "agendas");
  const specs = island(root, "specs");
  const dayFormat = new Intl.DateTimeFormat(lang, { dateStyle: "medium" });
  const timeFormat = new Intl.DateTimeFormat(lang, { timeStyle: "short" });
  root.querySelector(".okr-notebook__empty")?.remove();

  const status = el("p", { class: "okr-survey__status okr-notebook__status", role: "status" }, t("loading"));
  const message = el("div", { class: "okr-notebook__message", "aria-live": "polite", tabindex: "-1" });
  const view = el("div", { class: "okr-notebook__view" });
  root.append(status, message, view);

  const docs = new Map(); // notebook id → the engine's document
  let damaged = []; // [{key, text, error}] notebooks that do not read: kept, shown, never overwritten
  let received = null; // topics from a link or file, until added or ignored
  let preferredAgenda = route().agenda;

  // --- texts -------------------------------------------------------------------------------------
  const count = (key, n, values = {}) => t(key, { count: n, ...values }); // the singular from `<key>.one` (ui.js)
  const day = (iso) => (iso ? dayFormat.format(new Date(`${iso}T12:00:00`)) : "");
  const refusal = (error) => {
    const reason = error?.reason;
    const text = reason ? t(reason, error.values ?? {}) : String(error?.message ?? error);
    return text === reason ? String(error?.message ?? error) : text;
  };
  let saidAt = -Infinity;
  const say = (kind, title, text) => {
    message.replaceChildren(admonition(kind, title, el("p", {}, text)));
    saidAt = performance.now();
  };
  const sayProblem = (error) => say("failure", t("refused_title"), error instanceof StoreProblem ? t(error.reason, { error: error.detail }) : refusal(error));

  // --- saving: one setItem per notebook, debounced while typing, flushed when the page goes ----
  const dirty = new Map(); // notebook id → change number not yet written
  let changes = 0;
  let timer = null;
  const saveLine = el("p", { class: "okr-nb-saved", role: "status" });

  // Writes run one after the other: a write that began before the engine replaced the document
  // (a meeting started, an agreement added) must not put the older text back afterwards.
  let writing = Promise.resolve();
  function flush() {
    clearTimeout(timer);
    timer = null;
    writing = writing.then(writeDirty);
    return writing;
  }

  async function writeDirty() {
    for (const [id, change] of [...dirty]) {
      const doc = docs.get(id);
      if (!doc) {
        dirty.delete(id);
        continue;
      }
      try {
        const text = await notebookCall("save", doc);
        if (docs.get(id) !== doc) continue; // replaced meanwhile: the next write has the new one
        writeText(config.key_prefix + id, text);
        if (dirty.get(id) === change) dirty.delete(id);
        saveLine.textContent = `${t("saved")} ${timeFormat.format(new Date())}`;
        saveLine.classList.remove("okr-nb-saved--failed");
      } catch (error) {
        saveLine.textContent = error instanceof StoreProblem ? t(error.reason, { error: error.detail }) : `${t("save_failed", { error: refusal(error) })}`;
        saveLine.classList.add("okr-nb-saved--failed");
      }
    }
  }

  /** The document changed in place (a tick, a note): write it soon. */
  function changed(id) {
    dirty.set(id, ++changes);
    saveLine.textContent = t("saving");
    clearTimeout(timer);
    timer = setTimeout(flush, SAVE_DELAY_MS);
  }

  /** The engine made a new document (a meeting started, topics added): keep it and write it now. */
  async function replace(doc) {
    docs.set(doc.id, doc);
    dirty.set(doc.id, ++changes);
    await flush();
  }

  // A reload or a closed tab cannot wait for the worker: what is not yet written goes now, as the
  // engine last gave it plus the person's typing; reading it back goes through the engine's reader.
  function flushNow() {
    for (const id of dirty.keys()) {
      try {
        writeText(config.key_prefix + id, JSON.stringify(docs.get(id)));
      } catch {
        // nothing more can be done while the page goes; the previous text stays
      }
    }
    dirty.clear();
  }
  addEventListener("pagehide", flushNow);
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && flushNow());

  // --- loading -----------------------------------------------------------------------------------
  async function load() {
    docs.clear();
    damaged = [];
    for (const { key, text } of storedNotebooks(config.key_prefix)) {
      try {
        const doc = await notebookCall("read", text);
        if (config.key_prefix + doc.id !== key) throw Object.assign(new Error("id"), { reason: "notebook_bad_field", values: { field: "id" } });
        docs.set(doc.id, doc);
      } catch (error) {
        damaged.push({ key, text, error: refusal(error) });
      }
    }
  }

  const ctx = {
    root, t, count, day, lang, config, agendas, specs, docs, localDay, newId, changed, replace, flush, say, sayProblem, refusal, saveLine,
    go: (hash) => {
      if (location.hash === hash) render();
      else location.hash = hash;
    },
  };

  // --- drawing -----------------------------------------------------------------------------------
  const button = (label, extra = "", attrs = {}) => el("button", { type: "button", class: `md-button ${extra}`, ...attrs }, label);
  const field = (id, label, input) => el("p", { class: "okr-nb-field" }, el("label", { for: id }, label), input);

  function notebookLink(doc) {
    return el("a", { href: `#nb=${encodeURIComponent(doc.id)}`, class: "okr-nb-list__link" }, t("with", { name: doc.name }));
  }

  async function renderList() {
    const heading = el("h2", { id: "okr-nb-list-title", tabindex: "-1" }, t("list_title"));
    const items = [];
    for (const doc of [...docs.values()].sort((a, b) => a.name.localeCompare(b.name, lang))) {
      const summary = await notebookCall("view", doc, localDay());
      const facts = [count("meetings", summary.meetings.length), count("open", summary.open)];
      if (summary.overdue) facts.push(count("overdue_count", summary.overdue));
      items.push(el("li", {}, notebookLink(doc), " ", el("span", { class: "okr-nb-list__facts" }, facts.join(" · "))));
    }
    const list = items.length ? el("ul", { class: "okr-nb-list" }, items) : el("p", {}, t("list_empty"));

    const nameInput = el("input", { type: "text", id: "okr-nb-new-name", maxlength: config.max_name, autocomplete: "off", required: true });
    const create = el("button", { type: "submit", class: "md-button md-button--primary" }, t("new_create"));
    const form = el("form", { class: "okr-nb-form", novalidate: true }, field(nameInput.id, t("new_name"), nameInput), create);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const name = nameInput.value.trim();
      if (!name || name.length > config.max_name) {
        say("warning", t("refused_title"), t("name_missing"));
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
    importInput.addEventListener("change", async () => importNotebook(await fileText(importInput), null));
    const importLabel = el("label", { for: importInput.id, class: "md-button okr-nb-import" }, t("import_json"));

    const broken = damaged.map(({ key, text, error }) => {
      const save = button(t("damaged_download"));
      save.addEventListener("click", () => download(`${key}.json`, "application/json", text));
      const remove = button(t("delete"));
      remove.addEventListener("click", () => {
        removeKey(key);
        render();
      });
      return admonition("warning", t("damaged_title"), el("p", {}, t("damaged_text", { key, error })), el("p", {}, save, " ", remove));
    });
    const agenda = agendas.find((a) => a.slug === preferredAgenda);
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

  async function importNotebook(text, existing) {
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

  async function renderNotebook(doc) {
    const summary = await notebookCall("view", doc, localDay());
    const name = doc.name;
    const back = el("a", { href: "#", class: "okr-nb-back" }, `← ${t("back_to_list")}`);
    const heading = el("h2", { id: "okr-nb-title", tabindex: "-1" }, t("with", { name }));
    const parts = [back, heading, el("p", {}, t("who_sees"))];
    if (summary.set_aside) parts.push(admonition("warning", t("damaged_title"), el("p", {}, t("set_aside", { count: summary.set_aside }))));

    // Topics for the next 1:1
    const topicList = summary.topics.length
      ? el("ul", { class: "okr-nb-topics" }, summary.topics.map((topic) => {
          const remove = button("×", "okr-nb-remove", { "aria-label": t("topic_remove", { text: topic.text }) });
          remove.addEventListener("click", async () => {
            doc.topics = doc.topics.filter((candidate) => candidate.id !== topic.id);
            changed(doc.id);
            await flush();
            render();
          });
          const who = topic.source === "theirs" ? t("topic_theirs", { name }) : t("topic_mine");
          return el("li", {}, topic.text, " ", el("span", { class: `okr-nb-badge okr-nb-badge--${topic.source}` }, who), " ", remove);
        }))
      : el("p", {}, t("topics_empty"));
    const topicInput = el("input", { type: "text", id: "okr-nb-topic", maxlength: config.max_text, autocomplete: "off" });
    const topicForm = el("form", { class: "okr-nb-form okr-nb-form--inline", novalidate: true }, field(topicInput.id, t("topic_new"), topicInput),
      el("button", { type: "submit", class: "md-button" }, t("topic_add")));
    topicForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const text = topicInput.value.trim();
      if (!text) return topicInput.focus();
      try {
        await replace(await notebookCall("add_topics", doc, [{ id: newId(), text }], "mine", new Date().toISOString()));
        await render();
        view.querySelector("#okr-nb-topic")?.focus();
      } catch (error) {
        sayProblem(error);
      }
    });

    const mine = summary.topics.filter((topic) => topic.source === "mine").map(({ id, text }) => ({ id, text }));
    const linkOutput = el("input", { type: "text", id: "okr-nb-link", readonly: true, class: "okr-nb-link" });
    const linkField = field(linkOutput.id, t("send_link_label"), linkOutput);
    linkField.hidden = true;
    const makeLink = button(t("send_link"), "okr-nb-make-link");
    const copy = button(t("send_copy"), "okr-nb-copy");
    copy.hidden = true;
    makeLink.addEventListener("click", async () => {
      if (!mine.length) return say("warning", t("send_title"), t("send_none"));
      try {
        const fragment = await notebookCall("topics_fragment", mine, new Date().toISOString());
        linkOutput.value = `${location.origin}${location.pathname}#${fragment}`;
        linkField.hidden = false;
        copy.hidden = false;
        linkOutput.focus();
        linkOutput.select();
      } catch (error) {
        sayProblem(error);
      }
    });
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(linkOutput.value);
        say("success", t("send_title"), t("send_copied"));
      } catch {
        linkOutput.select(); // the person copies it with the keyboard
      }
    });
    const sendFile = button(t("send_file"), "okr-nb-send-file");
    sendFile.addEventListener("click", async () => {
      if (!mine.length) return say("warning", t("send_title"), t("send_none"));
      try {
        download(`okr1on1-topics-${localDay()}.json`, "application/json", await notebookCall("topics_file", mine, new Date().toISOString()));
      } catch (error) {
        sayProblem(error);
      }
    });
    const topicsFile = el("input", { type: "file", accept: ".json,application/json", id: "okr-nb-topics-file", class: "okr-sr" });
    topicsFile.addEventListener("change", async () => {
      const text = await fileText(topicsFile);
      if (text !== null) receive(text, doc.id);
    });

    parts.push(
      el("section", { class: "okr-nb-section", "aria-labelledby": "okr-nb-topics-title" },
        el("h3", { id: "okr-nb-topics-title" }, t("topics_title")),
        el("p", {}, t("topics_intro", { name })),
        topicList, topicForm,
        el("h4", {}, t("send_title")),
        el("p", {}, t("send_intro", { name })),
        el("p", { class: "okr-nb-actions" }, makeLink, " ", copy, " ", sendFile, " ", topicsFile, el("label", { for: topicsFile.id, class: "md-button" }, t("receive_file"))),
        linkField),
    );

    // Start a meeting
    const dateInput = el("input", { type: "date", id: "okr-nb-start-date", value: localDay(), required: true });
    const agendaSelect = el("select", { id: "okr-nb-start-agenda" },
      el("option", { value: "" }, t("start_blank")),
      agendas.map((agenda) => el("option", { value: agenda.slug, selected: agenda.slug === preferredAgenda }, agenda.title)));
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
        preferredAgenda = null;
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
    importInput.addEventListener("change", async () => importNotebook(await fileText(importInput), docs.get(doc.id)));
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
        dirty.delete(doc.id);
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

  // Topics from a link or a file: read by the engine, then added where the person chooses.
  async function receive(text, intoId = null) {
    try {
      received = { ...(await notebookCall("read_topics", text)), intoId };
    } catch (error) {
      received = null;
      sayProblem(error);
      return;
    }
    render();
  }

  function renderReceived() {
    const { topics, intoId } = received;
    const choice = el("select", { id: "okr-nb-received-into" },
      [...docs.values()].map((doc) => el("option", { value: doc.id, selected: doc.id === intoId }, t("with", { name: doc.name }))),
      el("option", { value: "" }, t("received_new")));
    const nameInput = el("input", { type: "text", id: "okr-nb-received-name", maxlength: config.max_name, autocomplete: "off" });
    const nameField = field(nameInput.id, t("new_name"), nameInput);
    const showName = () => (nameField.hidden = choice.value !== "");
    choice.addEventListener("change", showName);
    showName();
    const add = el("button", { type: "submit", class: "md-button md-button--primary okr-nb-received-add" }, t("received_add"));
    const ignore = button(t("received_ignore"));
    const form = el("form", { class: "okr-nb-form", novalidate: true }, field(choice.id, t("received_into"), choice), nameField, el("p", {}, add, " ", ignore));
    const done = () => {
      received = null;
      if (route().topics) history.replaceState(null, "", location.pathname + location.search);
    };
    ignore.addEventListener("click", () => {
      done();
      render();
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        let doc = docs.get(choice.value);
        if (!doc) {
          const name = nameInput.value.trim();
          if (!name) {
            say("warning", t("refused_title"), t("name_missing"));
            return nameInput.focus();
          }
          doc = await notebookCall("new", newId(), name, new Date().toISOString());
        }
        const updated = await notebookCall("add_topics", doc, topics, "theirs", new Date().toISOString());
        await replace(updated);
        done();
        ctx.go(`#nb=${encodeURIComponent(updated.id)}`);
        say("success", t("received_title"), count("received_added", topics.length, { name: updated.name }));
      } catch (error) {
        sayProblem(error);
      }
    });
    view.replaceChildren(
      el("h2", { id: "okr-nb-received-title", tabindex: "-1" }, t("received_title")),
      el("p", {}, count("received_intro", topics.length)),
      el("ul", { class: "okr-nb-topics" }, topics.map((topic) => el("li", {}, topic.text))),
      form,
    );
  }

  ctx.texts = () => {
    const all = JSON.parse(root.querySelector(":scope > .okr-survey__texts").textContent);
    return all;
  };

  let drawing = Promise.resolve();
  async function draw() {
    const { nb, meeting } = route();
    if (received) return renderReceived();
    const doc = nb ? docs.get(nb) : null;
    if (doc && meeting) return renderMeeting(ctx, view, doc.id, meeting);
    if (doc) return renderNotebook(doc);
    return renderList();
  }

  /** Draw the view the fragment names; the heading takes the focus when the view changes. */
  function render() {
    drawing = drawing.then(async () => {
      const before = view.dataset.view;
      const active = document.activeElement?.id;
      try {
        await draw();
      } catch (error) {
        sayProblem(error);
      }
      const now = location.hash || "#";
      view.dataset.view = now;
      if (before !== undefined && before !== now) view.querySelector("h2")?.focus();
      else if (active && view.contains(document.getElementById(active))) document.getElementById(active).focus();
    });
    return drawing;
  }
  ctx.render = render;

  addEventListener("hashchange", () => {
    if (route().topics) receive(location.hash.slice(1));
    else {
      // A message said as the view changed ("imported", "deleted") stays; an older one goes.
      if (performance.now() - saidAt > 1000) message.replaceChildren();
      render();
    }
  });

  startEngine();
  let started = false;
  onEngineState(async (state, detail) => {
    root.dataset.engine = state;
    if (state === "failed") {
      status.textContent = t("engine_failed", { error: detail });
      return;
    }
    if (state !== "ready" || started) return;
    started = true;
    try {
      readText(config.key_prefix); // storage at all?
    } catch (error) {
      status.textContent = t(error.reason);
      return;
    }
    status.textContent = t("who_sees");
    await load();
    if (route().topics) await receive(location.hash.slice(1));
    else await render();
    root.dataset.ready = "true";
  });
}
