"""The engine's memory snapshot in the built site: named with its sha256 in okr1on1-engine.json, made
once per engine, and, restored in Pyodide, an engine that answers exactly as CPython's does."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import random
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import brotli
import pytest

from okr1on1 import engine_calls, okr_checkins
from okr1on1.content.loader import load_content
from okr1on1.site.pyodide_bundle import ENGINE_MANIFEST, SITE_FOLDER, SnapshotFailed, pyodide_bundle
from okr1on1.survey_spec import survey_spec

ROOT = Path(__file__).resolve().parents[2]
RESTORE = ROOT / "tests" / "node" / "engine_from_snapshot.mjs"
SNAPSHOT_MAGIC = b"\x00snp"  # how Pyodide's memory snapshots begin


def manifest(folder: Path) -> dict[str, str]:
    return json.loads((folder / ENGINE_MANIFEST).read_text(encoding="utf-8"))


def test_the_manifest_names_the_snapshot_by_its_sha256(built_site: Path) -> None:
    folder = built_site / SITE_FOLDER  # one copy, for both editions
    entry = manifest(folder)
    data = (folder / entry["snapshot"]).read_bytes()
    digest = hashlib.sha256(data).digest()
    assert digest.hex()[:16] in entry["snapshot"]
    memory = gzip.decompress(data)
    # Its brotli copy, which a host that negotiates sends with Content-Encoding, is the memory itself.
    assert brotli.decompress((folder / f"{entry['snapshot']}.br").read_bytes()) == memory
    # The worker checks the body it gets against these: the file as it lies, or the memory.
    sha256 = [f"sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}" for body in (memory, data)]
    assert entry["integrity"].split(" ") == sha256
    assert memory.startswith(SNAPSHOT_MAGIC)
    assert len(memory) > 16 * 2**20  # Pyodide's memory, with Python started
    # Nothing of the machine that built it goes to every reader (Node gave Emscripten the script's path).
    assert str(ROOT).encode() not in memory


# Chromium's in-memory HTTP cache (a private window, Playwright's contexts) is 50 MiB and stores no
# entry over an eighth of it: a larger snapshot is downloaded again on every visit, and a reader who
# saves data never gets it (test_a_reader_saving_data_gets_the_snapshot_only_from_the_browser_s_cache).
PRIVATE_WINDOW_LARGEST_ENTRY = 50 * 2**20 // 8


def test_the_snapshot_fits_a_private_window_s_cache(built_site: Path) -> None:
    folder = built_site / SITE_FOLDER
    size = (folder / manifest(folder)["snapshot"]).stat().st_size
    assert size <= PRIVATE_WINDOW_LARGEST_ENTRY, f"snapshot of {size} bytes: import less into it (engine_calls._later)"


def test_a_rebuild_reuses_the_snapshot(built_site: Path) -> None:
    # The session's build made it: a rebuild (same engine, same Pyodide) copies it and starts no Node.
    snapshot = built_site / SITE_FOLDER / manifest(built_site / SITE_FOLDER)["snapshot"]
    bundle = pyodide_bundle(ROOT, ROOT / ".cache" / "okr1on1")
    cached = bundle.files[snapshot.name]
    assert cached.read_bytes() == snapshot.read_bytes()
    before = cached.stat().st_mtime_ns
    pyodide_bundle(ROOT, ROOT / ".cache" / "okr1on1")
    assert cached.stat().st_mtime_ns == before


def test_without_node_the_build_says_what_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SnapshotFailed, match="node is not installed"):
        pyodide_bundle(ROOT, tmp_path / "cache")


@pytest.mark.node
@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("start_from", ["snapshot", "scratch"])
def test_the_restored_engine_answers_as_cpython_does(built_site: Path, start_from: str) -> None:
    # Either start mounts the standard library the build trimmed (stdlib_trim.py): a module the engine
    # needs and the build left out fails the calls that import it.
    content = load_content(ROOT / "content")
    specs = [survey_spec(survey, lang, surveys=content.surveys()) for survey in content.surveys() for lang in ("nl", "en")]
    calls = []
    for index, spec in enumerate(specs):
        answers = {statement["id"]: (index + position) % 7 + 1 for position, statement in enumerate(spec["statements"])}
        calls.append(["score", json.dumps([spec, answers])])
        calls.append(["score", json.dumps([spec, {spec["statements"][0]["id"]: 0}])])  # refused, names the statement
    calls.append(["read_results_file", json.dumps(["{not json", specs])])
    # My OKRs (okr_checkins): a quarter checked in twice, its view and summary, and a refused set-up.
    key_results = [
        {"id": "k", "title": "Users", "type": "metric", "start": 0, "target": 1000, "unit": "", "better": "higher"},
        {"id": "m", "title": "Beta", "type": "milestone"},
    ]
    objective = {"id": "o", "title": "Ship", "kind": "committed", "key_results": key_results}
    quarter = {"id": "q", "start": "2026-10-01", "end": "2026-12-31", "objectives": [objective]}
    okrs = okr_checkins.save_quarter(None, quarter)
    for day, value, confidence in (("2026-10-09", 100, 8), ("2026-10-16", 150, 5)):
        entry = {"k": {"value": value, "confidence": confidence}, "m": {"done": value > 120, "confidence": 6}}
        okrs = okr_checkins.save_checkin(okrs, "q", {"id": day, "date": day, "saved_at": f"{day}T16:00:00Z", "key_results": entry})
    calls += [
        ["okr_save_quarter", json.dumps([None, quarter])],
        ["okr_read", json.dumps([okrs, "2026-10-24"])],
        ["okr_view", json.dumps([okrs, "q", "2026-10-24"])],
        ["okr_summary", json.dumps([okrs, None, {}, "nl", "2026-10-24"])],
        ["okr_save_quarter", json.dumps([okrs, {**quarter, "end": "2026-09-01"}])],
    ]
    # Random quarters (seeded): fractional starts and targets either way, a check-in most weeks, so the float
    # arithmetic of progress, expected progress and projection is compared too.
    rng = random.Random(20261201)
    for number in range(6):
        start, target = rng.uniform(-50, 50), rng.uniform(-50, 50)
        better = "higher" if target > start else "lower"
        metric = {"id": "k", "title": "x", "type": "metric", "start": start, "target": target, "unit": "", "better": better}
        kind = rng.choice(["committed", "aspirational"])
        objective = {"id": "o", "title": "y", "kind": kind, "key_results": [metric, {"id": "m", "title": "z", "type": "milestone"}]}
        text = okr_checkins.save_quarter(None, {"id": f"r{number}", "start": "2026-07-01", "end": "2026-09-30", "objectives": [objective]})
        for week in range(13):
            if rng.random() < 0.8:
                day = (date(2026, 7, 3) + timedelta(weeks=week)).isoformat()
                values = {"k": {"value": rng.uniform(-60, 60), "confidence": rng.randint(1, 10)}}
                values["m"] = {"done": rng.random() < 0.3, "confidence": rng.randint(1, 10)}
                entry = {"id": f"c{week}", "date": day, "saved_at": f"{day}T09:00:00Z", "key_results": values}
                text = okr_checkins.save_checkin(text, f"r{number}", entry)
        lang = rng.choice(["nl", "en"])
        calls += [["okr_view", json.dumps([text, f"r{number}", "2026-09-15"])], ["okr_summary", json.dumps([text, None, {}, lang, "2026-09-15"])]]
    # The modules imported on their first call, and what they import: the exports, the notebook.
    stored = engine_calls.call("add_results", json.dumps([None, specs[:1], [_result(specs[0])]]))
    text = json.loads(stored)["result"]["text"]
    calls += [
        ["results_csv", json.dumps([text, specs, "(removed)"])],
        ["results_workbook", json.dumps([text, specs, {}])],
        ["notebook_new", json.dumps(["n1", "Anna", "2026-11-16T09:00:00Z"])],
        ["notebook_ics", json.dumps(["1:1 met Anna", "2026-11-23T10:30", 45, "weekly", "u@okr1on1", "2026-11-16T09:00:00Z"])],
    ]
    run = subprocess.run(
        ["node", str(RESTORE), str(built_site / SITE_FOLDER), start_from],
        cwd=ROOT, input=json.dumps(calls), capture_output=True, text=True, encoding="utf-8", timeout=300, check=False,
    )
    assert run.returncode == 0, run.stderr
    restored = json.loads(run.stdout)
    # From the snapshot, the engine came with the memory, not from an import after it.
    assert restored["imported"] is (start_from == "snapshot")
    assert restored["answers"] == [engine_calls.call(method, payload) for method, payload in calls]


def _result(spec: dict[str, object]) -> dict[str, object]:
    """A saved result of `spec`, every statement answered 5."""
    statements = spec["statements"]
    assert isinstance(statements, list)
    answers = {statement["id"]: 5 for statement in statements}
    return {"id": "r-1", "survey": spec["id"], "survey_version": spec["version"], "saved_at": "2026-11-16T09:00:00Z", "answers": answers, "notes": {}}
