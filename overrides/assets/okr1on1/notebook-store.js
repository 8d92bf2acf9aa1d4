// @ts-check
// The notebook's keys in localStorage: one key per notebook (the prefix comes from the engine's
// okr1on1.notebook.KEY_PREFIX, through the page's data). This file only reads and writes text: the
// engine makes and checks every document (see STORAGE.md, "The 1:1 notebook").
import { StorageProblem } from "./storage.js";

// The same problem, and the same reason keys (storage_unavailable, save_failed_quota, save_failed),
// as the results history's.
export { StorageProblem as StoreProblem };

function store() {
  try {
    const local = globalThis.localStorage;
    if (!local) throw new Error("localStorage is missing");
    return local;
  } catch (error) {
    throw new StorageProblem("storage_unavailable", String(error?.message ?? error));
  }
}

/** Every stored notebook: [{key, text}], in key order. */
export function storedNotebooks(prefix) {
  const local = store();
  const keys = [];
  for (let index = 0; index < local.length; index++) {
    const key = local.key(index);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  return keys.sort().map((key) => ({ key, text: local.getItem(key) }));
}

/** One text, or null. */
export function readText(key) {
  return store().getItem(key);
}

/** One setItem: the whole notebook at once, or nothing (the previous text stays). */
export function writeText(key, text) {
  const local = store();
  try {
    local.setItem(key, text);
  } catch (error) {
    const quota = error?.name === "QuotaExceededError" || error?.code === 22;
    throw new StorageProblem(quota ? "save_failed_quota" : "save_failed", String(error?.message ?? error));
  }
}

export function removeKey(key) {
  try {
    store().removeItem(key);
  } catch (error) {
    throw new StorageProblem("save_failed", String(error?.message ?? error));
  }
}
