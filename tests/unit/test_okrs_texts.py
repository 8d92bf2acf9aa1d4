"""Every text the My OKRs page can show is content in both languages: the engine's reasons and the keys
okrs.js / okr-forms.js ask for (a missing one would show the reader a bare key)."""

from __future__ import annotations

import re
from pathlib import Path

from okr1on1.content.loader import load_content

ROOT = Path(__file__).resolve().parents[2]
UI = load_content(ROOT / "content").ui
ENGINE = (ROOT / "src" / "okr1on1" / "okr_checkins.py").read_text(encoding="utf-8")
SCRIPTS = "".join((ROOT / "overrides" / "assets" / "okr1on1" / name).read_text(encoding="utf-8") for name in ("okrs.js", "okr-forms.js"))


def missing(keys: set[str]) -> list[str]:
    return sorted(key for key in keys if f"okrs.{key}" not in UI or UI[f"okrs.{key}"].languages() != {"nl", "en"})


def test_every_reason_the_engine_gives_has_its_text() -> None:
    reasons = set(re.findall(r'OkrRefused\("([a-z_]+)"', ENGINE))
    reasons |= {f"target_{better}" for better in ("higher", "lower")}  # OkrRefused(f"target_{better}")
    alerts = re.findall(r'alerts\.append\(\{"kind": "([a-z_]+)"', ENGINE) + re.findall(r'alerts\.append\("([a-z_]+)"\)', ENGINE)
    assert alerts
    reasons |= {f"alert_{kind}" for kind in alerts}
    assert reasons and missing(reasons) == []


def test_every_key_the_page_asks_for_has_its_text() -> None:
    keys = set(re.findall(r'\bt\("([a-z0-9_]+)"', SCRIPTS))
    keys |= {f"{prefix}_{value}" for prefix, values in {"kind": ("committed", "aspirational"), "status": ("on_track", "at_risk", "off_track"),
             "verdict": ("success", "progress", "missed"), "confidence": ("1", "5", "10")}.items() for value in values}
    assert keys and missing(keys) == []
