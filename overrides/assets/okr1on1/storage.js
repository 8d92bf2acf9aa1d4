// @ts-check
// Saved results in localStorage: one key, one versioned JSON document (see STORAGE.md). The format
// is defined once, in Python (okr1on1.stored_results, in the worker): the engine reads the stored
// text and builds every new document, checked with the rules it reads with; this file only gets the
// text and writes the engine's new text with a single setItem (or removeItem when nothing is left),
// so a failed write (quota, storage switched off) leaves the previous history as it was.
// It is also the one door to the browser's storage for every other module (readKey / writeKey): the
// store modules (notebook-store.js, okr-store.js, team-store.js) keep their documents through it.
import { engineCall } from "./engine.js";
import { newId } from "./ui.js";

export const KEY = "okr1on1.results";

/** Saving or reading is impossible or failed; `reason` is a widget text key, `detail` the browser's message. */
export class StorageProblem extends Error {
  constructor(reason, detail = "") {
    super(detail || reason);
    this.reason = reason;
    this.detail = detail;
    this.values = { error: detail }; // what the widget text of `reason` fills in
  }
}

/** A file or request the engine refused; `reason` is a widget text key, `values` fill in its text. */
export class Refused extends Error {
  constructor(reason, values = {}) {
    super(reason);
    this.reason = reason;
    this.values = values;
  }
}

const message = (error) => String(error?.message ?? error);

/** The browser's storage: `localStorage`, or with `session` this tab's `sessionStorage`. */
function area(session = false) {
  const store = session ? globalThis.sessionStorage : globalThis.localStorage;
  if (!store) throw new Error(`${session ? "sessionStorage" : "localStorage"} is missing`);
  return store;
}

/** Whether the browser refused a write because its storage for this site is full. */
const isQuotaError = (error) => error?.name === "QuotaExceededError" || error?.code === 22;

// The reason of a failed write when the storage is full: said in the words of what failed.
const QUOTA = { save_failed: "save_failed_quota", import_failed: "import_failed_quota", team_snapshot_failed: "save_failed_quota" };

/** The text under `key` (null when there is none). Throws `StorageProblem` when the browser refuses. */
export function readKey(key, { session = false } = {}) {
  try {
    return area(session).getItem(key);
  } catch (error) {
    throw new StorageProblem("storage_unavailable", message(error));
  }
}

/** Write the complete `text` under `key` with one setItem (null: remove the key), so a failed write leaves
 *  the previous text as it was. Throws `StorageProblem(failed)` (its `quota` form when the storage is full,
 *  `unavailable` when the browser gives the page no storage at all). */
export function writeKey(key, text, failed = "save_failed", { session = false, quota = QUOTA[failed] ?? failed, unavailable = failed } = {}) {
  let store;
  try {
    store = area(session);
  } catch (error) {
    throw new StorageProblem(unavailable, message(error));
  }
  try {
    if (text === null) store.removeItem(key);
    else store.setItem(key, text);
  } catch (error) {
    throw new StorageProblem(isQuotaError(error) ? quota : failed, message(error));
  }
}

/** Every key that starts with `prefix`, sorted, with its text: [{key, text}]. */
export function keysWith(prefix) {
  let store;
  try {
    store = area();
  } catch (error) {
    throw new StorageProblem("storage_unavailable", message(error));
  }
  const keys = [];
  for (let index = 0; index < store.length; index++) {
    const key = store.key(index);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  return keys.sort().map((key) => ({ key, text: store.getItem(key) }));
}

/** The stored results' text (null when nothing is saved). Throws `StorageProblem` when the browser refuses. */
export const readStored = () => readKey(KEY);

/** Whether this browser lets the site read its storage at all. */
export function storageAvailable() {
  try {
    readStored();
    return true;
  } catch {
    return false;
  }
}

const writeStored = (text, failed = "save_failed") => writeKey(KEY, text, failed);

/** One engine request on the stored text; a refusal becomes `Refused`, a failed call `StorageProblem`. */
async function engine(method, failed, ...args) {
  try {
    return await engineCall(method, ...args);
  } catch (error) {
    if (error.reason) throw new Refused(error.reason, error.values);
    throw new StorageProblem(failed, message(error));
  }
}

/** Everything "my results" shows (okr1on1.stored_results.history_view), with the stored text it was read
 *  from; answers and notes of the latest `rows` results of each survey (null: of all). */
export async function historyView(specList, rows = 50) {
  const text = readStored();
  return { text, view: await engine("history_view", "read_failed", text, specList, rows) };
}

/** The valid saved results, oldest first (the team page picks an own rating from them). */
export async function readResults(specList) {
  const { view } = await historyView(specList, null);
  return view.surveys.flatMap((survey) => survey.results).sort((a, b) => a.saved_at.localeCompare(b.saved_at));
}

/** A new result record for `spec`, stamped now. */
export function newResult(spec, answers, notes) {
  return { id: newId(), survey: spec.id, survey_version: spec.version, saved_at: new Date().toISOString(), answers, notes };
}

/** Add results to the history (a save, or the undo of a removal): one write. Returns {added, skipped}. */
export async function addResults(results, specList) {
  const { text, added, skipped } = await engine("add_results", "save_failed", readStored(), specList, results);
  writeStored(text);
  return { added, skipped };
}

/** Import an export file: checked whole by the engine, merged by id, one write. `onProgress(done, total)`. */
export async function importResults(fileText, specList, onProgress) {
  const { text, added, skipped } = await engine("import_results", "import_failed", readStored(), fileText, specList, onProgress);
  if (added) writeStored(text, "import_failed");
  return { added, skipped };
}

/** Remove the results `ids` (and with `unreadableToo` the unreadable ones): one write. Returns the removed results. */
export async function removeResults(ids, specList, unreadableToo = false) {
  const { text, removed } = await engine("remove_results", "delete_failed", readStored(), specList, ids, unreadableToo);
  writeStored(text, "delete_failed");
  return removed;
}

/** Remove only the results that cannot be read: one write. Returns how many went. */
export async function removeUnreadable(specList) {
  const { text, removed } = await engine("remove_unreadable", "delete_failed", readStored(), specList);
  writeStored(text, "delete_failed");
  return removed;
}

/** Remove the stored text as it is, unread: "Delete all" while the engine cannot read it. */
export function clearStored() {
  writeStored(null, "delete_failed");
}

/** The export file of the valid results (okr1on1.stored_results.export_document). */
export const exportDocument = (specList) => engine("export_document", "read_failed", readStored(), specList, new Date().toISOString());

/** The CSV export of the valid results (okr1on1.results_csv); `removedLabel` names a statement a check lost. */
export const exportCsv = (specList, removedLabel) => engine("results_csv", "read_failed", readStored(), specList, removedLabel);
