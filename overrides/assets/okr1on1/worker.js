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

const PACKAGE = "okr1on1-scoring"; // the engine's wheel, as the site's pyodide-lock.json names it

/** The engine's wheel, fetched while Pyodide starts and checked against the sha256 of the lockfile. */
async function fetchWheel(lockFile, lockFileURL) {
  const entry = (await lockFile).packages?.[PACKAGE];
  if (!entry) throw new Error(`${PACKAGE} is not in pyodide-lock.json`);
  const digest = String.fromCharCode(...entry.sha256.match(/../g).map((byte) => parseInt(byte, 16)));
  const url = new URL(entry.file_name, lockFileURL);
  // The browser refuses a body with another digest (Subresource Integrity), as loadPackage() does.
  const response = await fetch(url, { integrity: `sha256-${btoa(digest)}` });
  if (!response.ok) throw new Error(`Failed to load '${url}': request failed.`);
  return { name: entry.file_name, bytes: new Uint8Array(await response.arrayBuffer()) };
}

// Pyodide only logs a failed instantiation of its WebAssembly (the file did not load, say) and then
// waits for ever: report it as a failed start.
const instantiateStreaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = (...args) =>
  instantiateStreaming(...args).catch((error) => {
    fail(error);
    throw error;
  });

async function start() {
  const indexURL = new URL("../pyodide/", import.meta.url).href;
  const lockFileURL = new URL("../pyodide/pyodide-lock.json", import.meta.url).href;
  // Pyodide's module first: loadPyodide() then starts the long pole, fetching and compiling the
  // WebAssembly, before it imports pyodide.asm.mjs (importing that here as well would hold the
  // WebAssembly back). The lockfile and the wheel it names come meanwhile (loadPyodide() would fetch
  // the wheel only after reading the lockfile). Python imports the engine from the wheel as it is (a pure-Python
  // wheel is a zip archive), instead of loadPyodide({packages}), whose installer first imports
  // tarfile, importlib.metadata and email and unpacks the wheel, before the engine can start.
  const pyodideModule = import("../pyodide/pyodide.mjs");
  const lockFile = fetch(lockFileURL).then((response) => {
    if (!response.ok) throw new Error(`Failed to load '${lockFileURL}': request failed.`);
    return response.json();
  });
  const wheel = fetchWheel(lockFile, lockFileURL);
  const { loadPyodide } = await pyodideModule;
  const pyodide = await loadPyodide({ indexURL, lockFileContents: lockFile, packageBaseUrl: indexURL, stdout: () => {}, stderr: () => {} });
  const { name, bytes } = await wheel;
  const path = `/lib/${name}`;
  pyodide.FS.writeFile(path, bytes);
  pyodide.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(path)})`);
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
