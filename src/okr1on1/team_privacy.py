"""What the team page may show without exposing a person: distinct respondents, the no-differencing
rule, and the team bundle (aggregates only) that a collector hands to the team lead. See STORAGE.md.

Standard library only, valid on Python 3.12 to 3.14: shipped to the browser with `results_files.py`.

The no-differencing rule. Every team figure (the team mean, a statement, a theme) is computed over a
set of responses. Sums over two sets that overlap give, by subtraction, the sum over their difference;
with several sets, any combination of them. So a figure is shown only when, over all the sets this
figure was shown for before (earlier on the page, in a saved snapshot, in a bundle already made) plus
the new one, every group of responses that belongs to exactly the same of those sets has at least the
threshold of members. Every combination of the shown sums is then constant on those groups, so none is
determined by fewer than the threshold of answers. (Two sets that "differ by at least the threshold"
are not enough on their own: {1..5}, {1..10} and {6..11} give person 11 by two subtractions.)

A response is identified by a token: a hash of its survey, its respondent id and its answers. A person
who answers again gives a new response; the same file loaded twice, or re-exported, gives the same one.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from okr1on1.scoring import MIN_RESPONSES, ScoringError, _band, _distance, _index, _split, is_int, summary_of_sums, team_sums, withheld_summary

BUNDLE_FORMAT = "okr1on1-team-bundle"
BUNDLE_VERSION = 1
RELEASES_FORMAT = "okr1on1-collector-releases"
RELEASES_VERSION = 1
MAX_BUNDLE_BYTES = 512 * 1024
MAX_RESPONDENTS = 5000
TEAM = "team"  # the figure key of the team as a whole; statements are "s:<id>", themes "t:<tag>"

Figures = dict[str, list[str]]  # figure key → sorted tokens of the responses it is computed over


def respondent_id(secret: str, mode: str) -> str:
    """The id a member's browser puts in a share file: derived from its random secret, one per mode, so
    an open file and an anonymous one of the same person cannot be linked by their ids."""
    return hashlib.sha256(f"okr1on1-respondent\n{mode}\n{secret}".encode()).hexdigest()[:32]


def normalised_name(name: str) -> str:
    """A name as a person reads it: NFKC (full-width letters, ligatures), without format characters
    (zero-width spaces and joiners, bidi controls), spaces collapsed."""
    cleaned = "".join(char for char in unicodedata.normalize("NFKC", name) if unicodedata.category(char) != "Cf")
    return " ".join(cleaned.split())


def same_name_key(name: str) -> str:
    """Two names with the same key are one person's (case ignored)."""
    return normalised_name(name).casefold()


def response_token(survey: str, respondent: str, answers: Mapping[str, int]) -> str:
    canonical = json.dumps([survey, respondent, sorted(answers.items())], separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


# --- figures and the rule ---------------------------------------------------------------------


def figure_keys(spec: Mapping[str, Any]) -> list[str]:
    tags = dict.fromkeys(tag for statement in spec["statements"] for tag in statement.get("tags", []))
    return [TEAM, *(f"s:{s['id']}" for s in spec["statements"]), *(f"t:{tag}" for tag in tags)]


def figure_sets(spec: Mapping[str, Any], responses: Sequence[tuple[str, Mapping[str, Any]]]) -> Figures:
    """For `(token, score result)` pairs: the tokens each figure is computed over (who answered it)."""
    sets: dict[str, list[str]] = {key: [] for key in figure_keys(spec)}
    for token, result in responses:
        if result["mean"] is not None:
            sets[TEAM].append(token)
        for item in result["per_statement"]:
            if item["value"] is not None:
                sets[f"s:{item['id']}"].append(token)
        for tag, mean in result["by_tag"].items():
            if mean is not None:
                sets[f"t:{tag}"].append(token)
    return {key: sorted(tokens) for key, tokens in sets.items()}


def groups_large_enough(earlier: Iterable[Iterable[str]], candidate: Iterable[str], threshold: int) -> bool:
    """The rule: over the `earlier` sets and `candidate`, every group of tokens that belongs to exactly
    the same sets has at least `threshold` members."""
    sets = [frozenset(tokens) for tokens in earlier]
    sets.append(frozenset(candidate))
    groups: dict[tuple[bool, ...], int] = {}
    for token in frozenset().union(*sets):
        signature = tuple(token in tokens for tokens in sets)
        groups[signature] = groups.get(signature, 0) + 1
    return all(size >= threshold for size in groups.values())


def judge(sets: Figures, earlier: Mapping[str, Sequence[Sequence[str]]], threshold: int) -> dict[str, str | None]:
    """Per figure: None when it may be shown, "too_few" or "differencing" when not. When the team as a
    whole may not be shown, nothing of it is."""
    verdicts: dict[str, str | None] = {}
    for key, tokens in sets.items():
        if len(tokens) < threshold:
            verdicts[key] = "too_few"
        elif not groups_large_enough(earlier.get(key, []), tokens, threshold):
            verdicts[key] = "differencing"
        else:
            verdicts[key] = None
    if verdicts.get(TEAM):
        verdicts = dict.fromkeys(verdicts, verdicts[TEAM])
    return verdicts


def shown_sets(sets: Figures, verdicts: Mapping[str, str | None]) -> Figures:
    return {key: tokens for key, tokens in sets.items() if verdicts.get(key) is None}


def add_released(released: Mapping[str, Mapping[str, Sequence[Sequence[str]]]], survey: str, shown: Figures) -> dict[str, dict[str, list[list[str]]]]:
    """`released` (survey → figure key → the token sets shown) with `shown` added, each set once."""
    result = {name: {key: [list(tokens) for tokens in sets] for key, sets in figures.items()} for name, figures in released.items()}
    figures = result.setdefault(survey, {})
    for key, tokens in shown.items():
        if list(tokens) not in figures.setdefault(key, []):
            figures[key].append(list(tokens))
    return result


def checked_released(released: Any) -> dict[str, dict[str, list[list[str]]]]:
    """The page's memory of what it showed, as it sent it back; anything malformed counts as nothing shown
    (the page holds it in memory only, and only ever gets it from this module)."""
    if not isinstance(released, dict):
        return {}
    good: dict[str, dict[str, list[list[str]]]] = {}
    for survey, figures in released.items():
        if isinstance(survey, str) and isinstance(figures, dict):
            good[survey] = {
                key: [list(tokens) for tokens in sets if isinstance(tokens, list) and all(isinstance(t, str) for t in tokens)]
                for key, sets in figures.items()
                if isinstance(key, str) and isinstance(sets, list)
            }
    return good


def merge_earlier(*sources: Mapping[str, Sequence[Sequence[str]]]) -> dict[str, list[Sequence[str]]]:
    merged: dict[str, list[Sequence[str]]] = {}
    for source in sources:
        for key, sets in source.items():
            merged.setdefault(key, []).extend(sets)
    return merged


def apply_verdicts(team: dict[str, Any], verdicts: Mapping[str, str | None], threshold: int) -> dict[str, Any]:
    """An `aggregate` result with every figure the rule withholds emptied (so the page never even holds
    the number), each withheld figure saying why (`why`)."""
    def apply(key: str, item: dict[str, Any]) -> dict[str, Any]:
        why = verdicts.get(key)
        if why is None and not item.get("withheld"):
            return {**item, "why": None}
        reason = f"fewer than {threshold} responses" if why != "differencing" else "would tell a person's answers apart from figures shown before"
        return {**{k: v for k, v in item.items() if k in ("id", "text")}, **withheld_summary(item["n"], reason), "why": why or "too_few"}

    summary = apply(TEAM, team["team"])
    summary["index"] = team["team"]["index"] if not summary["withheld"] else None
    summary["band"] = team["team"]["band"] if not summary["withheld"] else None
    summary["distance"] = team["team"].get("distance") if not summary["withheld"] else None
    return {
        **team,
        "withheld": summary["withheld"],
        "reason": summary["reason"],
        "why": summary["why"],
        "team": summary,
        "statements": [apply(f"s:{item['id']}", item) for item in team["statements"]],
        "by_tag": {tag: apply(f"t:{tag}", item) for tag, item in team["by_tag"].items()},
    }


# --- the team bundle ----------------------------------------------------------------------------


def _statement_sums(values: Sequence[int], split: Mapping[str, float] | None, scale: Mapping[str, int]) -> dict[str, Any]:
    return {**team_sums(values, split), "histogram": [values.count(point) for point in range(scale["min"], scale["max"] + 1)]}


def make_bundle(
    spec: Mapping[str, Any], responses: Sequence[tuple[str, Mapping[str, Any]]], verdicts: Mapping[str, str | None], threshold: int, made_on: str
) -> dict[str, Any]:
    """The bundle of one survey: per shown figure its sums (statements also a histogram of the adjusted
    answers), the sorted response tokens and, per figure, which of them it leaves out. No answers, no
    names, the day only."""
    split = _split(spec)
    tokens = sorted(token for token, _ in responses)
    position = {token: i for i, token in enumerate(tokens)}
    sets = figure_sets(spec, responses)

    def missing(key: str) -> list[int]:
        inside = set(sets[key])
        return [position[token] for token in tokens if token not in inside]

    team = None
    if verdicts.get(TEAM) is None:
        team = {**team_sums([r["mean"] for _, r in responses if r["mean"] is not None], split), "missing": missing(TEAM)}
    statements: dict[str, Any] = {}
    for index, statement in enumerate(spec["statements"]):
        key = f"s:{statement['id']}"
        values = [r["per_statement"][index]["value"] for _, r in responses if r["per_statement"][index]["value"] is not None]
        shown = verdicts.get(key) is None
        statements[statement["id"]] = {**_statement_sums(values, split, spec["scale"]), "missing": missing(key)} if shown else None
    by_tag: dict[str, Any] = {}
    for key in figure_keys(spec):
        if key.startswith("t:"):
            tag = key[2:]
            values = [r["by_tag"][tag] for _, r in responses if r["by_tag"][tag] is not None]
            by_tag[tag] = {**team_sums(values, split), "missing": missing(key)} if verdicts.get(key) is None else None
    return {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "survey": spec["id"],
        "survey_version": spec["version"],
        "made_on": made_on,
        "min_responses": threshold,
        "respondents": tokens,
        "team": team,
        "statements": statements,
        "by_tag": by_tag,
    }


class BundleDamaged(ValueError):
    """A bundle that does not hold together; the message names the field."""


def _checked_sums(item: Any, field: str, count: int, histogram_points: int | None) -> dict[str, Any] | None:
    if item is None:
        return None
    if not isinstance(item, dict):
        raise BundleDamaged(field)
    numbers = ("n", "sum", "sum_sq", "unit", "favourable", "neutral", "unfavourable")
    if not all(is_int(item.get(key)) and item[key] >= 0 for key in numbers) or item["unit"] < 1:
        raise BundleDamaged(field)
    missing = item.get("missing")
    if not isinstance(missing, list) or not all(is_int(i) and 0 <= i < count for i in missing) or len(set(missing)) != len(missing):
        raise BundleDamaged(field)
    if item["n"] != count - len(missing) or item["favourable"] + item["neutral"] + item["unfavourable"] != item["n"]:
        raise BundleDamaged(field)
    if histogram_points is not None:
        histogram = item.get("histogram")
        if not isinstance(histogram, list) or not all(is_int(c) and c >= 0 for c in histogram):
            raise BundleDamaged(field)
        if len(histogram) != histogram_points or sum(histogram) != item["n"]:
            raise BundleDamaged(field)
    return item


def read_bundle(data: Mapping[str, Any], spec: Mapping[str, Any]) -> dict[str, Any]:
    """Check a bundle's figures against its survey (raises `BundleDamaged` naming the field)."""
    tokens = data.get("respondents")
    if not isinstance(tokens, list) or not 0 < len(tokens) <= MAX_RESPONDENTS or not all(isinstance(t, str) and 0 < len(t) <= 64 for t in tokens):
        raise BundleDamaged("respondents")
    if len(set(tokens)) != len(tokens):
        raise BundleDamaged("respondents")
    threshold = data.get("min_responses")
    if not is_int(threshold) or threshold < MIN_RESPONSES:
        raise BundleDamaged("min_responses")
    made_on = data.get("made_on")
    if not isinstance(made_on, str) or len(made_on) != 10:
        raise BundleDamaged("made_on")
    count = len(tokens)
    points = spec["scale"]["max"] - spec["scale"]["min"] + 1
    team = _checked_sums(data.get("team"), "team", count, None)
    statements, by_tag = data.get("statements"), data.get("by_tag")
    if not isinstance(statements, dict) or not isinstance(by_tag, dict):
        raise BundleDamaged("statements")
    tags = [key[2:] for key in figure_keys(spec) if key.startswith("t:")]
    return {
        "made_on": made_on,
        "min_responses": threshold,
        "respondents": list(tokens),
        "team": team,
        "statements": {s["id"]: _checked_sums(statements.get(s["id"]), f"statements.{s['id']}", count, points) for s in spec["statements"]},
        "by_tag": {tag: _checked_sums(by_tag.get(tag), f"by_tag.{tag}", count, None) for tag in tags},
    }


def bundle_sets(bundle: Mapping[str, Any]) -> Figures:
    """The tokens each figure of a (checked) bundle is computed over; withheld figures have none."""
    tokens = bundle["respondents"]

    def inside(item: Mapping[str, Any] | None) -> list[str] | None:
        if item is None:
            return None
        left_out = set(item["missing"])
        return [token for i, token in enumerate(tokens) if i not in left_out]

    sets = {TEAM: inside(bundle["team"])}
    sets.update({f"s:{sid}": inside(item) for sid, item in bundle["statements"].items()})
    sets.update({f"t:{tag}": inside(item) for tag, item in bundle["by_tag"].items()})
    return {key: value for key, value in sets.items() if value is not None}


def _median_of_histogram(histogram: Sequence[int], low: int) -> float | None:
    ordered = [low + point for point, count in enumerate(histogram) for _ in range(count)]
    if not ordered:
        return None
    middle = len(ordered) // 2
    return float(ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2)


def bundle_aggregate(spec: Mapping[str, Any], bundle: Mapping[str, Any], threshold: int) -> dict[str, Any]:
    """The team result of a bundle, in the shape of `scoring.aggregate` (a figure the bundle left out is
    withheld; medians only where the bundle has a histogram)."""
    low = spec["scale"]["min"]

    def summary(item: Mapping[str, Any] | None, median: float | None = None) -> dict[str, Any]:
        if item is None:
            return withheld_summary(0, f"fewer than {threshold} responses")
        return summary_of_sums(item, median, threshold, spec)

    team = summary(bundle["team"])
    team["index"] = _index(team["mean"], spec)
    team["band"] = _band(team["mean"], spec["bands"])
    team["distance"] = _distance(team["mean"], spec)
    statements = []
    for statement in spec["statements"]:
        item = bundle["statements"].get(statement["id"])
        median = _median_of_histogram(item["histogram"], low) if item else None
        statements.append({"id": statement["id"], "text": statement["text"], **summary(item, median)})
    by_tag = {tag: summary(item) for tag, item in bundle["by_tag"].items()}
    return {
        "survey": spec["id"],
        "version": spec["version"],
        "min_responses": threshold,
        "responses": len(bundle["respondents"]),
        "withheld": team["withheld"],
        "reason": team["reason"],
        "team": team,
        "statements": statements,
        "by_tag": by_tag,
    }


# --- the collector's memory of the bundles it made ------------------------------------------------


def read_releases(text: str | None) -> dict[str, dict[str, list[list[str]]]]:
    """The collector's stored document (None: none yet) as survey → figure → token sets; raises
    `ScoringError` when it cannot be read (it is then never overwritten)."""
    if text is None:
        return {}
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise ScoringError("the collector's record of bundles is not JSON") from None
    ours = isinstance(data, dict) and data.get("format") == RELEASES_FORMAT and data.get("version") == RELEASES_VERSION
    if not ours or not isinstance(data.get("surveys"), dict):
        raise ScoringError("the collector's record of bundles is not readable")
    return checked_released(data["surveys"])


def releases_document(released: Mapping[str, Any]) -> str:
    return json.dumps({"format": RELEASES_FORMAT, "version": RELEASES_VERSION, "surveys": released}, separators=(",", ":"))
