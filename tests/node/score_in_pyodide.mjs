// Run the real src/okr1on1/scoring.py in Pyodide under Node, as the browser worker will.
//
// stdin:  a JSON list of cases, each {op: "score", spec, answers} | {op: "compare", previous, current}
//         | {op: "aggregate", spec, results, min_responses?}
// stdout: {python: [major, minor, micro], platform, sha256 (of the scoring.py that ran), results: [...]}
//         where each result is the function's return value or {error: <class name>, message}.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const repo = new URL("../../", import.meta.url);
const indexURL = fileURLToPath(new URL("node_modules/pyodide/", repo));
const source = readFileSync(new URL("src/okr1on1/scoring.py", repo), "utf8");

let input = "";
for await (const chunk of process.stdin) input += chunk;

// Anything Python or Pyodide prints goes to stderr: stdout carries only the JSON answer.
const pyodide = await loadPyodide({
  indexURL,
  stdout: (line) => process.stderr.write(line + "\n"),
  stderr: (line) => process.stderr.write(line + "\n"),
});

pyodide.FS.mkdirTree("/home/pyodide/okr1on1_scoring");
pyodide.FS.writeFile("/home/pyodide/okr1on1_scoring/scoring.py", source, { encoding: "utf8" });
pyodide.globals.set("cases_json", input);

const output = pyodide.runPython(`
import hashlib, json, sys
sys.path.insert(0, "/home/pyodide/okr1on1_scoring")
import scoring

def run(case):
    try:
        if case["op"] == "score":
            return scoring.score(case["spec"], case["answers"])
        if case["op"] == "compare":
            return scoring.compare(case["previous"], case["current"])
        if case["op"] == "aggregate":
            return scoring.aggregate(case["spec"], case["results"], case.get("min_responses", 3))
        raise ValueError(f"unknown op {case['op']!r}")
    except scoring.ScoringError as error:
        return {"error": type(error).__name__, "message": str(error)}

with open(scoring.__file__, "rb") as file:
    sha256 = hashlib.sha256(file.read()).hexdigest()
json.dumps({
    "python": list(sys.version_info[:3]),
    "platform": sys.platform,
    "sha256": sha256,
    "results": [run(case) for case in json.loads(cases_json)],
})
`);
process.stdout.write(output + "\n");
