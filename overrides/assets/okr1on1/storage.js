// Saved results in localStorage: one key, one versioned JSON document (see STORAGE.md).
// Every change builds the complete new document first and writes it with a single setItem,
// so a failed write (quota, storage switched off) leaves the previous history as it was.

export const KEY = "okr1on1.results";
export const FORMAT = "okr1on1-results";
export const VERSION = 1;
const MAX_NOTE = 5000;

/** Saving is impossible or failed; `reason` is a widget text key, `detail` the browser's message. */
export class StorageProblem extends Error {
  constructor(reason, detail = "") {
    super(detail || reason);
    this.reason = reason;
    this.detail = detail;
  }
}

/** A file or stored document that is not a valid results document; `reason` is a widget text key. */
export class Refused extends Error {
  constructor(reason, values = {}) {
    super(reason);
    this.reason = reason;
    this.values = values;
  }
}

function localStore() {
  try {
    const store = globalThis.localStorage;
    if (!store) throw new Error("localStorage is missing");
    return store;
  } catch (error) {
    throw new StorageProblem("storage_unavailable", String(error?.message ?? error));
  }
}

/** Whether this browser lets the site read its storage at all. */
export function storageAvailable() {
  try {
    localStore().getItem(KEY);
    return true;
  } catch {
    return false;
  }
}

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

/** Check the shape of one result; the engine checks the values against the survey.
 *  `specs` maps survey id → spec; a stored result of a survey this page does not know is kept as it is. */
function checkResult(result, number, specs, strict) {
  const bad = (error) => new Refused("import_bad_result", { number, error });
  if (!isObject(result)) throw bad("not an object");
  const { id, survey, survey_version: version, saved_at: savedAt, answers, notes = {} } = result;
  if (typeof id !== "string" || !id || id.length > 100) throw bad("id");
  if (typeof survey !== "string" || !survey || (strict && !specs.has(survey))) throw new Refused("import_unknown_survey", { number, survey: String(survey) });
  if (!Number.isInteger(version) || version < 1) throw bad("survey_version");
  if (typeof savedAt !== "string" || Number.isNaN(Date.parse(savedAt))) throw bad("saved_at");
  if (!isObject(answers) || Object.keys(answers).length === 0) throw bad("answers");
  const known = specs.has(survey) ? new Set(specs.get(survey).statements.map((s) => s.id)) : null;
  for (const [statement, value] of Object.entries(answers)) {
    if (!Number.isInteger(value)) throw bad(`${statement}: ${JSON.stringify(value)}`);
  }
  if (!isObject(notes)) throw bad("notes");
  for (const [statement, note] of Object.entries(notes)) {
    if ((known && !known.has(statement)) || typeof note !== "string" || note.length > MAX_NOTE) throw bad(`notes.${statement}`);
  }
  return { id, survey, survey_version: version, saved_at: new Date(savedAt).toISOString(), answers: { ...answers }, notes: { ...notes } };
}

/** Parse a results document and check its shape; throws `Refused`. `strict`: refuse unknown surveys (import). */
export function parseDocument(text, specs, strict = true) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Refused("import_not_json");
  }
  if (!isObject(data) || data.format !== FORMAT || !Array.isArray(data.results)) throw new Refused("import_wrong_format");
  if (!Number.isInteger(data.version) || data.version < 1) throw new Refused("import_wrong_format");
  if (data.version > VERSION) throw new Refused("import_newer_version", { version: data.version, supported: VERSION });
  return data.results.map((result, index) => checkResult(result, index + 1, specs, strict));
}

/** The saved results, oldest first. Throws `StorageProblem` when storage is off or unreadable. */
export function readResults(specs) {
  const text = localStore().getItem(KEY);
  if (text === null) return [];
  try {
    return parseDocument(text, specs, false);
  } catch (error) {
    throw new StorageProblem("storage_unreadable", error.reason ?? String(error));
  }
}

function writeResults(results) {
  const store = localStore();
  try {
    // Building the text is part of the write: whatever fails before setItem leaves the stored text as it was.
    const sorted = [...results].sort((a, b) => a.saved_at.localeCompare(b.saved_at));
    store.setItem(KEY, JSON.stringify({ format: FORMAT, version: VERSION, results: sorted }));
  } catch (error) {
    const quota = error?.name === "QuotaExceededError" || error?.code === 22;
    throw new StorageProblem(quota ? "save_failed_quota" : "save_failed", String(error?.message ?? error));
  }
}

/** A new result record for `spec`, stamped now. */
export function newResult(spec, answers, notes) {
  const id = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return { id, survey: spec.id, survey_version: spec.version, saved_at: new Date().toISOString(), answers, notes };
}

/** Add one result to the history (one write). */
export function addResult(result, specs) {
  writeResults([...readResults(specs), result]);
}

/** Merge `incoming` results by id: a result already saved stays as it is. Returns {added, skipped}. */
export function mergeResults(incoming, specs) {
  const current = readResults(specs);
  const ids = new Set(current.map((result) => result.id));
  const added = [];
  for (const result of incoming) {
    if (ids.has(result.id)) continue;
    ids.add(result.id);
    added.push(result);
  }
  if (added.length) writeResults([...current, ...added]);
  return { added: added.length, skipped: incoming.length - added.length };
}

/** Remove every saved result. */
export function clearResults() {
  try {
    localStore().removeItem(KEY);
  } catch (error) {
    throw new StorageProblem("delete_failed", String(error?.message ?? error));
  }
}

/** The export file: the stored document plus the moment of export. */
export function exportDocument(results) {
  return JSON.stringify({ format: FORMAT, version: VERSION, exported_at: new Date().toISOString(), results }, null, 2);
}
