// @ts-check
// The 1:1 notebook page: the list of notebooks (notebook-list.js), one notebook (notebook-page.js,
// notebook-topics.js), one meeting (notebook-meeting.js) and topics received by link (notebook-received.js).
// The engine (okr1on1.notebook, in the worker) makes and checks every document, view, file and link;
// notebook-save.js writes what it made. This file holds the page's state, routes and draws the view.
// Routes live in the fragment (never sent to a server): #nb=<id>, #nb=<id>&meeting=<id>,
// #topics=<data> (a link from the other person), #agenda=<slug> (from "Use in my notebook").
import { notebookCall, onEngineState, startEngine } from "./engine.js";
import { renderList } from "./notebook-list.js";
import { renderMeeting } from "./notebook-meeting.js";
import { renderNotebook } from "./notebook-page.js";
import { receive, renderReceived } from "./notebook-received.js";
import { notebookSaver } from "./notebook-save.js";
import { StoreProblem, readText, storedNotebooks } from "./notebook-store.js";
import { admonition, el, island, localDay, mountOnce, newId, pageTexts, textsOf } from "./ui.js";

function route() {
  const params = new URLSearchParams(location.hash.slice(1));
  return { nb: params.get("nb"), meeting: params.get("meeting"), agenda: params.get("agenda"), topics: location.hash.slice(1).startsWith("topics=") };
}

export function mountNotebook(root) {
  if (!mountOnce(root, ".okr-notebook__empty")) return;
  const t = textsOf(root);
  const lang = root.dataset.lang;
  const config = island(root, "okr-notebook__config");
  const agendas = island(root, "okr-notebook__agendas");
  const specs = island(root, "okr-notebook__specs");
  const dayFormat = new Intl.DateTimeFormat(lang, { dateStyle: "medium" });
  const timeFormat = new Intl.DateTimeFormat(lang, { timeStyle: "short" });

  const status = el("p", { class: "okr-survey__status okr-notebook__status", role: "status" }, t("loading"));
  const message = el("div", { class: "okr-notebook__message", "aria-live": "polite", tabindex: "-1" });
  const view = el("div", { class: "okr-notebook__view" });
  root.append(status, message, view);

  const docs = new Map(); // notebook id → the engine's document
  const state = {
    damaged: [], // [{key, text, error}] notebooks that do not read: kept, shown, never overwritten
    received: null, // topics from a link or file, until added or ignored
    preferredAgenda: route().agenda,
  };

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
  const button = (label, extra = "", attrs = {}) => el("button", { type: "button", class: `md-button ${extra}`, ...attrs }, label);
  const field = (id, label, input) => el("p", { class: "okr-nb-field" }, el("label", { for: id }, label), input);

  const saveLine = el("p", { class: "okr-nb-saved", role: "status" });
  const { changed, replace, flush, forget } = notebookSaver({ docs, config, t, refusal, saveLine, timeFormat });

  const ctx = {
    root, t, count, day, lang, config, agendas, specs, docs, state, view, localDay, newId, changed, replace, flush, forget, say, sayProblem, refusal,
    saveLine, button, field, route, render,
    texts: () => pageTexts(root),
    go: (hash) => {
      if (location.hash === hash) render();
      else location.hash = hash;
    },
  };

  // --- loading -----------------------------------------------------------------------------------
  async function load() {
    docs.clear();
    state.damaged = [];
    for (const { key, text } of storedNotebooks(config.key_prefix)) {
      try {
        const doc = await notebookCall("read", text);
        if (config.key_prefix + doc.id !== key) throw Object.assign(new Error("id"), { reason: "notebook_bad_field", values: { field: "id" } });
        docs.set(doc.id, doc);
      } catch (error) {
        state.damaged.push({ key, text, error: refusal(error) });
      }
    }
  }

  // --- drawing -----------------------------------------------------------------------------------
  let drawing = Promise.resolve();
  async function draw() {
    const { nb, meeting } = route();
    if (state.received) return renderReceived(ctx);
    const doc = nb ? docs.get(nb) : null;
    if (doc && meeting) return renderMeeting(ctx, view, doc.id, meeting);
    if (doc) return renderNotebook(ctx, doc);
    return renderList(ctx);
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

  addEventListener("hashchange", () => {
    if (route().topics) receive(ctx, location.hash.slice(1));
    else {
      // A message said as the view changed ("imported", "deleted") stays; an older one goes.
      if (performance.now() - saidAt > 1000) message.replaceChildren();
      render();
    }
  });

  startEngine();
  let started = false;
  onEngineState(async (engine, detail) => {
    root.dataset.engine = engine;
    if (engine === "failed") {
      status.textContent = t("engine_failed", { error: detail });
      return;
    }
    if (engine !== "ready" || started) return;
    started = true;
    try {
      readText(config.key_prefix); // storage at all?
    } catch (error) {
      status.textContent = t(error.reason);
      return;
    }
    status.textContent = t("who_sees");
    await load();
    if (route().topics) await receive(ctx, location.hash.slice(1));
    else await render();
    root.dataset.ready = "true";
  });
}
