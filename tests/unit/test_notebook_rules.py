"""The 1:1 notebook engine: carry-over across meetings, overdue, ordering, the stored format (one bad
entry never bricks the rest), topics links, export/import, Markdown and iCalendar read back by a
real iCalendar library."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

import icalendar
import pytest

from okr1on1 import engine_calls, notebook
from okr1on1.notebook import NotebookRefused

TEXTS = {
    "md_title": "1:1 with {name}, {date}", "md_due": "by {date}", "md_done_on": "done {date}", "overdue": "overdue",
    "carried_from": "carried over from {date}", "since_last_time": "Since last time", "agenda": "Agenda",
    "agreements": "Agreements", "md_topic_theirs": "topic of {name}", "md_topic_mine": "my topic", "private": "private",
    "md_no_agreements": "No agreements.", "md_agreements_title": "Agreements with {name}", "md_made_on": "made {date}",
    "who_me": "me", "who_them": "them", "who_both": "both of us",
}
CHECKLIST = [{"id": "day", "text": "How was your week?", "section": "Start"}, {"id": "goals", "text": "Where are the goals?", "section": "OKRs"}]


def stamp(day: str, hour: int = 9) -> str:
    return f"{day}T{hour:02d}:00:00.000Z"


def agreement(aid: str, what: str, who: str, made_in: str, due: str | None, done_on: str | None = None) -> dict[str, Any]:
    return {"id": aid, "what": what, "who": who, "due": due, "done_on": done_on, "made_in": made_in, "created_at": stamp("2026-11-02")}


def three_meetings() -> dict[str, Any]:
    """Three weekly 1:1s: two agreements in the first, one done before the second, one still open at the third."""
    doc = notebook.new_notebook("nb1", "Anna", stamp("2026-11-01"))
    doc = notebook.add_topics(doc, [{"id": "t1", "text": "My workload"}], "theirs", stamp("2026-11-01", 10))
    doc = notebook.add_topics(doc, [{"id": "t2", "text": "Team offsite"}], "mine", stamp("2026-11-01", 8))
    doc = notebook.start_meeting(doc, "m1", "2026-11-02", "Weekly", "okr-agenda", CHECKLIST, stamp("2026-11-02"))
    doc["agreements"] += [
        agreement("a1", "Send the roadmap", "me", "m1", "2026-11-06"),
        agreement("a2", "Book the training", "them", "m1", "2026-11-20"),
    ]
    doc = notebook.start_meeting(doc, "m2", "2026-11-09", "Weekly", None, [], stamp("2026-11-09"))
    doc["agreements"][0]["done_on"] = "2026-11-05"  # a1 done before the second meeting
    doc["agreements"].append(agreement("a3", "Review the key results", "both", "m2", "2026-11-12"))
    return notebook.start_meeting(doc, "m3", "2026-11-16", "Weekly", None, [], stamp("2026-11-16"))


def test_the_waiting_topics_open_the_agenda_the_other_persons_first() -> None:
    doc = three_meetings()
    first = notebook.meeting_view(doc, "m1", "2026-11-02")["meeting"]
    assert [(i["text"], i["source"]) for i in first["items"]] == [
        ("My workload", "theirs"), ("Team offsite", "mine"), ("How was your week?", "agenda"), ("Where are the goals?", "agenda"),
    ]
    assert first["items"][2]["section"] == "Start"
    # Taken by the meeting, they no longer wait for the next one.
    assert doc["topics"] == []
    assert notebook.meeting_view(doc, "m2", "2026-11-09")["meeting"]["items"] == []


def test_open_agreements_carry_over_across_three_meetings_with_the_date_they_were_made() -> None:
    doc = three_meetings()
    second = notebook.meeting_view(doc, "m2", "2026-11-09")
    assert [(a["id"], a["made_on"]) for a in second["carried"]] == [("a2", "2026-11-02")]
    assert [a["id"] for a in second["done_since"]] == ["a1"]
    third = notebook.meeting_view(doc, "m3", "2026-11-16")
    # a2 (from the first meeting) is still open: carried over again, still from 2 November.
    assert [(a["id"], a["made_on"]) for a in third["carried"]] == [("a3", "2026-11-09"), ("a2", "2026-11-02")]
    assert third["done_since"] == []  # a1 was done before the second meeting: not news at the third
    assert [a["id"] for a in notebook.meeting_view(doc, "m1", "2026-11-02")["agreements"]] == ["a2", "a1"]  # open first
    assert third["previous"] == "m2" and third["next"] is None and third["number"] == 3


def test_overdue_is_an_open_agreement_past_its_date() -> None:
    doc = three_meetings()
    third = notebook.meeting_view(doc, "m3", "2026-11-16")
    overdue = {a["id"]: a["overdue"] for a in third["carried"]}
    assert overdue == {"a3": True, "a2": False}  # a3 was due 12 November; a2 on the 20th
    view = notebook.notebook_view(doc, "2026-11-21")
    assert {a["id"]: a["overdue"] for a in view["agreements"]} == {"a1": False, "a2": True, "a3": True}
    assert (view["open"], view["overdue"]) == (2, 2)
    assert view["agreements"][-1]["id"] == "a1"  # done ones last
    assert notebook.is_overdue(agreement("x", "x", "me", "m1", "2026-11-16"), "2026-11-16") is False  # due today: not yet


def test_meetings_are_ordered_by_date_whatever_order_they_were_added_in() -> None:
    doc = notebook.new_notebook("nb", "Bo", stamp("2026-01-01"))
    for mid, day in (("late", "2026-03-01"), ("early", "2026-01-05"), ("mid", "2026-02-01")):
        doc = notebook.start_meeting(doc, mid, day, "", None, [], stamp(day))
    assert [m["id"] for m in doc["meetings"]] == ["early", "mid", "late"]
    assert [m["id"] for m in notebook.notebook_view(doc, "2026-03-02")["meetings"]] == ["late", "mid", "early"]


def test_one_bad_entry_is_set_aside_and_the_rest_reads() -> None:
    doc = three_meetings()
    stored = json.loads(notebook.save_notebook(doc))
    stored["meetings"][1]["date"] = "9 November"  # damaged by hand
    stored["agreements"].append("not an agreement")
    read = notebook.read_notebook(json.dumps(stored))
    assert [m["id"] for m in read["meetings"]] == ["m1", "m3"]
    assert [a["id"] for a in read["agreements"]] == ["a1", "a2", "a3"]
    assert [(s["list"], s["error"]) for s in read["set_aside"]] == [("meetings", "date"), ("agreements", "not an object")]
    # Kept as it was, and written back: nothing is lost by the next save.
    again = notebook.read_notebook(notebook.save_notebook(read))
    assert again["set_aside"][0]["entry"]["date"] == "9 November"


@pytest.mark.parametrize(
    ("text", "reason"),
    [("{", "notebook_not_json"), ('{"format": "okr1on1-results", "version": 1}', "notebook_wrong_format"),
     ('{"format": "okr1on1-notebook", "version": 2}', "notebook_newer_version"),
     ('{"format": "okr1on1-notebook", "version": 1, "id": "x"}', "notebook_bad_field")],
)
def test_a_document_that_is_not_a_notebook_is_refused_in_words(text: str, reason: str) -> None:
    with pytest.raises(NotebookRefused) as refused:
        notebook.read_notebook(text)
    assert refused.value.reason == reason


def test_saving_refuses_a_change_that_would_not_read_back() -> None:
    doc = three_meetings()
    doc["meetings"][0]["items"][0]["note"] = "x" * (notebook.MAX_NOTE + 1)
    with pytest.raises(NotebookRefused) as refused:
        notebook.save_notebook(doc)
    assert refused.value.reason == "notebook_bad_entry"
    assert refused.value.values == {"list": "meetings", "field": "items.1.note"}


def test_topics_travel_in_a_compressed_fragment_and_come_back_the_same() -> None:
    topics = [{"id": f"t{i}", "text": f"Topic {i}: wat speelt er — ‘quotes’ & <tags>"} for i in range(12)]
    fragment = notebook.topics_fragment(topics, stamp("2026-11-01"))
    assert fragment.startswith("topics=") and len(fragment) < len(json.dumps(topics))
    assert set(fragment.removeprefix("topics=")) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert notebook.read_topics("#" + fragment) == {"sent_at": stamp("2026-11-01"), "topics": topics}
    assert notebook.read_topics(notebook.topics_file(topics, stamp("2026-11-01")))["topics"] == topics


@pytest.mark.parametrize(
    ("text", "reason"),
    [("topics=!!!", "topics_damaged_link"), ("topics=AAAA", "topics_damaged_link"), ("", "topics_none"),
     ('{"format": "okr1on1-notebook"}', "topics_is_notebook"), ("[1]", "topics_wrong_format"), ("hello", "topics_not_json")],
)
def test_a_damaged_link_or_file_is_refused_in_words(text: str, reason: str) -> None:
    with pytest.raises(NotebookRefused) as refused:
        notebook.read_topics(text)
    assert refused.value.reason == reason


def test_a_link_that_unpacks_into_something_huge_is_refused_without_unpacking_it() -> None:
    import base64
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = packer.compress(b'{"topics": "' + b"a" * 50_000_000) + packer.flush()
    with pytest.raises(NotebookRefused) as refused:
        notebook.read_topics("topics=" + base64.urlsafe_b64encode(bomb).decode().rstrip("="))
    assert refused.value.reason == "topics_too_large"


def private_and_shared() -> dict[str, Any]:
    doc = three_meetings()
    items = doc["meetings"][0]["items"]
    items[0].update(checked=True, note="SHARED-NOTE she wants fewer meetings")
    items[1].update(note="PRIVATE-NOTE I worry about her", private=True)
    return doc


def test_the_export_holds_no_private_note_unless_asked_for() -> None:
    doc = private_and_shared()
    plain = notebook.export_notebook(doc, False, stamp("2026-11-20"))
    assert "SHARED-NOTE" in plain and "PRIVATE-NOTE" not in plain
    assert "PRIVATE-NOTE" in notebook.export_notebook(doc, True, stamp("2026-11-20"))


def test_import_merges_by_id_and_keeps_what_is_stored() -> None:
    doc = private_and_shared()
    exported = notebook.export_notebook(doc, False, stamp("2026-11-20"))
    # Imported into the same notebook: nothing new, and the stored private note stays.
    merged = notebook.import_notebook(exported, doc)
    assert (merged["added"], merged["skipped"]) == (0, 6)
    assert merged["document"]["meetings"][0]["items"][1]["note"] == "PRIVATE-NOTE I worry about her"
    # Into a notebook that lacks the third meeting and an agreement: those are added.
    older = json.loads(notebook.save_notebook(doc))
    older["meetings"] = older["meetings"][:2]
    older["agreements"] = older["agreements"][:2]
    merged = notebook.import_notebook(exported, older)
    assert (merged["added"], merged["skipped"]) == (2, 4)
    assert [m["id"] for m in merged["document"]["meetings"]] == ["m1", "m2", "m3"]
    with pytest.raises(NotebookRefused) as refused:
        notebook.import_notebook(exported, notebook.new_notebook("other", "Bo", stamp("2026-01-01")))
    assert refused.value.reason == "notebook_other_id"
    assert notebook.import_notebook(exported, None)["document"]["id"] == "nb1"


def test_a_meeting_as_markdown_without_private_notes() -> None:
    doc = private_and_shared()
    md = notebook.meeting_markdown(doc, "m1", TEXTS, False, "2026-11-02")
    assert md.startswith("# 1:1 with Anna, 2026-11-02\n")
    assert "- [x] My workload (topic of Anna)\n    > SHARED-NOTE she wants fewer meetings" in md
    assert "- [ ] Team offsite (my topic)" in md
    assert "PRIVATE-NOTE" not in md
    assert "- [x] Send the roadmap · me · by 2026-11-06 · done 2026-11-05" in md
    with_private = notebook.meeting_markdown(doc, "m1", TEXTS, True, "2026-11-02")
    assert "    > private: PRIVATE-NOTE I worry about her" in with_private


def test_the_third_meetings_markdown_says_what_was_carried_over_and_what_is_overdue() -> None:
    md = notebook.meeting_markdown(three_meetings(), "m3", TEXTS, False, "2026-11-16")
    since = md.split("## Since last time\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert since == [
        "- [ ] Review the key results · both of us · by 2026-11-12 · **overdue** · carried over from 2026-11-09",
        "- [ ] Book the training · them · by 2026-11-20 · carried over from 2026-11-02",
    ]
    assert md.rstrip().endswith("## Agreements\n\nNo agreements.")


def test_text_from_the_person_is_shown_as_written_not_run_as_markdown() -> None:
    empty = notebook.new_notebook("nb", "Bo", stamp("2026-01-01"))
    doc = notebook.add_topics(empty, [{"id": "t", "text": "# [click](javascript:x) *bold* <b>"}], "mine", stamp("2026-01-01"))
    doc = notebook.start_meeting(doc, "m", "2026-01-05", "", None, [], stamp("2026-01-05"))
    md = notebook.meeting_markdown(doc, "m", TEXTS, False, "2026-01-05")
    assert r"- [ ] \# \[click\](javascript:x) \*bold\* \<b\> (my topic)" in md


def test_the_agreements_list_has_open_ones_first() -> None:
    md = notebook.agreements_markdown(three_meetings(), TEXTS, "2026-11-21")
    lines = md.splitlines()
    assert lines[0] == "# Agreements with Anna"
    assert [line.split(" · ")[0] for line in lines[2:]] == ["- [ ] Review the key results", "- [ ] Book the training", "- [x] Send the roadmap"]
    assert "**overdue**" in lines[3] and "made 2026-11-02" in lines[3]


def parse_ics(text: str) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return events[0]


@pytest.mark.parametrize(("repeat", "interval"), [("none", None), ("weekly", 1), ("fortnightly", 2)])
def test_the_next_meeting_as_ics_reads_in_a_real_icalendar_library(repeat: str, interval: int | None) -> None:
    summary = "1:1 met Anna — Agenda voor een één-op-één gesprek over OKR's; week, 47"
    text = notebook.meeting_ics(summary, "2026-11-23T10:30", 45, repeat, "m4@okr1on1", stamp("2026-11-16"))
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))  # folded as RFC 5545 asks
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    event = parse_ics(text)
    assert str(event["SUMMARY"]) == summary
    assert event.decoded("DTSTART") == datetime(2026, 11, 23, 10, 30)  # floating: 10:30 wherever the person is
    assert event.decoded("DURATION") == timedelta(minutes=45)
    assert str(event["UID"]) == "m4@okr1on1"
    assert event.decoded("DTSTAMP").date() == date(2026, 11, 16)
    if interval:
        rule = event["RRULE"]
        assert rule["FREQ"] == ["WEEKLY"] and rule["INTERVAL"] == [interval]
    else:
        assert "RRULE" not in event
    # Nothing but the title: no description, no notes, no attendees.
    assert not {"DESCRIPTION", "ATTENDEE", "COMMENT"} & set(event.keys())


@pytest.mark.parametrize(
    ("args", "reason"),
    [(("x", "2026-11-23 10:30", 30, "none"), "ics_bad_start"), (("x", "2026-02-30T10:00", 30, "none"), "ics_bad_start"),
     (("x", "2026-11-23T10:30", 0, "none"), "ics_bad_duration"), (("x", "2026-11-23T10:30", 30, "daily"), "ics_bad_repeat"),
     (("  ", "2026-11-23T10:30", 30, "none"), "ics_bad_summary")],
)
def test_a_bad_meeting_time_is_refused_in_words(args: tuple[Any, ...], reason: str) -> None:
    with pytest.raises(NotebookRefused) as refused:
        notebook.meeting_ics(*args, "uid", stamp("2026-11-16"))
    assert refused.value.reason == reason


@pytest.mark.parametrize("minutes", [notebook.MIN_MEETING_MINUTES - 1, notebook.MAX_MEETING_MINUTES + 1])
def test_a_meeting_length_out_of_range_is_refused_with_the_range_in_its_words(minutes: int) -> None:
    with pytest.raises(NotebookRefused) as refused:
        notebook.meeting_ics("x", "2026-11-23T10:30", minutes, "none", "uid", stamp("2026-11-16"))
    # The page's text says "between {min} and {max} minutes": the range comes with the refusal.
    assert refused.value.values == {"min": notebook.MIN_MEETING_MINUTES, "max": notebook.MAX_MEETING_MINUTES}
    for edge in (notebook.MIN_MEETING_MINUTES, notebook.MAX_MEETING_MINUTES):
        assert "BEGIN:VEVENT" in notebook.meeting_ics("x", "2026-11-23T10:30", edge, "none", "uid", stamp("2026-11-16"))


def test_the_worker_entry_answers_a_refusal_with_its_reason() -> None:
    answer = json.loads(engine_calls.call("notebook_read_topics", json.dumps(["topics=%%%"])))
    assert answer == {"ok": False, "error": "topics_damaged_link", "statement": None, "reason": "topics_damaged_link", "values": {}}
    fragment = json.loads(engine_calls.call("notebook_topics_fragment", json.dumps([[{"id": "a", "text": "Hi"}], "2026-11-01T00:00:00Z"])))
    assert fragment["ok"] and fragment["result"].startswith("topics=")
