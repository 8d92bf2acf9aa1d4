// The page's side of the scoring worker: one module worker a page, started from <head> by start.js on a
// page with a widget (or, failing that, when a widget mounts).
//
// Protocol (structured-clone messages):
//   page → worker  {id, method: "score" | "compare", args: [...]}      (score(spec, answers), compare(previous, current))
//                  method: "share_file" | "read_results_file" | "team_view" | "add_snapshot" | "remove_snapshot"
//                  (okr1on1.results_files: the functions below)
//                  method: "notebook_*" (okr1on1.notebook, through notebookCall: see engine_calls.METHODS)
//   worker → page  {type: "ready", pyodide, from, ms}                  once, when Python and the engine are loaded
//                  (from: "snapshot", the build's memory snapshot, or "scratch" when that could not be had)
//                  {type: "failed", message}                           once, when loading failed (a file did not load...)
//                  {id, ok: true, result} | {id, ok: false, error, statement}   one answer per request
//                  (a refused file also has `reason`, a widget text key, and `values` for that text)
// Requests sent while the engine loads wait in the worker; after "failed" they are refused at once.

let worker = null;
let state = "loading"; // loading | ready | failed
let failure = "";
let nextId = 1;
const pending = new Map();
const listeners = new Set();

function settle(newState, detail) {
  state = newState;
  if (newState === "failed") {
    failure = detail;
    for (const { reject } of pending.values()) reject(new Error(detail));
    pending.clear();
  }
  for (const listener of listeners) listener(state, detail);
}

function onMessage({ data }) {
  if (data.type === "ready") settle("ready", data);
  else if (data.type === "failed") settle("failed", data.message);
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
  if (state !== "failed") settle("failed", event.message || "worker.js");
}

// Only when start.js could not create the worker; the same URL as start.js's.
function newWorker() {
  const url = new URL("./worker.js", import.meta.url);
  if (navigator.connection?.saveData) url.searchParams.set("save-data", "");
  return new Worker(url, { type: "module" });
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
  early?.handOver(onMessage, onError);
}

/** Call `listener(state, detail)` now and on every change of the engine's state. */
export function onEngineState(listener) {
  listeners.add(listener);
  listener(state, state === "failed" ? failure : undefined);
}

export function call(method, ...args) {
  if (state === "failed") return Promise.reject(new Error(failure));
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, method, args });
  });
}

/** The engine's `score(spec, answers)`: answers is {statement id: int}. */
export const score = (spec, answers) => call("score", spec, answers);
/** The engine's `compare(previous, current)` of two score results. */
export const compare = (previous, current) => call("compare", previous, current);
/** A "for my team lead" file (JSON text) of one result: `options` {shared_at, name?, self_assessment?}. */
export const shareFile = (spec, answers, options) => call("share_file", spec, answers, options);
/** The results of an exported results file, checked completely; rejects with `reason` when refused. */
export const readResultsFile = (text, specs) => call("read_results_file", text, specs);
/** Everything the team page shows: files [{name, size, text}], own rating, snapshots document, baselines. */
export const teamView = (specs, files, own, snapshotsText, baselines) => call("team_view", specs, files, own, snapshotsText, baselines);
/** The new team snapshots document (text) with `team` added; write it with one setItem. */
export const addSnapshot = (text, team, savedAt, id) => call("add_snapshot", text, team, savedAt, id);
/** The new team snapshots document (text) without snapshot `id`. */
export const removeSnapshot = (text, id) => call("remove_snapshot", text, id);

/** The 1:1 notebook's engine calls (okr1on1.notebook): `notebookCall("view", document, today)` runs
 *  the worker's method `notebook_view`. A refused document or file rejects with `reason` and `values`. */
export const notebookCall = (name, ...args) => call(`notebook_${name}`, ...args);
