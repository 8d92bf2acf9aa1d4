"""Privacy on the team page, in Chromium, walked as the team would: members share anonymously, sealed with
the collector's team code; the collector makes a team bundle; the lead opens it and cannot get at a
person, by single files, by removing or by comparing. And nothing is wider than a phone's screen."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from test_team import LEADERSHIP, PEOPLE, THRESHOLD, file_status, load, open_team, person_files, share, survey_section, team_of
from widget_helpers import BrowserLog, answer_all, result_document, saved_result, score_and_wait, seed_storage, ui_number, wait_for_engine

pytestmark = pytest.mark.browser


def member_shares(browser: Browser, site_url: str, link: str, answers: dict[str, int], folder: Path, number: int) -> Path:
    """A team member in a browser of their own: opens the collector's link, fills in the check, shares anonymously."""
    context = browser.new_context(base_url=site_url, accept_downloads=True, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(link)
        page.wait_for_function("() => sessionStorage.getItem('okr1on1.team-code')")  # the link's code, kept for this tab
        assert "team-code" not in page.url  # and not left in the address bar
        page.goto(f"/templates/{LEADERSHIP}/")
        wait_for_engine(page)
        answer_all(page, answers)
        score_and_wait(page)
        page.locator(".okr-share__open").click()
        dialog = page.locator("dialog.okr-share__dialog")
        expect(dialog.locator(".okr-share__mode--anonymous")).to_be_checked()
        expect(dialog.locator(".okr-share__code")).to_have_value(link.split("#team-code=")[1])
        expect(dialog.locator(".okr-share__seal-note")).to_contain_text("verzegeld")
        with page.expect_download() as download:
            dialog.locator(".okr-share__download").click()
        assert download.value.suggested_filename == "okr1on1-sealed.json"  # the name says nothing either
        path = folder / f"member-{number}.json"
        download.value.save_as(path)
        return path
    finally:
        context.close()


def test_anonymous_files_through_a_collector_reach_the_lead_as_a_bundle_only(
    page: Page, browser: Browser, site_url: str, browser_log: BrowserLog, tmp_path: Path
) -> None:
    # The collector makes a team code: a key pair in this browser; the private key cannot leave it.
    open_team(page)
    page.locator("#okr-team-role-collector").check()
    page.locator(".okr-team__code-make").click()
    link = page.locator(".okr-team__code-link").input_value()
    code = page.locator(".okr-team__code-text").input_value()
    assert link.endswith(f"/results/#team-code={code}") and code.startswith("okr1-")
    key = page.evaluate("""() => new Promise((resolve, reject) => {
      const request = indexedDB.open("okr1on1");
      request.onsuccess = () => {
        const read = request.result.transaction("team-keys").objectStore("team-keys").getAll();
        read.onsuccess = async () => {
          const [entry] = read.result;
          let exported = "exported";
          try { await crypto.subtle.exportKey("pkcs8", entry.privateKey); } catch (error) { exported = error.name; }
          resolve({ count: read.result.length, extractable: entry.privateKey.extractable, exported, type: entry.privateKey.type });
        };
        read.onerror = () => reject(read.error);
      };
    })""")
    assert key == {"count": 1, "extractable": False, "exported": "InvalidAccessError", "type": "private"}

    # Members share anonymously, sealed to the code from the link.
    people = PEOPLE[:THRESHOLD + 1]
    sealed = [member_shares(browser, site_url, link, answers, tmp_path, number) for number, answers in enumerate(people)]
    for path in sealed:
        text = path.read_text(encoding="utf-8")
        envelope = json.loads(text)
        assert set(envelope) == {"format", "version", "alg", "epk", "iv", "data"} and envelope["format"] == "okr1on1-sealed"
        assert not any(word in text for word in (LEADERSHIP, "satisfaction", "respondent", "anonymous"))  # nothing but its format
        assert (len(base64.urlsafe_b64decode(envelope["data"] + "==")) - 16) % 1024 == 0  # padded: the size tells nothing either
    sizes = {path.stat().st_size for path in sealed}
    assert len(sizes) == 1

    # The collector opens them and sees counts, no figures; the bundle downloads.
    load(page, *[(path.name, path.read_bytes()) for path in sealed])
    expect(page.locator(".okr-team__summary")).to_have_text(f"{len(people)} geaccepteerd, 0 geweigerd.")
    expect(file_status(page, "member-0.json")).to_contain_text("verzegeld, geopend met je teamcode")
    section = survey_section(page)
    expect(section.locator(".okr-team__collect-count")).to_contain_text(f"{len(people)} personen")
    expect(section.locator(".okr-kpi")).to_have_count(0)
    expect(section.locator("tr[data-item]")).to_have_count(0)
    with page.expect_download() as download:
        section.locator(".okr-team__bundle").click()
    bundle = tmp_path / download.value.suggested_filename
    download.value.save_as(bundle)
    document = json.loads(bundle.read_text(encoding="utf-8"))
    assert document["format"] == "okr1on1-team-bundle" and len(document["respondents"]) == len(people)
    assert "answers" not in bundle.read_text(encoding="utf-8") and len(document["made_on"]) == 10
    # Asked for a bundle without one person, the collector's page refuses: beside the first, it would give that person away.
    page.locator('tr[data-file="member-0.json"] .okr-team__remove').click()
    expect(section.locator(".okr-team__withheld")).to_contain_text("minder dan")
    expect(section.locator(".okr-team__bundle")).to_have_count(0)

    # The lead, in a browser of their own: the bundle is accepted, single files are not.
    lead = browser.new_context(base_url=site_url, accept_downloads=True, locale="nl-NL")
    try:
        lead_page = lead.new_page()
        lead_page.on("pageerror", lambda error: browser_log.errors.append(f"pageerror: {error}"))
        spec = open_team(lead_page)[LEADERSHIP]
        unsealed = share(spec, PEOPLE[0], 30, mode="anonymous")
        load(lead_page, (bundle.name, bundle.read_bytes()), ("member-0.json", sealed[0].read_bytes()), ("anonymous.json", unsealed))
        expect(file_status(lead_page, bundle.name)).to_contain_text("Geaccepteerd: teambundel")
        expect(file_status(lead_page, "member-0.json")).to_contain_text("verzegeld met een teamcode die niet in deze browser is gemaakt")
        expect(file_status(lead_page, "anonymous.json")).to_contain_text("dit is een anoniem bestand")
        lead_section = survey_section(lead_page)
        expect(lead_section.locator(".okr-team__source")).to_contain_text("Uit een teambundel van")
        team = team_of(spec, people)
        expect(lead_section.locator(".okr-kpi--mean .okr-kpi__value")).to_have_text(ui_number(team["team"]["mean"]))
        expect(lead_section.locator(".okr-kpi--people .okr-kpi__value")).to_have_text(str(len(people)))
        for item in team["statements"]:
            cells = lead_section.locator(f'.okr-table tr[data-item="{item["id"]}"] td').all_inner_texts()
            assert cells[2] == ("–" if item["withheld"] else ui_number(item["mean"])), cells
    finally:
        lead.close()


def test_removing_a_file_after_a_snapshot_shows_nothing_of_that_person(page: Page) -> None:
    spec = open_team(page)[LEADERSHIP]
    files = person_files(spec, PEOPLE[:THRESHOLD + 1])
    load(page, *files)
    section = survey_section(page)
    section.locator(".okr-team__snapshot-save").click()
    expect(section.locator(".okr-team__snapshot-message")).to_contain_text("bewaard")
    page.locator(f'tr[data-file="{files[-1][0]}"] .okr-team__remove').click()
    withheld = section.locator(".okr-team__withheld--differencing")
    expect(withheld).to_contain_text("Niet getoond: dit zou iemands antwoorden verraden")
    expect(section.locator(".okr-kpi")).to_have_count(0)
    expect(section.locator(".okr-team__now")).to_have_text(["–"] * len(spec["statements"]))
    expect(section.locator(".okr-team__change")).to_have_text(["–"] * len(spec["statements"]))
    expect(section.locator(".okr-team__mean-change")).to_contain_text("nu –")
    expect(section).not_to_contain_text("null")
    # Re-added, the same people: shown again. Without the snapshot, the page remembers what it showed.
    load(page, files[-1])
    expect(section.locator(".okr-team__withheld")).to_have_count(0)
    expect(section.locator(".okr-team__mean-change .okr-change")).to_have_text("0,0")
    section.locator(".okr-team__snapshot-delete").click()
    page.locator(f'tr[data-file="{files[0][0]}"] .okr-team__remove').click()
    expect(section.locator(".okr-team__withheld--differencing")).to_be_visible()
    # Nor does a reload of the page forget it (in this tab).
    page.reload()
    wait_for_engine(page)
    load(page, *files[1:])
    expect(section.locator(".okr-team__withheld--differencing")).to_be_visible()


def page_width(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("path", ["/team/", "/en/team/"])
def test_nothing_on_the_team_page_is_wider_than_a_phone(page: Page, path: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    specs = open_team(page, path)
    own: dict[str, Any] = {"satisfaction": 7, "zoom-out": 6, "challenge": 3, "role-model": 6}
    load(page, *person_files(specs[LEADERSHIP], PEOPLE), ("me.json", share(specs["team-lead-self-assessment"], own, 9)))
    section = survey_section(page)
    expect(section.locator(".okr-kpi--mean")).to_be_visible()
    section.locator(".okr-team__snapshot-save").click()
    expect(section.locator(".okr-team__baseline")).to_be_visible()
    page.locator(".okr-team__code-make").click()
    expect(page.locator(".okr-team__code-link")).to_be_visible()
    assert page_width(page) <= 390
    # The team means are on the screen, not beyond it.
    box = section.locator(".okr-team__mean").first.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390


@pytest.mark.parametrize("path", ["/results/", "/en/results/"])
def test_nothing_on_the_results_page_is_wider_than_a_phone(page: Page, path: str) -> None:
    seed_storage(page, result_document(
        saved_result("r-1", LEADERSHIP, "2026-01-05T09:00:00.000Z", PEOPLE[0]),
        saved_result("r-2", LEADERSHIP, "2026-02-05T09:00:00.000Z", PEOPLE[2]),
        saved_result("r-3", "personal-development", "2026-02-06T09:00:00.000Z", {"progress": 5, "strengths": 6}),
    ))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(path)
    wait_for_engine(page)
    expect(page.locator("tr[data-result]").first).to_be_visible()
    assert page_width(page) <= 390


def _python_key(kind: str) -> tuple[Any, bytes]:
    """A recipient's key pair made in Python: the private key and the raw public key a team code carries."""
    from cryptography.hazmat.primitives.asymmetric import ec, x25519
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    if kind == "x":
        private: Any = x25519.X25519PrivateKey.generate()
        return private, private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    private = ec.generate_private_key(ec.SECP256R1())
    return private, private.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)


def _open_as_storage_md_says(envelope: dict[str, Any], private: Any, recipient_raw: bytes) -> str:
    """Sealed-file steps of STORAGE.md, done with another library than the browser's."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, x25519
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    def raw(text: str) -> bytes:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))

    ephemeral = raw(envelope["epk"])
    if envelope["alg"] == "X25519":
        shared = private.exchange(x25519.X25519PublicKey.from_public_bytes(ephemeral))
    else:
        shared = private.exchange(ec.ECDH(), ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), ephemeral))
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient_raw, info=b"okr1on1-sealed/1").derive(shared)
    plain = AESGCM(key).decrypt(raw(envelope["iv"]), raw(envelope["data"]), f"okr1on1-sealed/1/{envelope['alg']}".encode())
    assert len(plain) % 1024 == 0
    return plain.decode("utf-8")


@pytest.mark.parametrize(("kind", "alg"), [("x", "X25519"), ("p", "P-256")])
def test_a_sealed_file_opens_by_the_documented_format(page: Page, tmp_path: Path, kind: str, alg: str) -> None:
    private, public = _python_key(kind)
    code = f"okr1-{kind}." + base64.urlsafe_b64encode(public).decode().rstrip("=")
    page.goto(f"/en/templates/{LEADERSHIP}/")
    wait_for_engine(page)
    answer_all(page, PEOPLE[0])
    score_and_wait(page)
    page.locator(".okr-share__open").click()
    dialog = page.locator("dialog.okr-share__dialog")
    dialog.locator(".okr-share__code").fill("okr1-x.not-a-code")
    dialog.locator(".okr-share__download").click()
    expect(dialog.locator(".okr-share__problem")).to_contain_text("not a team code")
    dialog.locator(".okr-share__code").fill(f"https://example.invalid/en/results/#team-code={code}")  # the whole link works too
    with page.expect_download() as download:
        dialog.locator(".okr-share__download").click()
    path = tmp_path / "sealed.json"
    download.value.save_as(path)
    envelope = json.loads(path.read_text(encoding="utf-8"))
    assert envelope["alg"] == alg
    share_file = json.loads(_open_as_storage_md_says(envelope, private, public))
    assert (share_file["format"], share_file["mode"], share_file["answers"]) == ("okr1on1-team-share", "anonymous", PEOPLE[0])
    assert "name" not in share_file and len(share_file["shared_on"]) == 10
