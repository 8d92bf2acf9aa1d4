"""Score mood-check answers: the same file runs in CPython (tests, CLI) and in Pyodide (browser).

Standard library only, and valid on Python 3.12 to 3.14: this file is shipped to the browser as is.
The survey spec is a plain JSON-able dict (see `survey_spec.survey_spec`) with texts in one language:

    {"id", "version", "scale": {"min", "max", "labels": {"1": ...}},
     "statements": [{"id", "text", "tags", "reverse", "follow_up"}],
     "bands": [{"from", "to", "label", "tone"}], "follow_up": [...],
     "split": {"favourable_from", "unfavourable_below"} | None}

`split` is optional: without it, `default_split` of the scale applies; `None` means the survey has no
favourable / unfavourable reading (a progress check), and results give the distance to the goal instead.
A band's `tone` ("low", "mid" or "high") is optional; every figure's tone is the tone of its band.

Results hold unrounded floats; the UI rounds them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, TypeGuard

__all__ = ["ScoringError", "aggregate", "compare", "compare_teams", "default_split", "score", "self_gap", "validate_spec"]

# Team results below this many responses could identify a person; nobody may lower it.
MIN_RESPONSES = 3

_SPEC_KEYS = ("id", "version", "scale", "statements", "bands", "follow_up")
TONES = ("low", "mid", "high")


class ScoringError(ValueError):
    """Bad answers, a malformed spec or an impossible request; the message says which statement."""

    def __init__(self, message: str, statement: str | None = None) -> None:
        super().__init__(message)
        self.statement = statement


# --- spec ------------------------------------------------------------------------------------


def is_int(value: Any) -> TypeGuard[int]:
    """A JSON integer. bool is an int subclass, but True is no count and no answer on a 1..7 scale.
    The one check of it: the modules that read files and stored documents import it from here."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: Any) -> TypeGuard[int | float]:
    """A JSON number (integer or not), never a bool."""
    return is_int(value) or isinstance(value, float)


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def validate_spec(spec: Mapping[str, Any]) -> None:
    """Raise `ScoringError` when `spec` cannot be scored against (missing keys, min >= max, duplicate ids...)."""
    if not isinstance(spec, Mapping):
        raise ScoringError(f"spec must be a mapping, not {type(spec).__name__}")
    missing = [key for key in _SPEC_KEYS if key not in spec]
    if missing:
        raise ScoringError(f"spec lacks {', '.join(repr(key) for key in missing)}")
    if not isinstance(spec["id"], str) or not spec["id"]:
        raise ScoringError("spec 'id' must be a non-empty string")

    scale = spec["scale"]
    if not isinstance(scale, Mapping) or "min" not in scale or "max" not in scale:
        raise ScoringError("spec 'scale' needs 'min' and 'max'")
    low, high = scale["min"], scale["max"]
    if not (is_int(low) and is_int(high)):
        raise ScoringError("scale 'min' and 'max' must be integers")
    if low >= high:
        raise ScoringError(f"scale min ({low}) must be below max ({high})")
    labels = scale.get("labels", {})
    if not isinstance(labels, Mapping):
        raise ScoringError("scale 'labels' must be a mapping")
    for key in labels:
        try:
            point = int(key)
        except (TypeError, ValueError):
            raise ScoringError(f"scale label key {key!r} is not a scale point") from None
        if not low <= point <= high:
            raise ScoringError(f"scale label for {point} lies outside the scale {low}..{high}")

    statements = spec["statements"]
    if not isinstance(statements, list) or not statements:
        raise ScoringError("spec 'statements' must be a non-empty list")
    seen: set[str] = set()
    for index, statement in enumerate(statements):
        if not isinstance(statement, Mapping) or "id" not in statement or "text" not in statement:
            raise ScoringError(f"statement {index} needs 'id' and 'text'")
        statement_id = statement["id"]
        if not isinstance(statement_id, str) or not statement_id:
            raise ScoringError(f"statement {index}: 'id' must be a non-empty string")
        if statement_id in seen:
            raise ScoringError(f"duplicate statement id '{statement_id}'", statement_id)
        seen.add(statement_id)
        if not isinstance(statement.get("reverse", False), bool):
            raise ScoringError(f"statement '{statement_id}': 'reverse' must be true or false", statement_id)
        for key in ("tags", "follow_up"):
            if not _is_text_list(statement.get(key, [])):
                raise ScoringError(f"statement '{statement_id}': '{key}' must be a list of strings", statement_id)

    bands = spec["bands"]
    if not isinstance(bands, list):
        raise ScoringError("spec 'bands' must be a list")
    for index, band in enumerate(bands):
        if not isinstance(band, Mapping) or not all(key in band for key in ("from", "to", "label")):
            raise ScoringError(f"band {index} needs 'from', 'to' and 'label'")
        if not (is_number(band["from"]) and is_number(band["to"])) or band["from"] >= band["to"]:
            raise ScoringError(f"band {index} must run from a lower to a higher number")
        if band.get("tone") is not None and band["tone"] not in TONES:
            raise ScoringError(f"band {index}: 'tone' must be one of {', '.join(TONES)}")
    split = spec.get("split", {})
    if split is not None and split != {}:
        if not isinstance(split, Mapping) or not all(is_number(split.get(key)) for key in ("favourable_from", "unfavourable_below")):
            raise ScoringError("spec 'split' needs numbers 'favourable_from' and 'unfavourable_below'")
        if not low <= split["unfavourable_below"] <= split["favourable_from"] <= high:
            raise ScoringError(f"split must satisfy {low} <= unfavourable_below <= favourable_from <= {high}")
    if not _is_text_list(spec["follow_up"]):
        raise ScoringError("spec 'follow_up' must be a list of strings")


# --- one person's answers --------------------------------------------------------------------


def midpoint(low: int, high: int) -> float:
    """The middle of a scale from `low` to `high`: focus takes the answers below it, the default split
    counts below it as unfavourable, and the bars mark it (survey_spec gives it to the page, which draws
    it and never works it out)."""
    return (low + high) / 2


def default_split(low: int, high: int) -> dict[str, float]:
    """The split of an agreement scale that a survey does not set itself: favourable is the top two
    points ("top-2 box", 6 and 7 on a 1–7 scale), unfavourable everything below the midpoint (1 to 3),
    neutral what lies between (4 and 5)."""
    middle = midpoint(low, high)
    return {"favourable_from": float(max(high - 1, middle)), "unfavourable_below": middle}


def _split(spec: Mapping[str, Any]) -> dict[str, float] | None:
    """The spec's split, its default when it sets none, or None for a survey without one."""
    if "split" not in spec or spec["split"] == {}:
        return default_split(spec["scale"]["min"], spec["scale"]["max"])
    split: dict[str, float] = spec["split"]
    return split


# Mean, median and standard deviation as the `statistics` module computes them, to the last bit: from
# exact sums, rounded once. Not `statistics` itself: with the `fractions` it imports, it makes up two
# thirds of the engine's start in Pyodide.


def _exact_sums(values: Sequence[float]) -> tuple[int, int, int]:
    """Σx·D and Σ(x·D)² as integers, with D the common denominator (a power of two)."""
    ratios = [value.as_integer_ratio() for value in values]
    denominator = max(d for _, d in ratios)
    scaled = [n * (denominator // d) for n, d in ratios]
    return sum(scaled), sum(x * x for x in scaled), denominator


def _mean(values: Sequence[float]) -> float | None:
    if not values:
        return None
    total, _, denominator = _exact_sums(values)
    return total / (denominator * len(values))  # int / int is correctly rounded


def _median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered, middle = sorted(values), len(values) // 2
    return float(ordered[middle] if len(values) % 2 else (ordered[middle - 1] + ordered[middle]) / 2)


def _sd(values: Sequence[float]) -> float | None:
    """Population standard deviation, correctly rounded (the algorithm of `statistics.pstdev`)."""
    if len(values) < 2:
        return None
    total, squares, denominator = _exact_sums(values)
    count = len(values)
    # variance = (count·Σx² − (Σx)²) / count², with x scaled by the denominator
    numerator, divisor = count * squares - total * total, (count * denominator) ** 2
    common = math.gcd(numerator, divisor)
    return _sqrt_of_fraction(numerator // common, divisor // common)


_SQRT_BITS = 2 * 53 + 3  # the working precision that makes the rounding below correct for a float


def _sqrt_of_fraction(n: int, m: int) -> float:
    """√(n/m) as a float, correctly rounded: an integer square root rounded to odd, then one
    rounding to float (CPython's statistics._float_sqrt_of_frac; https://bugs.python.org/msg407078)."""
    q = (n.bit_length() - m.bit_length() - _SQRT_BITS) // 2
    if q >= 0:
        return (_isqrt_round_to_odd(n, m << 2 * q) << q) / 1
    return _isqrt_round_to_odd(n << -2 * q, m) / (1 << -q)


def _isqrt_round_to_odd(n: int, m: int) -> int:
    root = math.isqrt(n // m)
    return root | (root * root * m != n)


def _index(mean: float | None, spec: Mapping[str, Any]) -> float | None:
    if mean is None:
        return None
    low: int = spec["scale"]["min"]
    high: int = spec["scale"]["max"]
    return (mean - low) / (high - low) * 100


def _shares(values: Sequence[float], split: Mapping[str, float] | None) -> dict[str, float | None]:
    """Shares of favourable (at or above `favourable_from`), unfavourable (below `unfavourable_below`)
    and neutral values (the rest)."""
    if not values or split is None:
        return {"favourable": None, "neutral": None, "unfavourable": None}
    n = len(values)
    favourable = sum(1 for v in values if v >= split["favourable_from"])
    unfavourable = sum(1 for v in values if v < split["unfavourable_below"])
    return {"favourable": favourable / n, "neutral": (n - favourable - unfavourable) / n, "unfavourable": unfavourable / n}


def _distance(mean: float | None, spec: Mapping[str, Any]) -> float | None:
    """How far the mean is from the top of the scale: the reading of a progress check (no split)."""
    if mean is None or _split(spec) is not None:
        return None
    top: int = spec["scale"]["max"]
    return top - mean


def _band_of(value: float | None, bands: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    if value is None:
        return None
    for position, band in enumerate(bands):
        last = position == len(bands) - 1
        # `to` is exclusive, except for the last band, so the scale maximum has a band too.
        if band["from"] <= value < band["to"] or (last and value == band["to"]):
            return band
    return None


def _band(mean: float | None, bands: Sequence[Mapping[str, Any]]) -> str | None:
    band = _band_of(mean, bands)
    return None if band is None else str(band["label"])


def _tone(value: float | None, bands: Sequence[Mapping[str, Any]]) -> str | None:
    """The one tone rule: a figure (a mean, a statement's value, a theme's mean) takes the tone of the
    band it falls in, so the colour of a 4.0 is the same wherever it is shown."""
    band = _band_of(value, bands)
    return None if band is None else band.get("tone")


def _tags(spec: Mapping[str, Any]) -> list[str]:
    """Every tag of the spec, in order of first appearance."""
    return list(dict.fromkeys(tag for statement in spec["statements"] for tag in statement.get("tags", [])))


def _adjusted_answers(spec: Mapping[str, Any], answers: Mapping[str, Any]) -> dict[str, tuple[int, int]]:
    """Check `answers` and return `{statement id: (raw, adjusted)}` for the answered statements."""
    if not isinstance(answers, Mapping):
        raise ScoringError(f"answers must be a mapping of statement id to value, not {type(answers).__name__}")
    low, high = spec["scale"]["min"], spec["scale"]["max"]
    statements = {statement["id"]: statement for statement in spec["statements"]}
    for statement_id in answers:
        if statement_id not in statements:
            raise ScoringError(f"unknown statement '{statement_id}' in survey '{spec['id']}'", str(statement_id))
    adjusted: dict[str, tuple[int, int]] = {}
    for statement_id, value in answers.items():
        if value is None:
            continue  # a form may send null for an unanswered statement: same as leaving it out
        if not is_int(value):
            raise ScoringError(f"statement '{statement_id}': the answer must be a whole number, not {value!r}", statement_id)
        if not low <= value <= high:
            raise ScoringError(f"statement '{statement_id}': {value} lies outside the scale {low}..{high}", statement_id)
        reverse = statements[statement_id].get("reverse", False)
        adjusted[statement_id] = (value, low + high - value if reverse else value)
    return adjusted


def score(spec: Mapping[str, Any], answers: Mapping[str, int]) -> dict[str, Any]:
    """Score one person's `answers` (`{statement id: value}`; a missing id is a skipped statement)."""
    validate_spec(spec)
    given = _adjusted_answers(spec, answers)
    statements = spec["statements"]
    middle = midpoint(spec["scale"]["min"], spec["scale"]["max"])

    bands = spec["bands"]
    per_statement = [
        {
            "id": s["id"],
            "value": given[s["id"]][1] if s["id"] in given else None,
            "raw": given[s["id"]][0] if s["id"] in given else None,
            "tone": _tone(given[s["id"]][1], bands) if s["id"] in given else None,
        }
        for s in statements
    ]
    values = [item["value"] for item in per_statement if item["value"] is not None]
    mean = _mean(values)

    by_tag: dict[str, float | None] = {}
    for tag in _tags(spec):
        by_tag[tag] = _mean([given[s["id"]][1] for s in statements if s["id"] in given and tag in s.get("tags", [])])

    # sorted() is stable, so equal values keep statement order.
    low_ones = sorted((s for s in statements if s["id"] in given and given[s["id"]][1] < middle), key=lambda s: given[s["id"]][1])
    focus = [
        {"id": s["id"], "text": s["text"], "value": given[s["id"]][1], "follow_up": [*s.get("follow_up", []), *spec["follow_up"]]} for s in low_ones
    ]

    return {
        "survey": spec["id"],
        "version": spec["version"],
        "n": len(values),
        "skipped": len(statements) - len(values),
        "mean": mean,
        "median": _median(values),
        "sd": _sd(values),
        "index": _index(mean, spec),
        **_shares(values, _split(spec)),
        "distance": _distance(mean, spec),
        "by_tag": by_tag,
        "by_tag_tone": {tag: _tone(value, bands) for tag, value in by_tag.items()},
        "band": _band(mean, bands),
        "tone": _tone(mean, bands),
        "focus": focus,
        "per_statement": per_statement,
    }


def headline(spec: Mapping[str, Any], answers: Mapping[str, int]) -> dict[str, Any]:
    """The `mean`, `index`, `band` and `tone` of `score(spec, answers)`, computed the same way, without the
    rest: a long history shows these for every saved result. The caller has checked `spec` (validate_spec)."""
    values = [adjusted for _, adjusted in _adjusted_answers(spec, answers).values()]
    mean = _mean(values)
    return {"mean": mean, "index": _index(mean, spec), "band": _band(mean, spec["bands"]), "tone": _tone(mean, spec["bands"])}


# --- two results of one person ---------------------------------------------------------------


def _difference(previous: float | None, current: float | None) -> float | None:
    return None if previous is None or current is None else current - previous


def compare(previous: Mapping[str, Any], current: Mapping[str, Any]) -> dict[str, Any]:
    """Change from `previous` to `current` (two `score` results of one survey): current minus previous."""
    for name, result in (("previous", previous), ("current", current)):
        if not isinstance(result, Mapping) or not all(key in result for key in ("survey", "mean", "index", "per_statement")):
            raise ScoringError(f"{name} is not a score result")
    if previous["survey"] != current["survey"]:
        raise ScoringError(f"cannot compare survey '{previous['survey']}' with survey '{current['survey']}'")
    earlier = {item["id"]: item["value"] for item in previous["per_statement"]}
    return {
        "survey": current["survey"],
        "mean_change": _difference(previous["mean"], current["mean"]),
        "index_change": _difference(previous["index"], current["index"]),
        # The current survey's statements; one that is new since `previous` has no change.
        "statements": {item["id"]: _difference(earlier.get(item["id"]), item["value"]) for item in current["per_statement"]},
    }


# --- a team ----------------------------------------------------------------------------------


def team_sums(values: Sequence[float], split: Mapping[str, float] | None) -> dict[str, int]:
    """What a team figure is computed from, without the values: the count, the exact sums (Σx·unit and
    Σ(x·unit)², see `_exact_sums`) and how many values are favourable, neutral and unfavourable by the
    survey's split (all neutral for a survey without one). A team bundle carries these instead of
    anybody's answers."""
    total, squares, unit = _exact_sums(values) if values else (0, 0, 1)
    favourable = sum(1 for v in values if split is not None and v >= split["favourable_from"])
    unfavourable = sum(1 for v in values if split is not None and v < split["unfavourable_below"])
    return {
        "n": len(values),
        "sum": total,
        "sum_sq": squares,
        "unit": unit,
        "favourable": favourable,
        "neutral": len(values) - favourable - unfavourable,
        "unfavourable": unfavourable,
    }


def withheld_summary(n: int, reason: str) -> dict[str, Any]:
    """A team figure that is not shown: only the count, and why."""
    empty = dict.fromkeys(("mean", "median", "sd", "favourable", "neutral", "unfavourable", "tone"))
    return {"n": n, **empty, "withheld": True, "reason": reason}


def summary_of_sums(sums: Mapping[str, int], median: float | None, min_responses: int, spec: Mapping[str, Any]) -> dict[str, Any]:
    """Statistics from `team_sums` (the same bits as from the values), with the tone of the mean's band and
    the shares of the survey's split (none without one), or only the count when too few people answered."""
    n = sums["n"]
    if n < min_responses:
        return withheld_summary(n, f"fewer than {min_responses} responses")
    total, squares, unit = sums["sum"], sums["sum_sq"], sums["unit"]
    names = ("favourable", "neutral", "unfavourable")
    shares = {name: sums[name] / n for name in names} if _split(spec) is not None else dict.fromkeys(names)
    sd = None
    if n >= 2:
        # variance = (n·Σx² − (Σx)²) / n², with x scaled by the unit
        numerator, divisor = n * squares - total * total, (n * unit) ** 2
        common = math.gcd(numerator, divisor)
        sd = _sqrt_of_fraction(numerator // common, divisor // common)
    mean = total / (unit * n)  # int / int is correctly rounded
    return {
        "n": n,
        "mean": mean,
        "median": median,
        "sd": sd,
        **shares,
        "tone": _tone(mean, spec["bands"]),
        "withheld": False,
        "reason": None,
    }


def _summary(values: Sequence[float], spec: Mapping[str, Any], min_responses: int) -> dict[str, Any]:
    """Statistics over one value per person, or nothing but the count when too few people answered."""
    return summary_of_sums(team_sums(values, _split(spec)), _median(values), min_responses, spec)


def aggregate(spec: Mapping[str, Any], results: Sequence[Mapping[str, Any]], min_responses: int = MIN_RESPONSES) -> dict[str, Any]:
    """Team view of several people's `score` results for `spec`; groups under `min_responses` are withheld."""
    if not is_int(min_responses) or min_responses < MIN_RESPONSES:
        raise ScoringError(f"min_responses must be a whole number and is never lower than {MIN_RESPONSES} (got {min_responses!r})")
    validate_spec(spec)
    if not isinstance(results, Sequence) or isinstance(results, (str, bytes)):
        raise ScoringError("results must be a list of score results")

    # Re-score each result from its raw answers, so a tampered or stale result cannot skew the team.
    people: list[dict[str, Any]] = []
    for number, result in enumerate(results, start=1):
        if not isinstance(result, Mapping) or not isinstance(result.get("per_statement"), list):
            raise ScoringError(f"result {number} is not a score result")
        if result.get("survey") != spec["id"]:
            raise ScoringError(f"result {number} belongs to survey '{result.get('survey')}', not '{spec['id']}'")
        try:
            answers = {item["id"]: item["raw"] for item in result["per_statement"] if item["raw"] is not None}
            people.append(score(spec, answers))
        except ScoringError as error:
            raise ScoringError(f"result {number}: {error}", error.statement) from None
        except (KeyError, TypeError):
            raise ScoringError(f"result {number} is not a score result") from None

    # Each person counts once, however many statements they answered.
    person_means = [person["mean"] for person in people if person["mean"] is not None]
    team = _summary(person_means, spec, min_responses)
    team["index"] = _index(team["mean"], spec)
    team["band"] = _band(team["mean"], spec["bands"])
    team["distance"] = _distance(team["mean"], spec)

    statements = []
    for position, statement in enumerate(spec["statements"]):
        values = [person["per_statement"][position]["value"] for person in people]
        answered = [value for value in values if value is not None]
        statements.append({"id": statement["id"], "text": statement["text"], **_summary(answered, spec, min_responses)})

    by_tag = {}
    for tag in _tags(spec):
        tag_means = [person["by_tag"][tag] for person in people if person["by_tag"][tag] is not None]
        by_tag[tag] = _summary(tag_means, spec, min_responses)

    return {
        "survey": spec["id"],
        "version": spec["version"],
        "min_responses": min_responses,
        "responses": len(results),
        "withheld": team["withheld"],
        "reason": team["reason"],
        "team": team,
        "statements": statements,
        "by_tag": by_tag,
    }


def _team_means(team: Mapping[str, Any], name: str) -> tuple[float | None, dict[str, float | None], dict[str, float | None]]:
    """Team mean, statement means and tag means of an `aggregate` result (or a saved snapshot of one)."""
    try:
        mean = team["team"]["mean"]
        statements = {item["id"]: item["mean"] for item in team["statements"]}
        tags = {tag: item["mean"] for tag, item in team["by_tag"].items()}
    except (KeyError, TypeError, AttributeError):
        raise ScoringError(f"{name} is not a team result") from None
    return mean, statements, tags


def compare_teams(previous: Mapping[str, Any], current: Mapping[str, Any]) -> dict[str, Any]:
    """Change of the team from `previous` to `current` (two `aggregate` results of one survey): current minus previous.

    A withheld number on either side has no change (None); so has a statement or tag new since `previous`.
    """
    for name, team in (("previous", previous), ("current", current)):
        if not isinstance(team, Mapping) or "survey" not in team:
            raise ScoringError(f"{name} is not a team result")
    if previous["survey"] != current["survey"]:
        raise ScoringError(f"cannot compare survey '{previous['survey']}' with survey '{current['survey']}'")
    before_mean, before_statements, before_tags = _team_means(previous, "previous")
    now_mean, now_statements, now_tags = _team_means(current, "current")
    return {
        "survey": current["survey"],
        "mean_change": _difference(before_mean, now_mean),
        "responses_change": _difference(previous.get("responses"), current.get("responses")),
        "statements": {sid: _difference(before_statements.get(sid), mean) for sid, mean in now_statements.items()},
        "by_tag": {tag: _difference(before_tags.get(tag), mean) for tag, mean in now_tags.items()},
    }


def self_gap(own: Mapping[str, Any], team: Mapping[str, Any]) -> dict[str, Any]:
    """The team lead's own rating beside the team's: `own` is a `score` result (of the team survey or of a
    self-assessment with the same statement ids), `team` an `aggregate` result. Gap = own minus team mean,
    per statement and overall; a withheld team number has no gap, and says why."""
    if not isinstance(own, Mapping) or not isinstance(own.get("per_statement"), list) or "mean" not in own:
        raise ScoringError("own is not a score result")
    if not isinstance(team, Mapping) or not isinstance(team.get("statements"), list) or not isinstance(team.get("team"), Mapping):
        raise ScoringError("team is not a team result")
    own_values = {item["id"]: item["value"] for item in own["per_statement"]}
    team_ids = [item["id"] for item in team["statements"]]
    unknown = [sid for sid in own_values if sid not in team_ids]
    if unknown:
        raise ScoringError(f"statement '{unknown[0]}' of survey '{own.get('survey')}' is not in survey '{team.get('survey')}'", unknown[0])
    statements = []
    for item in team["statements"]:
        value = own_values.get(item["id"])
        statements.append({
            "id": item["id"],
            "text": item.get("text"),
            "own": value,
            "team": item["mean"],
            "gap": _difference(item["mean"], value),
            "n": item["n"],
            "withheld": item["withheld"],
            "reason": item["reason"],
        })
    summary = team["team"]
    return {
        "survey": team.get("survey"),
        "own_survey": own.get("survey"),
        "own_mean": own["mean"],
        "team_mean": summary["mean"],
        "mean_gap": _difference(summary["mean"], own["mean"]),
        "withheld": summary["withheld"],
        "reason": summary["reason"],
        "statements": statements,
    }
