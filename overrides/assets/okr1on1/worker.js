// @ts-check
// Module worker: runs the okr1on1 scoring engine (Python, in Pyodide). Protocol: see engine.js.
import { fetchFile, fetchUnlessStalled, knowSizes, readAhead, stalledFile } from "./worker-fetch.js";
import { fetchSnapshot, layData } from "./worker-snapshot.js";

const params = new URL(import.meta.url).searchParams; // start.js writes them from the page's data
knowSizes(JSON.parse(params.get("sizes") ?? "{}"));
// How the start is chosen, and the trimmed standard libraries it mounts (pyodide_bundle.start_rule).
const rule = JSON.parse(params.get("start") ?? "{}");

const started = performance.now();
// With ?hold (start.js) the files are fetched at once, but the WebAssembly waits for the page's "go", once the
// page is drawn: compiling it and starting Python would take the cores the page's first layout needs.
let go = /** @type {(value?: unknown) => void} */ (() => {});
const pageDrawn = params.has("hold")
  ? new Promise((resolve) => {
      go = resolve;
    })
  : Promise.resolve();
const PACKAGE = "okr1on1-scoring"; // the engine's wheel, as the site's pyodide-lock.json names it

/** The engine's wheel, fetched while Pyodide starts and checked against the sha256 of the lockfile. */
async function fetchWheel(lockFile, lockFileURL) {
  const entry = (await lockFile).packages?.[PACKAGE];
  if (!entry) throw new Error(`${PACKAGE} is not in pyodide-lock.json`);
  const digest = String.fromCharCode(...entry.sha256.match(/../g).map((byte) => parseInt(byte, 16)));
  const url = new URL(entry.file_name, lockFileURL);
  // The browser refuses a body with another digest (Subresource Integrity), as loadPackage() does.
  const response = await fetchFile(url, { integrity: `sha256-${btoa(digest)}` });
  return { name: entry.file_name, bytes: new Uint8Array(await response.arrayBuffer()) };
}

// Pyodide only logs a failed instantiation of its WebAssembly (the file did not load, say) and then
// waits for ever: report it as a failed start. A host that serves the file with another type than
// application/wasm (streaming compilation refuses it) gets it compiled from the bytes instead.
// The site's WebAssembly is code only (wasm_split.py): its memory is filled as its data segments would have,
// before Emscripten runs any of it (its constructors), from the data image or from the snapshot.
let fillMemory = null; // async (bytes of the memory) => void, set by the start chosen
// (Made out here: a closure in start() would keep the snapshot for the life of the worker, with its scope.)
const fromSnapshot = (snapshot) => async (heap) => layData(heap, await snapshot);
const fromImage = (data) => async (heap) => heap.set(new Uint8Array(await data));
const instantiateStreaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = async (source, imports) => {
  try {
    const response = await source;
    await pageDrawn;
    const type = response.headers.get("Content-Type")?.split(";")[0].trim().toLowerCase();
    if (type !== "application/wasm" && !response.ok) throw new Error(`Failed to load '${response.url}': request failed.`);
    const made = await (type === "application/wasm" ? instantiateStreaming(response, imports) : WebAssembly.instantiate(await response.arrayBuffer(), imports));
    const memory = /** @type {WebAssembly.Memory} */ (made.instance.exports.memory);
    await fillMemory?.(new Uint8Array(memory.buffer));
    fillMemory = null; // let the snapshot go (Pyodide copies it once more, then drops it: see start)
    return made;
  } catch (error) {
    fail(error);
    throw error;
  }
};

// loadPyodide() fetches the WebAssembly as it begins. When a start from the snapshot fails before it
// reads that response (no snapshot to be had, or not worth waiting for), the start from scratch takes it:
// no second download of 9.6 MB (2.8 with brotli), no time lost.
const unused = new Map(); // url → the promise of the response Pyodide got the first time
globalThis.fetch = async (input, init) => {
  const asked = String(/** @type {Request} */ (input)?.url ?? input);
  if (!asked.endsWith("/pyodide.asm.wasm")) return fetchUnlessStalled(input, init);
  const url = new URL(rule.wasm?.code ?? "pyodide.asm.wasm", asked).href; // the code, not the whole module
  input = url;
  // The service worker's copy as it is: V8 then keeps the compiled code with it for the next visit.
  const kept = await globalThis.caches?.match(url).catch(() => undefined);
  if (kept) return kept;
  const earlier = unused.get(url);
  unused.delete(url);
  const response = await earlier?.catch(() => null);
  if (response && !response.bodyUsed) return response;
  const fetched = fetchUnlessStalled(input, init).then(readAhead);
  unused.set(url, fetched);
  return fetched;
};

async function start() {
  // One Pyodide for both editions, at the URL the page gives (start.js); beside this file by default.
  const indexURL = new URL(params.get("pyodide") ?? "../pyodide/", import.meta.url).href;
  const lockFileURL = new URL("pyodide-lock.json", indexURL).href;
  // Pyodide's module first: loadPyodide() then starts the long pole, fetching the WebAssembly (compiled
  // once the page says "go"), before it imports pyodide.asm.mjs (importing that here as well would hold
  // the WebAssembly back). The lockfile, the wheel it names and the snapshot come meanwhile.
  const pyodideModule = import(new URL("pyodide.mjs", indexURL).href);
  const lockFile = fetchFile(lockFileURL).then((response) => response.json());
  const wheel = fetchWheel(lockFile, lockFileURL);
  // With ?save-data (the reader asked to save data: start.js), only a copy in the browser's cache will do.
  const snapshot = fetchSnapshot(indexURL, rule, params.has("save-data"));
  snapshot.catch(() => {}); // not a failure of the engine: it then starts the long way (below)
  const { loadPyodide } = await pyodideModule;
  const options = { indexURL, lockFileContents: lockFile, packageBaseUrl: indexURL, stdout: () => {}, stderr: () => {} };
  const stdlib = (name) => (name ? new URL(name, indexURL).href : undefined); // undefined: Pyodide's whole one
  // Restoring the snapshot skips starting Python and importing the engine, most of a start-up. Without
  // it (a host that dropped the file, a stale copy refused by its sha256, a link too slow for it)
  // Pyodide starts from scratch.
  let pyodide;
  let from = "snapshot";
  try {
    // The memory holds what the start imported; the library mounted beside it holds only what the engine
    // imports later (stdlib_trim.py). Its zip importer's caches describe the library the build had.
    if (rule.wasm) fillMemory = fromSnapshot(snapshot);
    const memory = snapshot.then(({ memory }) => memory);
    memory.catch(() => {}); // it may fail before Pyodide awaits it: not an unhandled rejection (below)
    pyodide = await loadPyodide({ ...options, stdLibURL: stdlib(rule.stdlib?.snapshot), _loadSnapshot: memory });
  } catch {
    from = "scratch";
    if (rule.wasm) {
      const data = fetchFile(new URL(rule.wasm.data, indexURL)).then((response) => response.arrayBuffer());
      data.catch(() => {}); // a failed one fails the instantiation (above)
      fillMemory = fromImage(data);
    }
    pyodide = await loadPyodide({ ...options, stdLibURL: stdlib(rule.stdlib?.scratch) });
  }
  if (from === "snapshot") {
    delete pyodide._api?.config?._loadSnapshot; // Pyodide keeps its options: let the 31 MB of the snapshot go
    pyodide.runPython("import sys, zipimport\nzipimport._zip_directory_cache.clear()\nsys.path_importer_cache.clear()");
  }
  // The wheel at the path the snapshot was made with: Python imports the engine from it as it is (a
  // pure-Python wheel is a zip archive) when it starts from scratch, instead of loadPyodide({packages}),
  // whose installer first imports tarfile, importlib.metadata and email and unpacks the wheel.
  const { name, bytes } = await wheel;
  const path = `/lib/${name}`;
  pyodide.FS.writeFile(path, bytes);
  pyodide.runPython(`import sys\nif ${JSON.stringify(path)} not in sys.path: sys.path.insert(0, ${JSON.stringify(path)})`);
  const { call } = pyodide.pyimport("okr1on1.engine_calls");
  return { call, version: pyodide.version, from };
}

let settled = false;
function fail(error) {
  if (settled) return;
  settled = true;
  // The page says what went wrong in its own language (a widget text key); `message` is for the console.
  const message = String(error?.message ?? error).trim().split("\n").at(-1);
  const stalled = stalledFile();
  const reason = stalled ? "engine_failed_stalled" : /fetch|load|network|request/i.test(message) ? "engine_failed_download" : "engine_failed_start";
  postMessage({ type: "failed", reason, file: stalled, message });
}
// Pyodide reports some load failures (a file that did not download) only as an unhandled rejection
// and never settles loadPyodide(): treat those as a failed start.
addEventListener("unhandledrejection", (event) => {
  if (settled) return;
  event.preventDefault();
  fail(event.reason);
});

const engine = start();
engine.then(({ version, from }) => {
  if (settled) return;
  settled = true;
  postMessage({ type: "ready", pyodide: version, from, ms: Math.round(performance.now() - started) });
}, fail);

addEventListener("message", async ({ data }) => {
  if (data?.type === "go") return go();
  const { id, method, args } = data;
  try {
    const { call } = await engine;
    const progress = (done, total) => postMessage({ id, progress: { done, total } });
    postMessage({ id, ...JSON.parse(call(method, JSON.stringify(args), progress)) });
  } catch (error) {
    postMessage({ id, ok: false, error: String(error?.message ?? error), statement: null });
  }
});
