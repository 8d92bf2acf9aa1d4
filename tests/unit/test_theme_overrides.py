"""The theme partials we override are Material's own but for the change we mean: a Material upgrade
that changes one of them fails here, instead of our copy drifting from it unseen."""

from __future__ import annotations

from pathlib import Path

import material

ROOT = Path(__file__).resolve().parents[2]
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def _body(template: str) -> str:
    """The template without its leading Jinja comment (Material's "generated" note, our reason)."""
    assert template.startswith("{#-"), template[:80]
    return template.split("-#}\n", 1)[1]


def test_the_search_partial_is_materials_with_a_name_for_its_dialog() -> None:
    upstream = _body((MATERIAL_TEMPLATES / "partials" / "search.html").read_text(encoding="utf-8"))
    ours = _body((ROOT / "overrides" / "partials" / "search.html").read_text(encoding="utf-8"))
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    assert dialog in upstream, "Material's search dialog changed: copy partials/search.html again and name its dialog"
    expected = upstream.replace(dialog, dialog.removesuffix(">") + " aria-label=\"{{ lang.t('search') }}\">", 1)
    assert ours == expected, (
        "overrides/partials/search.html differs from Material's partial by more than the dialog's aria-label: "
        "copy Material's templates/partials/search.html again and add the aria-label"
    )
