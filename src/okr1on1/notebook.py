"""The 1:1 notebook: its stored format, carry-over of agreements, ordering, overdue, and what leaves
the notebook (Markdown, iCalendar, topics links and files, JSON export). Standard library only: the
same file runs in CPython (tests) and in Pyodide (the browser's worker, through engine_calls).

One notebook is one relationship ("1:1 with Anna"), stored under a key of its own
(`KEY_PREFIX + id`), so a damaged notebook never hides the others; inside a notebook an entry that
does not read is set aside (kept, shown, exported) and the rest works. STORAGE.md documents it.
Dates are the person's local calendar dates, `YYYY-MM-DD`, as the page gives them.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from okr1on1 import bounded_json

FORMAT = "okr1on1-notebook"
VERSION = 1
KEY_PREFIX = "okr1on1.notebook."  # + notebook id: one localStorage key per notebook
TOPICS_FORMAT = "okr1on1-topics"
TOPICS_VERSION = 1
TOPICS_FRAGMENT = "topics"  # the link's `#topics=<data>`
EXPORT_FORMAT = FORMAT  # an export is the stored document plus `exported_at`

MAX_ID = 100
MAX_NAME = 80
MAX_TITLE = 200
MAX_TEXT = 500  # a topic, a question, an agreement
MAX_NOTE = 20_000
MAX_TOPICS = 30  # in one link or file
MAX_TOPICS_BYTES = 64_000  # a link's data, uncompressed: a larger one is refused, not unpacked further
MIN_MEETING_MINUTES, MAX_MEETING_MINUTES = 5, 600  # the next 1:1's length in its .ics

SOURCES = ("agenda", "mine", "theirs")  # where an agenda item came from
WHO = ("me", "them", "both")
REPEATS = {"none": None, "weekly": 1, "fortnightly": 2}  # .ics recurrence: weeks between meetings

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LOCAL_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$")


class NotebookRefused(ValueError):
    """A document, file or link that is not a valid notebook / topics list. `reason` is a
    `notebook.` text key of the page; `values` fill in its `{name}` parts."""

    def __init__(self, reason: str, **values: Any) -> None:
        super().__init__(f"{reason}: {values}" if values else reason)
        self.reason = reason
        self.values = values


# --- checking one entry --------------------------------------------------------------------


class _Bad(ValueError):
    """One field of one entry is wrong (the message names it)."""


def _text(entry: Mapping[str, Any], name: str, limit: int, *, required: bool = True) -> str:
    value = entry.get(name, None if required else "")
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > limit:
        raise _Bad(name)
    return value


def _id(entry: Mapping[str, Any], name: str = "id") -> str:
    value = entry.get(name)
    if not isinstance(value, str) or not value or len(value) > MAX_ID:
        raise _Bad(name)
    return value


def _date(entry: Mapping[str, Any], name: str, *, required: bool = True) -> str | None:
    value = entry.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        raise _Bad(name)
    try:
        date.fromisoformat(value)
    except ValueError:
        raise _Bad(name) from None
    return value


def _stamp(entry: Mapping[str, Any], name: str) -> str:
    value = entry.get(name)
    if not isinstance(value, str) or len(value) > 40:
        raise _Bad(name)
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _Bad(name) from None
    return value


def _flag(entry: Mapping[str, Any], name: str) -> bool:
    value = entry.get(name, False)
    if not isinstance(value, bool):
        raise _Bad(name)
    return value


def _choice(entry: Mapping[str, Any], name: str, choices: Sequence[str]) -> str:
    value = entry.get(name)
    if value not in choices:
        raise _Bad(name)
    return str(value)


def _object(entry: Any) -> Mapping[str, Any]:
    if not isinstance(entry, dict):
        raise _Bad("not an object")
    return entry


def _item(raw: Any) -> dict[str, Any]:
    entry = _object(raw)
    section = entry.get("section")
    if section is not None and (not isinstance(section, str) or len(section) > MAX_TITLE):
        raise _Bad("section")
    return {
        "id": _id(entry),
        "text": _text(entry, "text", MAX_TEXT),
        "source": _choice(entry, "source", SOURCES),
        "section": section,
        "checked": _flag(entry, "checked"),
        "note": _text(entry, "note", MAX_NOTE, required=False),
        "private": _flag(entry, "private"),
    }


def _meeting(raw: Any) -> dict[str, Any]:
    entry = _object(raw)
    items = entry.get("items", [])
    if not isinstance(items, list):
        raise _Bad("items")
    checked = []
    for number, item in enumerate(items, start=1):
        try:
            checked.append(_item(item))
        except _Bad as error:
            raise _Bad(f"items.{number}.{error}") from None
    if len({item["id"] for item in checked}) != len(checked):
        raise _Bad("items: the same id twice")
    template = entry.get("template")
    if template is not None and (not isinstance(template, str) or len(template) > MAX_ID):
        raise _Bad("template")
    return {
        "id": _id(entry),
        "date": _date(entry, "date"),
        "title": _text(entry, "title", MAX_TITLE, required=False),
        "template": template,
        "created_at": _stamp(entry, "created_at"),
        "items": checked,
    }


def _agreement(raw: Any) -> dict[str, Any]:
    entry = _object(raw)
    return {
        "id": _id(entry),
        "what": _text(entry, "what", MAX_TEXT),
        "who": _choice(entry, "who", WHO),
        "due": _date(entry, "due", required=False),
        "done_on": _date(entry, "done_on", required=False),
        "made_in": _id(entry, "made_in"),
        "created_at": _stamp(entry, "created_at"),
    }


def _topic(raw: Any) -> dict[str, Any]:
    entry = _object(raw)
    return {
        "id": _id(entry),
        "text": _text(entry, "text", MAX_TEXT),
        "source": _choice(entry, "source", ("mine", "theirs")),
        "added_at": _stamp(entry, "added_at"),
    }


_LISTS: dict[str, Callable[[Any], dict[str, Any]]] = {"meetings": _meeting, "agreements": _agreement, "topics": _topic}


# --- the stored document ---------------------------------------------------------------------


def new_notebook(notebook_id: str, name: str, created_at: str) -> dict[str, Any]:
    """An empty notebook for the relationship "1:1 with <name>"."""
    head = {"id": notebook_id, "name": name, "created_at": created_at}
    try:
        _id(head), _text(head, "name", MAX_NAME), _stamp(head, "created_at")
    except _Bad as error:
        raise NotebookRefused("notebook_bad_field", field=str(error)) from None
    return {"format": FORMAT, "version": VERSION, **head, "topics": [], "meetings": [], "agreements": [], "set_aside": []}


def _parse(text: Any) -> dict[str, Any]:
    if not isinstance(text, str):
        raise NotebookRefused("notebook_not_json")
    try:
        data = bounded_json.loads(text)  # nesting beyond bounded_json.MAX_DEPTH, NaN or Infinity: not JSON we read
    except bounded_json.JsonRefused:
        raise NotebookRefused("notebook_not_json") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NotebookRefused("notebook_wrong_format")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise NotebookRefused("notebook_wrong_format")
    if version > VERSION:
        raise NotebookRefused("notebook_newer_version", version=version, supported=VERSION)
    return data


def read_document(data: Mapping[str, Any]) -> dict[str, Any]:
    """The notebook with every valid entry; an entry that does not read goes to `set_aside`
    (`{list, error, entry}`), kept as it was, so nothing is lost. Only a notebook without a valid
    id and name is refused as a whole."""
    try:
        head = {"id": _id(data), "name": _text(data, "name", MAX_NAME), "created_at": _stamp(data, "created_at")}
    except _Bad as error:
        raise NotebookRefused("notebook_bad_field", field=str(error)) from None
    document: dict[str, Any] = {"format": FORMAT, "version": VERSION, **head}
    set_aside = [entry for entry in data.get("set_aside", []) if isinstance(entry, dict)] if isinstance(data.get("set_aside"), list) else []
    for name, check in _LISTS.items():
        raw = data.get(name, [])
        kept: list[dict[str, Any]] = []
        seen: set[str] = set()
        for entry in raw if isinstance(raw, list) else []:
            try:
                good = check(entry)
                if good["id"] in seen:
                    raise _Bad("id: the same id twice")
            except _Bad as error:
                set_aside.append({"list": name, "error": str(error), "entry": entry})
                continue
            seen.add(good["id"])
            kept.append(good)
        if not isinstance(raw, list):
            set_aside.append({"list": name, "error": "not a list", "entry": raw})
        document[name] = kept
    document["meetings"] = ordered_meetings(document["meetings"])
    document["set_aside"] = set_aside
    return document


def read_notebook(text: Any) -> dict[str, Any]:
    """A stored notebook (the text of its localStorage key), checked; raises `NotebookRefused`."""
    return read_document(_parse(text))


def save_notebook(document: Mapping[str, Any]) -> str:
    """The text to store, checked by the same code that reads it: an entry the page changed into
    something that does not read is refused (the stored text stays as it was)."""
    data = json.loads(json.dumps(document))
    data["format"], data["version"] = FORMAT, VERSION
    checked = read_document(data)
    before = len(document.get("set_aside") or [])
    if len(checked["set_aside"]) > before:
        bad = checked["set_aside"][before]
        raise NotebookRefused("notebook_bad_entry", list=bad["list"], field=bad["error"])
    return json.dumps(checked, ensure_ascii=False, separators=(",", ":"))


def storage_key(notebook_id: str) -> str:
    return KEY_PREFIX + notebook_id


# --- ordering, carry-over, overdue -------------------------------------------------------------


def ordered_meetings(meetings: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Oldest first: by date, then by when each was started (two on one day keep their order)."""
    return sorted((dict(m) for m in meetings), key=lambda m: (m["date"], m["created_at"], m["id"]))


def is_overdue(agreement: Mapping[str, Any], today: str) -> bool:
    """Open, with a due date before today."""
    return agreement["done_on"] is None and agreement["due"] is not None and agreement["due"] < today


def _agreement_view(agreement: Mapping[str, Any], dates: Mapping[str, str], today: str) -> dict[str, Any]:
    return {**agreement, "made_on": dates.get(agreement["made_in"]), "overdue": is_overdue(agreement, today)}


def _agreement_order(agreement: Mapping[str, Any]) -> tuple[bool, str, str]:
    # Open first; then by due date (none last), then as made.
    return (agreement["done_on"] is not None, agreement["due"] or "9999-99-99", agreement["created_at"])


def meeting_view(document: Mapping[str, Any], meeting_id: str, today: str) -> dict[str, Any]:
    """What the meeting page shows: the meeting, "since last time" (open agreements of earlier
    meetings, each with the date it was made; those done since the previous meeting), the
    agreements made in this meeting, and the waiting topics."""
    meetings = ordered_meetings(document["meetings"])
    position = next((i for i, m in enumerate(meetings) if m["id"] == meeting_id), None)
    if position is None:
        raise NotebookRefused("notebook_no_meeting")
    meeting = meetings[position]
    earlier = {m["id"] for m in meetings[:position]}
    previous = meetings[position - 1] if position else None
    dates = {m["id"]: m["date"] for m in meetings}
    carried, done = [], []
    for agreement in sorted(document["agreements"], key=_agreement_order):
        if agreement["made_in"] not in earlier:
            continue
        if agreement["done_on"] is None:
            carried.append(_agreement_view(agreement, dates, today))
        elif previous is not None and agreement["done_on"] >= previous["date"]:
            done.append(_agreement_view(agreement, dates, today))
    here = [_agreement_view(a, dates, today) for a in sorted(document["agreements"], key=_agreement_order) if a["made_in"] == meeting_id]
    return {
        "meeting": meeting,
        "number": position + 1,
        "previous": previous["id"] if previous else None,
        "next": meetings[position + 1]["id"] if position + 1 < len(meetings) else None,
        "carried": carried,
        "done_since": done,
        "agreements": here,
        "waiting_topics": list(document["topics"]),
    }


def notebook_view(document: Mapping[str, Any], today: str) -> dict[str, Any]:
    """The notebook's page: meetings newest first, every agreement (open first, overdue marked),
    counts, and the waiting topics."""
    meetings = ordered_meetings(document["meetings"])
    dates = {m["id"]: m["date"] for m in meetings}
    agreements = [_agreement_view(a, dates, today) for a in sorted(document["agreements"], key=_agreement_order)]
    return {
        "id": document["id"],
        "name": document["name"],
        "meetings": [{"id": m["id"], "date": m["date"], "title": m["title"], "items": len(m["items"])} for m in reversed(meetings)],
        "agreements": agreements,
        "open": sum(1 for a in agreements if a["done_on"] is None),
        "overdue": sum(1 for a in agreements if a["overdue"]),
        "topics": list(document["topics"]),
        "set_aside": len(document["set_aside"]),
    }


# --- changes the page asks for ------------------------------------------------------------------


def _new_item(item_id: str, text: str, source: str, section: str | None = None) -> dict[str, Any]:
    return {"id": item_id, "text": text, "source": source, "section": section, "checked": False, "note": "", "private": False}


def start_meeting(
    document: Mapping[str, Any], meeting_id: str, day: str, title: str, template: str | None,
    checklist: Sequence[Mapping[str, Any]], created_at: str,
) -> dict[str, Any]:
    """A new meeting: the waiting topics first (the other person's, then one's own), then the
    template's questions as a checklist (`[{id, text, section}]`, in the page's language)."""
    data = read_document(document)
    topics = sorted(data["topics"], key=lambda topic: (topic["source"] != "theirs", topic["added_at"]))
    items = [_new_item(f"topic-{t['id']}", t["text"], t["source"]) for t in topics]
    items += [_new_item(f"q-{q['id']}", q["text"], "agenda", q.get("section")) for q in checklist]
    meeting = {"id": meeting_id, "date": day, "title": title, "template": template, "created_at": created_at, "items": items}
    try:
        meeting = _meeting(meeting)
    except _Bad as error:
        raise NotebookRefused("notebook_bad_field", field=str(error)) from None
    data["meetings"] = ordered_meetings([*data["meetings"], meeting])
    data["topics"] = []
    return data


def take_waiting_topics(document: Mapping[str, Any], meeting_id: str) -> dict[str, Any]:
    """Put the waiting topics at the top of an existing meeting (the other person's first)."""
    data = read_document(document)
    meeting = _meeting_of(data, meeting_id)
    topics = sorted(data["topics"], key=lambda topic: (topic["source"] != "theirs", topic["added_at"]))
    have = {item["id"] for item in meeting["items"]}
    new = [_new_item(f"topic-{t['id']}", t["text"], t["source"]) for t in topics if f"topic-{t['id']}" not in have]
    meeting["items"] = new + meeting["items"]
    data["topics"] = []
    return data


def _meeting_of(data: Mapping[str, Any], meeting_id: str) -> dict[str, Any]:
    meeting: dict[str, Any] | None = next((m for m in data["meetings"] if m["id"] == meeting_id), None)
    if meeting is None:
        raise NotebookRefused("notebook_no_meeting")
    return meeting


def add_item(document: Mapping[str, Any], meeting_id: str, item_id: str, text: str) -> dict[str, Any]:
    """An agenda item of one's own, added during the meeting (at the end)."""
    data = read_document(document)
    try:
        item = _item(_new_item(item_id, text, "mine"))
    except _Bad as error:
        raise NotebookRefused("notebook_bad_field", field=str(error)) from None
    _meeting_of(data, meeting_id)["items"].append(item)
    return data


def add_agreement(
    document: Mapping[str, Any], meeting_id: str, agreement_id: str, what: str, who: str, due: str | None, created_at: str,
) -> dict[str, Any]:
    """An agreement made in this meeting: what, who (me / them / both), by when (or no date)."""
    data = read_document(document)
    _meeting_of(data, meeting_id)
    raw = {"id": agreement_id, "what": what, "who": who, "due": due or None, "done_on": None, "made_in": meeting_id, "created_at": created_at}
    try:
        data["agreements"].append(_agreement(raw))
    except _Bad as error:
        raise NotebookRefused("notebook_bad_field", field=str(error)) from None
    return data


def add_topics(document: Mapping[str, Any], topics: Sequence[Mapping[str, Any]], source: str, added_at: str) -> dict[str, Any]:
    """Add topics (`[{id, text}]`) to the waiting list; a topic already there (same id) is skipped."""
    if source not in ("mine", "theirs"):
        raise NotebookRefused("notebook_bad_field", field="source")
    data = read_document(document)
    have = {t["id"] for t in data["topics"]} | {item["id"].removeprefix("topic-") for m in data["meetings"] for item in m["items"]}
    for raw in topics:
        try:
            topic = _topic({**raw, "source": source, "added_at": added_at})
        except _Bad as error:
            raise NotebookRefused("notebook_bad_field", field=str(error)) from None
        if topic["id"] not in have:
            have.add(topic["id"])
            data["topics"].append(topic)
    return data


# --- topics between the two people: a link's fragment or a small file ------------------------------


def _topics_payload(topics: Sequence[Mapping[str, Any]], sent_at: str) -> dict[str, Any]:
    if not topics:
        raise NotebookRefused("topics_none")
    if len(topics) > MAX_TOPICS:
        raise NotebookRefused("topics_too_many", max=MAX_TOPICS)
    try:
        listed = [{"id": _id(t), "text": _text(t, "text", MAX_TEXT)} for t in map(_object, topics)]
    except _Bad as error:
        raise NotebookRefused("topics_damaged", field=str(error)) from None
    return {"format": TOPICS_FORMAT, "version": TOPICS_VERSION, "sent_at": sent_at, "topics": listed}


def topics_fragment(topics: Sequence[Mapping[str, Any]], sent_at: str) -> str:
    """`topics=<data>` for a link's fragment (never sent to a server): the topics' ids and texts
    only, as JSON, raw DEFLATE-compressed, base64url without padding."""
    text = json.dumps(_topics_payload(topics, sent_at), ensure_ascii=False, separators=(",", ":")).encode()
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = packer.compress(text) + packer.flush()
    return f"{TOPICS_FRAGMENT}=" + base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def topics_file(topics: Sequence[Mapping[str, Any]], sent_at: str) -> str:
    """The same topics as a small JSON file."""
    return json.dumps(_topics_payload(topics, sent_at), ensure_ascii=False, indent=2)


def _read_topics_data(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise NotebookRefused("topics_wrong_format")
    if data.get("format") == FORMAT:
        raise NotebookRefused("topics_is_notebook")
    if data.get("format") != TOPICS_FORMAT:
        raise NotebookRefused("topics_wrong_format")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version > TOPICS_VERSION:
        raise NotebookRefused("topics_newer_version" if isinstance(version, int) else "topics_wrong_format")
    topics = data.get("topics")
    if not isinstance(topics, list):
        raise NotebookRefused("topics_damaged", field="topics")
    sent_at = data.get("sent_at")
    payload = _topics_payload(topics, sent_at if isinstance(sent_at, str) else "")
    return {"sent_at": payload["sent_at"], "topics": payload["topics"]}


def read_topics(text: Any) -> dict[str, Any]:
    """Topics from a link's fragment (`topics=<data>`, with or without `#`) or from a topics file."""
    if not isinstance(text, str) or not text.strip():
        raise NotebookRefused("topics_none")
    stripped = text.strip().removeprefix("#")
    if stripped.startswith(f"{TOPICS_FRAGMENT}="):
        encoded = stripped.removeprefix(f"{TOPICS_FRAGMENT}=").split("&", 1)[0]
        try:
            packed = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
            unpacker = zlib.decompressobj(-15)
            raw = unpacker.decompress(packed, MAX_TOPICS_BYTES)
        except (binascii.Error, zlib.error, ValueError):
            raise NotebookRefused("topics_damaged_link") from None
        if unpacker.unconsumed_tail:
            raise NotebookRefused("topics_too_large")
        try:
            data = bounded_json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, bounded_json.JsonRefused):
            raise NotebookRefused("topics_damaged_link") from None
        return _read_topics_data(data)
    if len(stripped) > MAX_TOPICS_BYTES:
        raise NotebookRefused("topics_too_large")
    try:
        data = bounded_json.loads(stripped)
    except bounded_json.JsonRefused:
        raise NotebookRefused("topics_not_json") from None
    return _read_topics_data(data)


# --- out of the notebook: export, import, Markdown, iCalendar ----------------------------------------


def _without_private(document: Mapping[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(document))
    for meeting in data["meetings"]:
        for item in meeting["items"]:
            if item["private"]:
                item["note"] = ""
    # Set-aside entries are raw: they could hold a private note, so they leave only with private notes.
    data["set_aside"] = []
    return data


def export_notebook(document: Mapping[str, Any], include_private: bool, exported_at: str) -> str:
    """The whole notebook as JSON, to import elsewhere; private notes only when asked for."""
    data = read_document(document)
    if not include_private:
        data = _without_private(data)
    return json.dumps({**data, "exported_at": exported_at}, ensure_ascii=False, indent=2)


def import_notebook(text: Any, existing: Mapping[str, Any] | None) -> dict[str, Any]:
    """An exported notebook merged into the stored one of the same id (`existing`, or None for a
    new notebook): meetings, agreements and topics are merged by id, and what is stored stays as
    it is. The whole file is refused (nothing changes) when it is not a notebook."""
    if isinstance(text, str) and len(text) > 20_000_000:
        raise NotebookRefused("notebook_too_large")
    incoming = read_notebook(text)
    if incoming["set_aside"]:
        bad = incoming["set_aside"][0]
        raise NotebookRefused("notebook_bad_entry", list=bad["list"], field=bad["error"])
    if existing is None:
        return {"document": incoming, "added": sum(len(incoming[name]) for name in _LISTS), "skipped": 0}
    data = read_document(existing)
    if data["id"] != incoming["id"]:
        raise NotebookRefused("notebook_other_id")
    added = skipped = 0
    for name in _LISTS:
        have = {entry["id"] for entry in data[name]}
        for entry in incoming[name]:
            if entry["id"] in have:
                skipped += 1
                continue
            have.add(entry["id"])
            data[name].append(entry)
            added += 1
    data["meetings"] = ordered_meetings(data["meetings"])
    return {"document": data, "added": added, "skipped": skipped}


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def _md(text: str) -> str:
    """Plain text as Markdown that shows exactly that text (one line)."""
    line = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return re.sub(r"^(\d+)\.", r"\1\\.", re.sub(r"^([-+=])", r"\\\1", line))


def _fill(texts: Mapping[str, str], key: str, **values: Any) -> str:
    text = texts.get(key, key)
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def _agreement_line(agreement: Mapping[str, Any], texts: Mapping[str, str], name: str) -> str:
    box = "x" if agreement["done_on"] else " "
    parts = [_md(agreement["what"]), _md(_fill(texts, f"who_{agreement['who']}", name=name))]
    if agreement["due"]:
        parts.append(_md(_fill(texts, "md_due", date=agreement["due"])))
    if agreement["done_on"]:
        parts.append(_md(_fill(texts, "md_done_on", date=agreement["done_on"])))
    elif agreement["overdue"]:
        parts.append(f"**{_md(texts.get('overdue', 'overdue'))}**")
    if agreement.get("carried_from"):
        parts.append(_md(_fill(texts, "carried_from", date=agreement["carried_from"])))
    return f"- [{box}] " + " · ".join(parts)


def meeting_markdown(document: Mapping[str, Any], meeting_id: str, texts: Mapping[str, str], include_private: bool, today: str) -> str:
    """One meeting as Markdown: since last time, the agenda with ticks and notes, the agreements.
    `texts` are the page's `notebook.` texts; private notes only when `include_private`."""
    data = read_document(document)
    view = meeting_view(data, meeting_id, today)
    meeting = view["meeting"]
    heading = _fill(texts, "md_title", name=data["name"], date=meeting["date"])
    out = [f"# {_md(heading)}", ""]
    if meeting["title"]:
        out += [_md(meeting["title"]), ""]
    if view["carried"] or view["done_since"]:
        out += [f"## {_md(texts.get('since_last_time', 'Since last time'))}", ""]
        out += [_agreement_line({**a, "carried_from": a["made_on"]}, texts, data["name"]) for a in view["carried"]]
        out += [_agreement_line(a, texts, data["name"]) for a in view["done_since"]]
        out.append("")
    out += [f"## {_md(texts.get('agenda', 'Agenda'))}", ""]
    for item in meeting["items"]:
        marker = {"theirs": _fill(texts, "md_topic_theirs", name=data["name"]), "mine": texts.get("md_topic_mine", "")}.get(item["source"], "")
        line = f"- [{'x' if item['checked'] else ' '}] {_md(item['text'])}" + (f" ({_md(marker)})" if marker else "")
        out.append(line)
        if item["note"] and (include_private or not item["private"]):
            label = f"{_md(texts.get('private', 'private'))}: " if item["private"] else ""
            lines = item["note"].splitlines() or [""]
            out += [f"    > {label if n == 0 else ''}{_md(text)}" for n, text in enumerate(lines)]
    out.append("")
    out += [f"## {_md(texts.get('agreements', 'Agreements'))}", ""]
    out += [_agreement_line(a, texts, data["name"]) for a in view["agreements"]] or [_md(texts.get("md_no_agreements", "-"))]
    return "\n".join(out).rstrip() + "\n"


def agreements_markdown(document: Mapping[str, Any], texts: Mapping[str, str], today: str) -> str:
    """Every agreement of the notebook: open ones first (overdue marked), then the done ones."""
    view = notebook_view(read_document(document), today)
    out = [f"# {_md(_fill(texts, 'md_agreements_title', name=view['name']))}", ""]
    for agreement in view["agreements"]:
        made = f" · {_md(_fill(texts, 'md_made_on', date=agreement['made_on']))}" if agreement["made_on"] else ""
        out.append(_agreement_line({**agreement, "carried_from": None}, texts, view["name"]) + made)
    if not view["agreements"]:
        out.append(_md(texts.get("md_no_agreements", "-")))
    return "\n".join(out) + "\n"


def _ics_text(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines of at most 75 octets (RFC 5545 3.1), never splitting a UTF-8 character."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode())
        if size + width > (75 if not out else 74):
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def meeting_ics(summary: str, start: str, minutes: int, repeat: str, uid: str, stamp: str) -> str:
    """The next meeting as an iCalendar file: one event at `start` (local `YYYY-MM-DDTHH:MM`, a
    floating time, so it stays at that hour in the person's own time zone), `minutes` long, once or
    every week / fortnight. Only the summary (the agenda's title) goes in: no topics, no notes."""
    match = _LOCAL_TIME.match(start) if isinstance(start, str) else None
    if match is None:
        raise NotebookRefused("ics_bad_start")
    try:
        year, month, day, hour, minute = (int(part) for part in match.groups())
        begin = datetime(year, month, day, hour, minute)
    except ValueError:
        raise NotebookRefused("ics_bad_start") from None
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not MIN_MEETING_MINUTES <= minutes <= MAX_MEETING_MINUTES:
        raise NotebookRefused("ics_bad_duration", min=MIN_MEETING_MINUTES, max=MAX_MEETING_MINUTES)
    if repeat not in REPEATS:
        raise NotebookRefused("ics_bad_repeat")
    if not isinstance(summary, str) or not summary.strip() or len(summary) > MAX_TITLE + MAX_NAME + 40:
        raise NotebookRefused("ics_bad_summary")
    try:
        stamped = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        raise NotebookRefused("ics_bad_stamp") from None
    if stamped.tzinfo is None:
        raise NotebookRefused("ics_bad_stamp")
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//okr1on1//1:1 notebook//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{_ics_text(uid)}",
        f"DTSTAMP:{stamped.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART:{begin.strftime('%Y%m%dT%H%M%S')}",
        f"DURATION:PT{minutes // 60}H{minutes % 60}M" if minutes >= 60 else f"DURATION:PT{minutes}M",
        f"SUMMARY:{_ics_text(' '.join(summary.split()))}",
    ]
    if REPEATS[repeat]:
        lines.append(f"RRULE:FREQ=WEEKLY;INTERVAL={REPEATS[repeat]}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(_fold(line) + "\r\n" for line in lines)

