// The scoring engine's memory snapshot, made at build time under Node (the same Pyodide files the site
// serves): Pyodide started, the engine's wheel at the path the worker gives it, the engine imported,
// then Pyodide's memory saved and gzipped. The worker restores it instead of starting Python and
// importing the engine again, which is most of a start-up (see worker.js). It holds nothing of any reader:
// it is made before the engine is called. It does freeze one state for every reader of a build, random
// ones included (Python's hash seed, the allocator's), and the build machine's time zone: the engine keeps
// no secret that would depend on them and works in UTC only.
// So two builds make different bytes; the build keeps one snapshot per engine and Pyodide (pyodide_bundle).
//
// It also writes which of the standard library's files the start needs (OUTPUT.modules.json): `start`,
// those in memory when the snapshot is made; `engine`, those in memory once the engine has imported all it
// names (NEEDS.json: {"imports": [module, ...], "codecs": [encoding, ...]}, read from its source by the
// build), its modules imported on their first call included. The build trims the library to them.
//
//   node engine_snapshot.mjs PYODIDE_DIR WHEEL OUTPUT.gz NEEDS.json
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const [dist, wheel, output, needsFile] = process.argv.slice(2);
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

// The standard library's files in memory (their paths inside the zip), read without importing anything.
const LOADED = `
import sys
_zip = next(entry for entry in sys.path if entry.endswith(".zip")) + "/"
sorted({module.__file__[len(_zip):] for module in list(sys.modules.values()) if (getattr(module, "__file__", None) or "").startswith(_zip)})
`;
const loaded = () => pyodide.runPython(LOADED, { globals: pyodide.toPy({}) }).toJs();
const start = loaded();
// gzip level 9: 0.5 % smaller than level 6 for 2 s more, once per engine (cached). Every byte counts
// here: Chromium's in-memory cache (a private window) keeps no file over 6.25 MiB (test_engine_snapshot).
writeFileSync(output, gzipSync(pyodide.makeMemorySnapshot(), { level: 9 }));

const needs = JSON.parse(readFileSync(needsFile, "utf8"));
pyodide.runPython(
  `
import codecs, importlib
for name, names in imports:
    module = importlib.import_module(name)
    for attribute in names:  # from x import y: y may be a module of the package x
        if not hasattr(module, attribute):
            importlib.import_module(f"{name}.{attribute}")
for name in codecs_named:
    codecs.lookup(name)
`,
  { globals: pyodide.toPy({ imports: needs.imports, codecs_named: needs.codecs }) },
);
writeFileSync(`${output}.modules.json`, JSON.stringify({ start, engine: loaded() }));
