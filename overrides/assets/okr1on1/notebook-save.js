// @ts-check
// Saving the notebooks: one setItem per notebook (notebook-store.js), debounced while typing, one write
// after the other, and what is not yet written flushed when the page goes.
import { notebookCall } from "./engine.js";
import { StoreProblem, writeText } from "./notebook-store.js";

const SAVE_DELAY_MS = 400; // notes save while typing, at most this long after the last key

/** The saver of the notebook page (`ctx`, see notebook.js: docs, config, t, refusal, saveLine, timeFormat). */
export function notebookSaver({ docs, config, t, refusal, saveLine, timeFormat }) {
  const dirty = new Map(); // notebook id → change number not yet written
  let changes = 0;
  let timer = null;

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

  /** A deleted notebook: nothing of it is written any more. */
  const forget = (id) => dirty.delete(id);
  return { changed, replace, flush, forget };
}
