// The scoring engine's memory snapshot, made at build time under Node (the same Pyodide files the site
// serves): Pyodide started, the engine's wheel at the path the worker gives it, the engine imported,
// then Pyodide's memory saved and gzipped. The worker restores it instead of starting Python and
// importing the engine again, which is most of a start-up (see worker.js). It holds nothing of any reader:
// it is made before the engine is called. It does freeze one state for every reader of a build, random
// ones included (Python's hash seed, the allocator's), and the build machine's time zone: the engine keeps
// no secret that would depend on them and works in UTC only.
// So two builds make different bytes; the build keeps one snapshot per engine and Pyodide (pyodide_bundle).
//
//   node engine_snapshot.mjs PYODIDE_DIR WHEEL OUTPUT.gz
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const [dist, wheel, output] = process.argv.slice(2);
const indexURL = pathToFileURL(`${dist}/`).href;
const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
const toStderr = (line) => process.stderr.write(`${line}\n`);
// Emscripten under Node takes the program's name from this script's path (the build machine's) and keeps it
// in memory (argv[0], the environment's `_`); in a browser it is "./this.program". Give it that.
process.argv[1] = "./this.program";
const pyodide = await loadPyodide({ indexURL: `${dist}/`, _makeSnapshot: true, stdout: toStderr, stderr: toStderr });
const path = `/lib/${basename(wheel)}`; // where worker.js writes the wheel, so sys.path matches
pyodide.FS.writeFile(path, readFileSync(wheel));
pyodide.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(path)})\nimport okr1on1.engine_calls`);
// gzip level 9: 0.5 % smaller than level 6 for 2 s more, once per engine (cached). Every byte counts
// here: Chromium's in-memory cache (a private window) keeps no file over 6.25 MiB (test_engine_snapshot).
writeFileSync(output, gzipSync(pyodide.makeMemorySnapshot(), { level: 9 }));
