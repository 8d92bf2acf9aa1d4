// Restore the built site's engine snapshot in Pyodide under Node, the way the browser worker does, and
// run calls through okr1on1.engine_calls.
//
//   node engine_from_snapshot.mjs SITE_PYODIDE_DIR [scratch]
// stdin:  a JSON list of [method, payload] pairs
// stdout: {imported: bool (the engine was in sys.modules before anything was imported), answers: [...]}
// Both starts mount the trimmed standard library the worker mounts (stdlib_trim.py): the snapshot, the
// few files imported after it; `scratch`, a start without the snapshot, the engine's whole trimmed one.
// A module the engine needs that the build left out fails the calls that import it.
// Both instantiate the WebAssembly's code without its data (wasm_split.py) and fill its memory as the
// worker does: from the data image, or from the snapshot with its patch (worker-snapshot.js's layData).
import { readFileSync, readdirSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { loadPyodide } from "pyodide";
import { layData } from "../../overrides/assets/okr1on1/worker-snapshot.js";

const folder = process.argv[2].replace(/\/?$/, "/");
const manifest = JSON.parse(readFileSync(`${folder}okr1on1-engine.json`, "utf8"));
const scratch = process.argv[3] === "scratch";
let input = "";
for await (const chunk of process.stdin) input += chunk;

const memory = scratch ? null : gunzipSync(readFileSync(`${folder}${manifest.snapshot}`));
const code = readFileSync(`${folder}pyodide.asm-code.wasm`);
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async (_whole, imports) => {
  const made = await instantiate(code, imports);
  const heap = new Uint8Array(made.instance.exports.memory.buffer);
  if (scratch) heap.set(readFileSync(`${folder}pyodide.asm-data.bin`));
  else layData(heap, { memory, patch: readFileSync(`${folder}${manifest.patch}`) });
  return made;
};

const toStderr = (line) => process.stderr.write(`${line}\n`);
const pyodide = await loadPyodide({
  indexURL: folder,
  lockFileURL: `${folder}pyodide-lock.json`,
  stdLibURL: `${folder}${scratch ? "python_stdlib-engine.zip" : "python_stdlib-late.zip"}`,
  ...(scratch ? {} : { _loadSnapshot: memory }),
  stdout: toStderr,
  stderr: toStderr,
});
const imported = pyodide.runPython("import sys\n'okr1on1.engine_calls' in sys.modules");
// As worker.js does: the restored zip importer's caches describe the library the build had mounted.
pyodide.runPython("import sys, zipimport\nzipimport._zip_directory_cache.clear()\nsys.path_importer_cache.clear()");
// As worker.js does after a restore: the wheel at the path the snapshot was made with (the memory holds
// what was imported; modules imported on their first call, such as My OKRs', are read from the wheel).
const wheel = readdirSync(folder).find((name) => name.endsWith(".whl"));
pyodide.FS.writeFile(`/lib/${wheel}`, readFileSync(`${folder}${wheel}`));
if (scratch) pyodide.runPython(`import sys\nsys.path.insert(0, "/lib/${wheel}")`);
const { call } = pyodide.pyimport("okr1on1.engine_calls");
const answers = JSON.parse(input).map(([method, payload]) => call(method, payload));
process.stdout.write(`${JSON.stringify({ imported, answers })}\n`);
