"""The font of what is typed into the PDF's form fields: Liberation Sans, embedded, like the rest.

reportlab can only give a field a standard font (Helvetica, not embedded). A reader draws typed text
with the font its field names (/DA) from the form's resources (/DR); that font has to hold every
character a person may type, not only those of the page, so it cannot be one of reportlab's subsets
of the text. It is a simple TrueType font in WinAnsiEncoding (what a field's text is encoded in:
Dutch and English letters, accents, curly quotes, dashes, €), cut from Liberation Sans Regular to
those characters with fontTools (about a tenth of the file), made once per process.
"""

from __future__ import annotations

import functools
import re
from io import BytesIO

from fontTools import subset
from fontTools.ttLib import TTFont
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from okr1on1.downloads import typeface

RESOURCE = "/OKRSans"  # the font's name in the form's resources and in every field's /DA
_BASE_FONT = "OKRFLD+LiberationSans"  # six capitals and "+": the name of a subset, as PDF asks
_FIRST, _LAST = 32, 255


def _codes() -> dict[int, str]:
    """WinAnsiEncoding (Windows-1252) code → character, for the codes that have one."""
    codes = {}
    for code in range(_FIRST, _LAST + 1):
        try:
            codes[code] = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            continue  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned
    return codes


@functools.cache
def _font() -> tuple[bytes, list[int], dict[str, float | list[float]]]:
    """The subset font file, the width of each code from _FIRST to _LAST, and its descriptor's metrics."""
    font = TTFont(str(typeface.FOLDER / typeface.FILES["regular"]), recalcTimestamp=False)
    codes = _codes()
    options = subset.Options()
    options.layout_features = []  # a field draws characters one by one: no ligatures, no kerning
    options.name_IDs = ["*"]  # keep the names: the licence travels with the font
    options.notdef_outline = True
    options.hinting = False  # a third of the size; screens draw 10 pt text well without it
    options.drop_tables += ["FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in codes.values()])
    subsetter.subset(font)
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    advance = font["hmtx"].metrics
    widths = [
        round(advance[cmap[ord(codes[code])]][0] * scale) if code in codes and ord(codes[code]) in cmap else 0 for code in range(_FIRST, _LAST + 1)
    ]
    head, os2, post = font["head"], font["OS/2"], font["post"]
    metrics: dict[str, float | list[float]] = {
        "bbox": [round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)],
        "ascent": round(os2.sTypoAscender * scale),
        "descent": round(os2.sTypoDescender * scale),
        "cap_height": round(getattr(os2, "sCapHeight", os2.sTypoAscender) * scale),
        "italic_angle": float(post.italicAngle),
    }
    out = BytesIO()
    font.save(out)
    return out.getvalue(), widths, metrics


def _font_object(writer: PdfWriter) -> IndirectObject:
    data, widths, metrics = _font()
    raw = DecodedStreamObject()
    raw.set_data(data)
    raw[NameObject("/Length1")] = NumberObject(len(data))
    program = raw.flate_encode()
    descriptor = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/FontDescriptor"),
            NameObject("/FontName"): NameObject(f"/{_BASE_FONT}"),
            NameObject("/Flags"): NumberObject(32),  # nonsymbolic: its characters are named by the encoding
            NameObject("/FontBBox"): ArrayObject(NumberObject(v) for v in metrics["bbox"]),  # type: ignore[union-attr]
            NameObject("/ItalicAngle"): FloatObject(metrics["italic_angle"]),
            NameObject("/Ascent"): NumberObject(metrics["ascent"]),
            NameObject("/Descent"): NumberObject(metrics["descent"]),
            NameObject("/CapHeight"): NumberObject(metrics["cap_height"]),
            NameObject("/StemV"): NumberObject(80),
            NameObject("/FontFile2"): writer._add_object(program),
        }
    )
    return writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/TrueType"),
                NameObject("/BaseFont"): NameObject(f"/{_BASE_FONT}"),
                NameObject("/FirstChar"): NumberObject(_FIRST),
                NameObject("/LastChar"): NumberObject(_LAST),
                NameObject("/Widths"): ArrayObject(NumberObject(w) for w in widths),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
                NameObject("/FontDescriptor"): writer._add_object(descriptor),
            }
        )
    )


def _with_font(appearance: str) -> str:
    """A default appearance (`/Helv 10 Tf 0 g`) naming the field font instead."""
    return re.sub(r"/[^\s/]+(\s+[\d.]+\s+Tf)", lambda m: RESOURCE + m.group(1), appearance, count=1)


def use_in_fields(writer: PdfWriter) -> None:
    """Make every text field of the written PDF draw what is typed in the embedded field font."""
    form = writer._root_object.get("/AcroForm")
    if form is None:
        return
    form = form.get_object()
    font = _font_object(writer)
    resources = DictionaryObject({NameObject(RESOURCE): font})
    form[NameObject("/DR")] = DictionaryObject({NameObject("/Font"): resources})
    form[NameObject("/DA")] = TextStringObject(_with_font(str(form.get("/DA", "/Helv 0 Tf 0 g"))))
    for page in writer.pages:
        for reference in page.get("/Annots", []):
            widget = reference.get_object()
            if widget.get("/FT") != "/Tx" or "/DA" not in widget:
                continue  # tick boxes and radio buttons draw their own marks
            widget[NameObject("/DA")] = TextStringObject(_with_font(str(widget["/DA"])))
            appearance = widget.get("/AP", {}).get("/N")
            if appearance is not None:  # reportlab's empty appearance names Helvetica in its resources
                appearance.get_object()[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): resources})
