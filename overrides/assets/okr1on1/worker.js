// Module worker: runs the okr1on1 scoring engine (Python, in Pyodide). Protocol: see engine.js.
const started = performance.now();
const PYTHON = `
import json
from okr1on1.scoring import ScoringError, compare, score

def call(method, payload):
    args = json.loads(payload)
    try:
        result = {"score": score, "compare": compare}[method](*args)
    except ScoringError as error:
        return json.dumps({"ok": False, "error": str(error), "statement": error.statement})
    return json.dumps({"ok": True, "result": result})
`;

async function start() {
  const indexURL = new URL("../pyodide/", import.meta.url).href;
  const lockFileURL = new URL("../pyodide/pyodide-lock.json", import.meta.url).href;
  const { loadPyodide } = await import("../pyodide/pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL, lockFileURL, packages: ["okr1on1-scoring"], stdout: () => {}, stderr: () => {} });
  const namespace = pyodide.globals.get("dict")();
  pyodide.runPython(PYTHON, { globals: namespace });
  return { call: namespace.get("call"), version: pyodide.version };
}

const engine = start();
engine.then(
  ({ version }) => postMessage({ type: "ready", pyodide: version, ms: Math.round(performance.now() - started) }),
  (error) => postMessage({ type: "failed", message: String(error?.message ?? error) }),
);

addEventListener("message", async ({ data }) => {
  const { id, method, args } = data;
  try {
    const { call } = await engine;
    if (method !== "score" && method !== "compare") throw new Error(`unknown method ${method}`);
    postMessage({ id, ...JSON.parse(call(method, JSON.stringify(args))) });
  } catch (error) {
    postMessage({ id, ok: false, error: String(error?.message ?? error), statement: null });
  }
});
