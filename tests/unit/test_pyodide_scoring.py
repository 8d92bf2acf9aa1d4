"""The scoring file gives the same answers in Pyodide (Python 3.14, as in the browser) as in CPython."""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from okr1on1 import scoring
from okr1on1.content.loader import load_template
from okr1on1.scoring import ScoringError, aggregate, compare, score
from okr1on1.survey_spec import survey_spec

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "tests" / "node" / "score_in_pyodide.mjs"
SCORING_FILE = Path(scoring.__file__)

pytestmark = [
    pytest.mark.node,
    pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed"),
    pytest.mark.skipif(not (REPO / "node_modules" / "pyodide" / "pyodide.mjs").exists(), reason="npm package pyodide is not installed"),
]


def make_spec(spec_id: str, low: int, high: int, statements: list[tuple[str, list[str], bool]], cuts: list[float]) -> dict[str, Any]:
    edges = [low, *cuts, high]
    return {
        "id": spec_id,
        "version": 1,
        "scale": {"min": low, "max": high, "labels": {str(low): "low", str(high): "high"}},
        "statements": [
            {"id": sid, "text": f"Text of {sid}", "tags": tags, "reverse": reverse, "follow_up": [f"About {sid}?"] if reverse else []}
            for sid, tags, reverse in statements
        ],
        "bands": [{"from": edges[i], "to": edges[i + 1], "label": f"band {i}"} for i in range(len(edges) - 1)],
        "follow_up": ["Why?", "What would help?"],
    }


def random_answers(spec: dict[str, Any], rng: random.Random, skip: float = 0.25) -> dict[str, int]:
    low, high = spec["scale"]["min"], spec["scale"]["max"]
    return {s["id"]: rng.randint(low, high) for s in spec["statements"] if rng.random() >= skip}


def build_cases() -> list[dict[str, Any]]:
    survey = load_template(REPO / "content" / "templates" / "personal-development.yaml")
    real_nl, real_en = survey_spec(survey, "nl"), survey_spec(survey, "en")
    seven = make_spec("seven", 1, 7, [("a", ["#x"], False), ("b", ["#x", "#y"], True), ("c", ["#y"], False), ("d", [], True)], [3, 5])
    ten = make_spec("ten", 1, 10, [(f"q{i}", [["#p"], ["#q"], ["#p", "#q"]][i % 3], i % 4 == 0) for i in range(9)], [4, 5.5, 8.25])
    signed = make_spec("signed", -2, 2, [("neg", ["#n"], True), ("zero", ["#n"], False), ("pos", [], False)], [0])
    two = make_spec("two", 0, 1, [("yes", [], False), ("no", [], True)], [])
    progress = survey_spec(load_template(REPO / "content" / "templates" / "okr-progress.yaml"), "en")  # no split
    tones = ["low", "mid", "high"]
    toned = {**seven, "id": "toned", "bands": [{**band, "tone": tones[i]} for i, band in enumerate(seven["bands"])]}
    split = {**toned, "id": "split", "split": {"favourable_from": 5, "unfavourable_below": 3.5}}
    specs = [real_nl, real_en, seven, ten, signed, two, progress, toned, split]
    rng = random.Random(20240607)

    cases: list[dict[str, Any]] = []

    def add_score(spec: dict[str, Any], answers: dict[str, Any]) -> None:
        cases.append({"op": "score", "spec": spec, "answers": answers})

    # Hand-picked: reverse coding, everything skipped, ties at the midpoint and in focus, band edges.
    add_score(real_nl, {"progress": 5, "address-behaviour": 6, "career-path": 3, "strengths": 7})
    add_score(real_en, {"progress": 1, "address-behaviour": 2, "receive-feedback": 3, "career-path": 4, "strengths": 5})
    add_score(real_en, {})
    add_score(seven, {"a": 2, "b": 6, "c": 1, "d": 3})  # focus ties
    add_score(seven, {"a": 4, "b": 4, "c": 5, "d": 3})  # midpoint ties
    add_score(seven, {"a": 7})  # the last band's upper edge, n = 1
    add_score(seven, {"a": 3, "b": 5})  # mean exactly on a band edge
    add_score(ten, {"q0": 10, "q1": 1, "q2": 5, "q3": 6, "q4": 7})
    add_score(signed, {"neg": -2, "zero": 0, "pos": 1})
    add_score(two, {"yes": 1, "no": 1})
    add_score(progress, {"objective-1": 5, "objective-2": 6})  # distance to the goal, no shares
    add_score(toned, {"a": 3, "b": 5, "c": 6})  # a tone per statement, theme and mean
    add_score(split, {"a": 5, "b": 4, "c": 3})  # the survey's own split
    # Random answer sets on every spec.
    for spec in specs:
        for _ in range(3):
            add_score(spec, random_answers(spec, rng))
    # Errors must read the same too.
    add_score(seven, {"a": 3, "zzz": 4})
    add_score(seven, {"a": True})
    add_score(ten, {"q3": 11})
    add_score({**seven, "scale": {"min": 5, "max": 5, "labels": {}}}, {})

    # compare and aggregate get results made by CPython, as the browser gets them from localStorage.
    for spec in (real_nl, seven, ten):
        before, after = score(spec, random_answers(spec, rng)), score(spec, random_answers(spec, rng))
        cases.append({"op": "compare", "previous": before, "current": after})
    cases.append({"op": "compare", "previous": score(seven, {}), "current": score(seven, {"a": 3})})
    for spec, people in ((real_nl, 3), (real_en, 5), (seven, 7), (ten, 12), (signed, 4), (seven, 2), (progress, 4), (split, 5)):
        results = [score(spec, random_answers(spec, rng, skip=0.4)) for _ in range(people)]
        cases.append({"op": "aggregate", "spec": spec, "results": results})
    cases.append({"op": "aggregate", "spec": ten, "results": [score(ten, random_answers(ten, rng)) for _ in range(5)], "min_responses": 6})
    cases.append({"op": "aggregate", "spec": seven, "results": [], "min_responses": 2})
    # Through JSON, so both sides start from exactly what the browser would send.
    return json.loads(json.dumps(cases))


def run_in_cpython(case: dict[str, Any]) -> Any:
    try:
        if case["op"] == "score":
            return score(case["spec"], case["answers"])
        if case["op"] == "compare":
            return compare(case["previous"], case["current"])
        return aggregate(case["spec"], case["results"], case.get("min_responses", 3))
    except ScoringError as error:
        return {"error": type(error).__name__, "message": str(error)}


def test_pyodide_gives_the_same_results_as_cpython() -> None:
    cases = build_cases()
    assert len(cases) >= 30
    done = subprocess.run(
        ["node", str(SCRIPT)], cwd=REPO, input=json.dumps(cases), capture_output=True, text=True, encoding="utf-8", timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    pyodide = json.loads(done.stdout)

    # The very file of this checkout ran, on the Python the browser has.
    assert pyodide["python"][:2] == [3, 14]
    assert pyodide["platform"] == "emscripten"
    assert pyodide["sha256"] == hashlib.sha256(SCORING_FILE.read_bytes()).hexdigest()

    expected = json.loads(json.dumps([run_in_cpython(case) for case in cases]))
    assert len(pyodide["results"]) == len(expected)
    for number, (case, got, want) in enumerate(zip(cases, pyodide["results"], expected, strict=True)):
        assert got == want, f"case {number} ({case['op']}) differs"
    # The cases did reach the interesting branches.
    errors = [r for r in expected if "error" in r]
    assert len(errors) == 5
    assert any(r.get("withheld") for r in expected if "team" in r)
    assert any(not r.get("withheld") for r in expected if "team" in r)
