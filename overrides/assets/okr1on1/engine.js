// @ts-check
// The page's side of the scoring worker: one module worker a page, started from <head> by start.js on a
// page with a widget (or, failing that, when a widget mounts).
//
// Protocol (structured-clone messages):
//   page → worker  {id, method: "score" | "compare", args: [...]}      (score(spec, answers), compare(previous, current))
//                  method: "share_file" | "read_results_file" | "team_view" | "collect_view" | "record_bundle"
//                          | "add_snapshot" | "remove_snapshot"
//                  (okr1on1.results_files: the functions below)
//                  method: "notebook_*" (okr1on1.notebook, through notebookCall: see engine_calls.METHODS)
//   worker → page  {type: "ready", pyodide, from, ms}                  once, when Python and the engine are loaded
//                  (from: "snapshot", the build's memory snapshot, or "scratch" when that could not be had
//                  or was not worth waiting for on this link: worker-snapshot.js)
//                  {type: "failed", reason, file, message}             once, when loading failed: `reason` is a widget
//                  text key (engine_failed_stalled | _download | _start), `message` the browser's words (console only)
//                  {type: "alive"}                                     while files arrive (at most once a second)
//                  {type: "progress", phase, loaded, total}            while it loads: phase "download" (bytes of
//                  Pyodide's files read, of those asked for), then "start" (Python starts)
//                  {id, progress: {done, total}}                       while a long request runs (an import)
//                  {id, ok: true, result} | {id, ok: false, error, statement}   one answer per request
//                  (a refused file also has `reason`, a widget text key, and `values` for that text)
// Requests sent while the engine loads wait in the worker; after "failed" they are refused at once.
// The worker stops files that stall; a worker that says nothing at all for QUIET_MS while it loads
// (its own script or Pyodide's module stalled) is given up here. `restartEngine()` starts again.

const QUIET_MS = 60_000;
let worker = null;
let state = "loading"; // loading | ready | failed
let failure = "";
let nextId = 1;
let quiet = 0; // the timer that gives up on a worker that says nothing while it loads
const pending = new Map();
const listeners = new Set();
const progressListeners = new Set();
let lastProgress = null;

function settle(newState, detail) {
  clearTimeout(quiet);
  state = newState;
  if (newState === "failed") {
    failure = detail;
    for (const { reject } of pending.values()) reject(new Error(detail));
    pending.clear();
  }
  for (const listener of listeners) listener(state, detail);
}

function heardFrom() {
  clearTimeout(quiet);
  if (state !== "loading") return;
  quiet = setTimeout(() => {
    worker?.terminate(); // a Retry starts a new one
    settle("failed", "engine_failed_stalled");
  }, QUIET_MS);
}

function onMessage({ data }) {
  heardFrom();
  if (data.type === "progress") {
    lastProgress = data;
    for (const listener of progressListeners) listener(data);
  } else if (data.type === "ready") settle("ready", data);
  else if (data.type === "failed") {
    if (data.message) console.warn(`okr1on1 engine: ${data.message}`);
    settle("failed", data.reason ?? "engine_failed_start");
  } else if (data.progress) pending.get(data.id)?.onProgress?.(data.progress.done, data.progress.total);
  else if (pending.has(data.id)) {
    const { resolve, reject } = pending.get(data.id);
    pending.delete(data.id);
    if (data.ok) resolve(data.result);
    else reject(Object.assign(new Error(data.error), { statement: data.statement, reason: data.reason, values: data.values }));
  }
}

// The worker script itself (or a module it imports statically) did not load.
function onError(event) {
  event.preventDefault();
  if (state !== "failed") settle("failed", "engine_failed_download");
}

// Only when start.js could not create the worker; made as start.js makes it: from a blob: URL that imports
// worker.js, so that the worker runs under the page's Content-Security-Policy.
function newWorker() {
  const url = new URL("./worker.js", import.meta.url);
  const pyodide = /** @type {HTMLScriptElement | null} */ (document.querySelector("script[data-pyodide]"))?.dataset.pyodide;
  if (pyodide) url.searchParams.set("pyodide", new URL(pyodide, document.baseURI).href);
  const { sizes, start } = /** @type {HTMLScriptElement | null} */ (document.querySelector("script[data-sizes]"))?.dataset ?? {};
  if (sizes) url.searchParams.set("sizes", sizes);
  if (start) url.searchParams.set("start", start); // the start's rule: the WebAssembly's code, the trimmed library
  if (navigator.connection?.saveData) url.searchParams.set("save-data", "");
  const source = new Blob([`import ${JSON.stringify(url.href)};`], { type: "text/javascript" });
  return new Worker(URL.createObjectURL(source), { type: "module" });
}

export function startEngine() {
  if (worker) return;
  // On a page with a widget, start.js (at the top of <head>) has created the worker already.
  const early = globalThis.okr1on1EarlyWorker;
  globalThis.okr1on1EarlyWorker = undefined;
  try {
    worker = early?.worker ?? newWorker();
  } catch (error) {
    settle("failed", String(error?.message ?? error));
    return;
  }
  worker.addEventListener("message", onMessage);
  worker.addEventListener("error", onError);
  heardFrom();
  early?.handOver(onMessage, onError);
}

/** Start the engine again after it failed (a Retry button): a new worker, without reloading the page. */
export function restartEngine() {
  if (state !== "failed") return;
  worker?.terminate();
  worker = null;
  lastProgress = null;
  settle("loading");
  startEngine();
}

/** Call `listener(state, detail)` now and on every change of the engine's state; returns what stops it. */
export function onEngineState(listener) {
  listeners.add(listener);
  listener(state, state === "failed" ? failure : undefined);
  return () => listeners.delete(listener);
}

/** Call `listener({phase, loaded, total})` while the engine loads: "download" (bytes of Pyodide's files
 *  loaded of those asked for), then "start" (Python starts); now with the last report, if any. */
export function onEngineProgress(listener) {
  progressListeners.add(listener);
  if (lastProgress && state === "loading") listener(lastProgress);
}

export function call(method, ...args) {
  if (state === "failed") return Promise.reject(new Error(failure));
  const onProgress = typeof args.at(-1) === "function" ? args.pop() : null;
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, onProgress });
    worker.postMessage({ id, method, args });
  });
}

/** Any method of the engine (okr1on1.engine_calls.METHODS); a function as the last argument gets
 *  `(done, total)` while the request runs. storage.js reads and writes the history through this. */
export const engineCall = call;

/** The engine's `score(spec, answers)`: answers is {statement id: int}. */
export const score = (spec, answers) => call("score", spec, answers);
/** The engine's `compare(previous, current)` of two score results. */
export const compare = (previous, current) => call("compare", previous, current);
/** A "for my team lead" file (JSON text) of one result: `options` {shared_at, name?, self_assessment?}. */
export const shareFile = (spec, answers, options) => call("share_file", spec, answers, options);
/** The results of an exported results file, checked completely; rejects with `reason` when refused. */
export const readResultsFile = (text, specs) => call("read_results_file", text, specs);
/** Everything the team lead's page shows: files [{name, size, text, sealed}], own rating, snapshots document,
 *  baselines, the site's threshold, and `released` (what the page showed before: the last view's). */
export const teamView = (specs, files, own, snapshotsText, baselines, minResponses, released) =>
  call("team_view", specs, files, own, snapshotsText, baselines, minResponses, released);
/** What the collector's page shows (counts, and a team bundle per survey): anonymous files, threshold,
 *  the collector's record of bundles made (text), and the moment (its day goes into the bundle). */
export const collectView = (specs, files, minResponses, releasesText, madeOn) => call("collect_view", specs, files, minResponses, releasesText, madeOn);
/** The collector's new record (text) with `bundleText` added; write it with one setItem before handing the bundle out. */
export const recordBundle = (releasesText, bundleText) => call("record_bundle", releasesText, bundleText);
/** The new team snapshots document (text) with `team` added; write it with one setItem. */
export const addSnapshot = (text, team, savedAt, id) => call("add_snapshot", text, team, savedAt, id);
/** "My results" as an .xlsx file, {base64}, of every valid result in the stored text: `labels` {column key:
 *  heading, sheet}, see okr1on1.stored_results.export_workbook. */
export const resultsWorkbook = (storedText, specs, labels) => call("results_workbook", storedText, specs, labels);
/** The new team snapshots document (text) without snapshot `id`. */
export const removeSnapshot = (text, id) => call("remove_snapshot", text, id);

// The person's own OKRs (okr1on1.okr_checkins): every change comes back as the complete new stored text.
/** `call` for the OKR methods: okr_read, okr_view, okr_save_quarter, okr_save_checkin, okr_delete_quarter,
 *  okr_close_quarter, okr_merge, okr_export, okr_summary, okr_latest_summary (arguments as in okr_checkins.py). */
export const okrCall = (method, ...args) => call(method, ...args);
/** The 1:1 notebook's engine calls (okr1on1.notebook): `notebookCall("view", document, today)` runs
 *  the worker's method `notebook_view`. A refused document or file rejects with `reason` and `values`. */
export const notebookCall = (name, ...args) => call(`notebook_${name}`, ...args);
