// Module worker: runs the okr1on1 scoring engine (Python, in Pyodide). Protocol: see engine.js.
const started = performance.now();
const PYTHON = `
import json
from okr1on1 import results_files
from okr1on1.scoring import ScoringError, compare, score

METHODS = {
    "score": score,
    "compare": compare,
    # results_files: share files, personal import, the team view and its snapshots (see engine.js)
    **{name: getattr(results_files, name) for name in ("share_file", "read_results_file", "team_view", "add_snapshot", "remove_snapshot")},
}

def call(method, payload):
    args = json.loads(payload)
    try:
        result = METHODS[method](*args)
    except results_files.FileRefused as error:
        return json.dumps({"ok": False, "error": str(error), "statement": None, "reason": error.reason, "values": error.values})
    except ScoringError as error:
        return json.dumps({"ok": False, "error": str(error), "statement": error.statement})
    return json.dumps({"ok": True, "result": result})
`;
const METHODS = ["score", "compare", "share_file", "read_results_file", "team_view", "add_snapshot", "remove_snapshot"];

async function start() {
  const indexURL = new URL("../pyodide/", import.meta.url).href;
  const lockFileURL = new URL("../pyodide/pyodide-lock.json", import.meta.url).href;
  const { loadPyodide } = await import("../pyodide/pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL, lockFileURL, packages: ["okr1on1-scoring"], stdout: () => {}, stderr: () => {} });
  const namespace = pyodide.globals.get("dict")();
  pyodide.runPython(PYTHON, { globals: namespace });
  return { call: namespace.get("call"), version: pyodide.version };
}

let settled = false;
function fail(error) {
  if (settled) return;
  settled = true;
  // A Python traceback ends with the line that says what went wrong.
  const message = String(error?.message ?? error).trim().split("\n").at(-1);
  postMessage({ type: "failed", message });
}
// Pyodide reports some load failures (a file that did not download) only as an unhandled rejection
// and never settles loadPyodide(): treat those as a failed start.
addEventListener("unhandledrejection", (event) => {
  if (settled) return;
  event.preventDefault();
  fail(event.reason);
});

const engine = start();
engine.then(({ version }) => {
  if (settled) return;
  settled = true;
  postMessage({ type: "ready", pyodide: version, ms: Math.round(performance.now() - started) });
}, fail);

addEventListener("message", async ({ data }) => {
  const { id, method, args } = data;
  try {
    const { call } = await engine;
    if (!METHODS.includes(method)) throw new Error(`unknown method ${method}`);
    postMessage({ id, ...JSON.parse(call(method, JSON.stringify(args))) });
  } catch (error) {
    postMessage({ id, ok: false, error: String(error?.message ?? error), statement: null });
  }
});
