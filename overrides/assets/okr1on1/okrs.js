// @ts-check
// "My OKRs": a quarter's objectives and key results, weekly check-ins, alerts, the 1:1 summary.
// Every figure and every change of the stored document comes from the engine (okr1on1/okr_checkins.py)
// in the worker; okr-store.js keeps its one localStorage key. This file holds the page's state, opens
// the forms (okr-forms.js) and draws the parts (okrs-quarter, okrs-summary, okrs-files).
import { confirmDialog } from "./dialog.js";
import { okrCall, onEngineState, restartEngine, startEngine } from "./engine.js";
import { checkinForm, closeForm } from "./okr-forms.js";
import { setupForm } from "./okr-setup-form.js";
import { readOkrs, writeOkrs } from "./okr-store.js";
import { fileParts } from "./okrs-files.js";
import { okrFormats, quarterParts } from "./okrs-quarter.js";
import { summarySection } from "./okrs-summary.js";
import { admonition, el, engineStatus, localDay, mountOnce, newId, pageTexts, textsOf } from "./ui.js";

export function mountOkrs(root) {
  if (!mountOnce(root, ".okr-okrs__empty")) return;
  const t = textsOf(root);
  const lang = root.dataset.lang;
  const f = okrFormats(lang);
  const key = root.dataset.key;

  const status = el("p", { class: "okr-survey__status", role: "status" }, t("loading"));
  const message = el("div", { class: "okr-okrs__message", "aria-live": "polite", tabindex: "-1" });
  const notice = el("div", { class: "okr-okrs__notice" }); // entries set aside, shown as long as they are there
  const picker = el("div", { class: "okr-okrs__picker" });
  const panel = el("div", { class: "okr-okrs__panel" });
  const view = el("div", { class: "okr-okrs__view" });
  const files = el("section", { class: "okr-okrs__files", "aria-labelledby": "okr-okrs-files" });
  root.append(status, notice, message, picker, panel, view, files);

  const state = { engine: "loading", selected: null, info: null };
  const say = (kind, title, text) => {
    message.replaceChildren(admonition(kind, title, el("p", {}, text)));
    message.focus();
  };
  const reasonText = (error) => (error.reason ? t(error.reason, error.values) : String(error?.message ?? error));
  // The storage's own texts say already that nothing changed; the engine's reasons are half a sentence.
  const fail = (error) =>
    say("failure", t("problem_title"), ["save_failed", "storage_unavailable"].includes(error.reason) ? reasonText(error) : t("not_saved", { reason: reasonText(error) }));
  const button = (label, cls, onClick) => {
    const b = el("button", { type: "button", class: `md-button ${cls}` }, label);
    b.addEventListener("click", onClick);
    return b;
  };
  const ctx = { root, t, f, key, state, panel, button, say, fail, reasonText, render };
  const closePanel = () => panel.replaceChildren();

  /** Run an engine change on the stored text and write the answer (one setItem); then draw again. */
  async function change(method, args, done) {
    try {
      const answer = await okrCall(method, readOkrs(key), ...args);
      writeOkrs(key, typeof answer === "string" ? answer : answer.text);
      closePanel();
      await render();
      if (done) say("success", t("saved_title"), done(answer));
      return answer;
    } catch (error) {
      if (error.reason === "week_taken") throw error;
      fail(error);
      return null;
    }
  }

  function openPanel(content) {
    panel.replaceChildren(content);
    content.querySelector("h2")?.focus();
  }

  // --- the panels -------------------------------------------------------------------------------
  const open = {
    setup(definition) {
      const defaults = definition ?? { ...state.info.this_quarter, id: newId(), objectives: [] };
      openPanel(
        setupForm(defaults, t, state.info.rules, async (quarter) => {
          state.selected = quarter.id;
          await change("okr_save_quarter", [quarter], () => t("setup_saved"));
        }, closePanel),
      );
    },
    checkin(quarterView) {
      openPanel(
        checkinForm(quarterView, t, state.info.rules, async (checkin) => {
          const save = (replace) => change("okr_save_checkin", [state.selected, checkin, replace], () => t("checkin_saved", { date: f.day(checkin.date) }));
          try {
            await save(false);
          } catch (error) {
            if (await confirmDialog(root, t("replace_title"), t("replace_text", error.values), t("replace_confirm"), t("cancel"))) {
              await save(true).catch(fail);
            }
          }
        }, closePanel),
      );
    },
    close(quarterView) {
      openPanel(
        closeForm(quarterView, t, state.info.rules, async (grades, lessons, carry) => {
          const next = carry ? newId() : null;
          const carried = () => state.info.quarters.find((q) => q.id === next);
          const answer = await change("okr_close_quarter", [state.selected, grades, lessons, new Date().toISOString(), next], () =>
            carry && carried() ? t("closed_carried", { name: carried().name }) : t("closed_saved"),
          );
          if (answer && next && carried()) {
            state.selected = next;
            await render();
          }
        }, closePanel),
      );
    },
    async summary() {
      let answer;
      try {
        answer = await okrCall("okr_summary", readOkrs(key), state.selected, pageTexts(root), lang, localDay());
      } catch (error) {
        fail(error);
        return;
      }
      openPanel(summarySection(ctx, answer, closePanel));
    },
  };

  // --- the picker and the whole -----------------------------------------------------------------
  function drawPicker() {
    const { info } = state;
    const select = el("select", { id: "okr-okrs-pick", class: "okr-okrs__select" }, info.quarters.map((q) => el("option", { value: q.id, selected: q.id === state.selected }, q.name)));
    select.addEventListener("change", () => {
      state.selected = select.value;
      closePanel();
      render();
    });
    picker.replaceChildren(
      ...[
        info.quarters.length > 1 ? el("label", { for: "okr-okrs-pick" }, `${t("quarter_label")} `) : null,
        info.quarters.length > 1 ? select : null,
        button(t("new_quarter"), "okr-okrs__new", () => open.setup(null)),
        button(t("delete_quarter"), "okr-okrs__delete-quarter", async () => {
          const name = info.quarters.find((q) => q.id === state.selected)?.name ?? "";
          if (await confirmDialog(root, t("delete_quarter"), t("delete_quarter_confirm", { name }), t("delete_confirm"), t("cancel"))) {
            await change("okr_delete_quarter", [state.selected], () => t("deleted"));
          }
        }),
      ].filter(Boolean), // a part that is not there is null
    );
  }

  let generation = 0;
  async function render() {
    if (state.engine !== "ready") return;
    const current = ++generation; // a later render wins: an earlier one still waiting for the engine draws nothing
    let text;
    let read;
    try {
      text = readOkrs(key);
      read = await okrCall("okr_read", text, localDay());
    } catch (error) {
      if (current !== generation) return;
      // Storage off, or a stored text that is not an OKR document: say so; export and delete stay.
      view.replaceChildren(admonition("failure", t("problem_title"), el("p", {}, error.reason === "storage_unavailable" ? t("storage_unavailable") : t("unreadable", { error: reasonText(error) }))));
      picker.replaceChildren();
      files.replaceChildren(...fileParts(ctx, error.reason !== "storage_unavailable"));
      return;
    }
    if (current !== generation) return;
    const info = (state.info = read);
    files.replaceChildren(...fileParts(ctx, text !== null));
    notice.replaceChildren(
      info.set_aside.length ? admonition("warning", t("set_aside_title"), el("p", {}, t("set_aside", { count: info.set_aside.length, error: info.set_aside[0].error }))) : "",
    );
    if (!info.quarters.length) {
      picker.replaceChildren(button(t("new_quarter"), "okr-okrs__new", () => open.setup(null)));
      view.replaceChildren(el("p", { class: "okr-okrs__none" }, t("none_yet")));
      if (!panel.childElementCount) open.setup(null);
      return;
    }
    if (!info.quarters.some((q) => q.id === state.selected)) state.selected = info.current;
    drawPicker();
    try {
      const quarterView = await okrCall("okr_view", text, state.selected, localDay());
      if (current === generation) view.replaceChildren(...quarterParts(ctx, quarterView, open).filter(Boolean)); // a part that is not there is null
    } catch (error) {
      view.replaceChildren(admonition("failure", t("problem_title"), el("p", {}, reasonText(error))));
    }
  }

  addEventListener("storage", (event) => {
    if (event.key === key || event.key === null) render();
  });
  startEngine();
  const showStatus = engineStatus(status, t, { loading: "loading", ready: "ready", failed: "engine_failed" }, restartEngine);
  onEngineState((engine, detail) => {
    state.engine = engine;
    root.dataset.engine = engine;
    showStatus(engine, detail);
    render();
  });
}
