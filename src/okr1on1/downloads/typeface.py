"""The one type family of every download, and what an office suite without it should use instead.

Liberation Sans ships with the package (`fonts/`, SIL Open Font License 1.1, see fonts/LICENSE.txt):
the PDF embeds it, so no reader needs it installed. The office files name it and, for a machine
without it, Arial, with which it shares every glyph width: a Word user without Liberation Sans sees
the same line breaks. LibreOffice installs it with itself.
"""

from __future__ import annotations

from pathlib import Path

FAMILY = "Liberation Sans"
FALLBACK = "Arial"
GENERIC = "swiss"  # the font class office formats fall back on when neither is present
FOLDER = Path(__file__).parent / "fonts"
FILES = {
    "regular": "LiberationSans-Regular.ttf",
    "bold": "LiberationSans-Bold.ttf",
    "italic": "LiberationSans-Italic.ttf",
    "bold_italic": "LiberationSans-BoldItalic.ttf",
}
