// @ts-check
// The notebook's keys in localStorage: one key per notebook (the prefix comes from the engine's
// okr1on1.notebook.KEY_PREFIX, through the page's data). This file only reads and writes text, through
// storage.js: the engine makes and checks every document (see STORAGE.md, "The 1:1 notebook").
import { StorageProblem, keysWith, readKey, writeKey } from "./storage.js";

// The same problem, and the same reason keys (storage_unavailable, save_failed_quota, save_failed),
// as the results history's.
export { StorageProblem as StoreProblem };

/** Every stored notebook: [{key, text}], in key order. */
export const storedNotebooks = (prefix) => keysWith(prefix);

/** One text, or null. */
export const readText = (key) => readKey(key);

/** One setItem: the whole notebook at once, or nothing (the previous text stays). Storage that is
 *  switched off says so (storage_unavailable), not that this one write failed. */
export const writeText = (key, text) => writeKey(key, text, "save_failed", { unavailable: "storage_unavailable" });

export const removeKey = (key) => writeKey(key, null, "save_failed", { quota: "save_failed", unavailable: "storage_unavailable" });
