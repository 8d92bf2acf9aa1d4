"""Tagged PDF: the structure tree reportlab cannot write, recorded while it draws and added afterwards.

Every page's content is an artifact (`/Artifact BMC … EMC`) unless a tagged part of the story is being
drawn: then the artifact is closed and the part's text is drawn in a marked-content sequence with
its own MCID (`/P <</MCID 3>> BDC … EMC`). So rules, boxes, table grids, bullets and the footer are
artifacts without anyone having to remember them, and only what is tagged reaches a screen reader.

Structure elements are made with the story (`Element.child`), but join their parent only when
their first content is drawn: the tree's order is the drawing order, the reading order of a page
laid out in one column, and an element that never drew (a table cell left empty) is not in it.
Form fields join the tree as /Form elements pointing at their widget annotations (/OBJR).
`write_tree` turns the record into PDF objects once reportlab has written the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable


@dataclass(frozen=True)
class Marked:
    """A marked-content sequence: the MCID on a page (0-based index)."""

    page: int
    mcid: int


@dataclass(frozen=True)
class Widget:
    """A form field's widget annotations, found by the field's name once the file is written."""

    name: str


@dataclass(eq=False)
class Element:
    """A structure element (/S role: Document, H1, P, Table, TR, TH, TD, L, LI, LBody, Div, Form)."""

    role: str
    parent: Element | None = None
    scope: str = ""  # a TH's /Scope: Column or Row
    kids: list[Element | Marked | Widget] = field(default_factory=list)
    attached: bool = False

    def child(self, role: str, scope: str = "") -> Element:
        """A new element inside this one, in the tree from its first drawn content on."""
        return Element(role, self, scope)

    def attach(self) -> None:
        if self.attached:
            return
        self.attached = True
        if self.parent is not None:
            self.parent.attach()
            self.parent.kids.append(self)


class _SpacedLines(PDFTextObject):
    """A text object that ends each line with the space its line break replaced, so that text read
    from the structure (a screen reader, reflow, copying) keeps the words either side apart. The
    space draws nothing and moves nothing before it."""

    def _textOut(self, text: str, TStar: int = 0) -> None:
        # _textOut is reportlab's one writer of a line (its stubs leave the private method out).
        cast(Any, super())._textOut(text + " " if TStar and text and not text.endswith(" ") else text, TStar)


class TaggedCanvas(Canvas):
    """reportlab's canvas, recording which element each marked-content sequence and field belongs to."""

    _code: list[str]  # the page's content stream, which reportlab keeps and its stubs do not declare

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.marks: list[list[Element]] = []  # page → MCID → element
        self.forms: dict[str, Element] = {}  # field name → its /Form element
        self._in_artifact = False
        self._in_marked = False

    def beginText(self, x: float = 0, y: float = 0, direction: Literal["LTR", "RTL"] | None = None) -> PDFTextObject:
        return _SpacedLines(self, x, y, direction=direction)

    def begin_page(self) -> None:
        """Open the page's artifact (the page template calls it before it draws anything)."""
        self._code.append("/Artifact BMC")
        self._in_artifact = True

    def showPage(self) -> None:
        if self._in_artifact:
            self._code.append("EMC")
            self._in_artifact = False
        super().showPage()

    @contextmanager
    def pagination(self) -> Iterator[None]:
        """A running header or footer: an artifact of its own kind, drawn at the start of a page."""
        assert self._in_artifact and not self._in_marked
        self._code.append("EMC")
        self._code.append("/Artifact <</Type /Pagination /Subtype /Footer>> BDC")
        yield
        self._code.append("EMC")
        self._code.append("/Artifact BMC")

    @contextmanager
    def marked(self, element: Element) -> Iterator[None]:
        """Draw content that belongs to `element` (text a reader reads out)."""
        assert not self._in_marked, "marked content does not nest here: tag the innermost part"
        page = self.getPageNumber() - 1
        while len(self.marks) <= page:
            self.marks.append([])
        mcid = len(self.marks[page])
        self.marks[page].append(element)
        element.attach()
        element.kids.append(Marked(page, mcid))
        if self._in_artifact:
            self._code.append("EMC")
        self._code.append(f"/{element.role} <</MCID {mcid}>> BDC")
        self._in_marked = True
        yield
        self._in_marked = False
        self._code.append("EMC")
        self._code.append("/Artifact BMC")
        self._in_artifact = True

    def form(self, parent: Element, name: str) -> None:
        """The field `name`, just laid on the page, is a /Form element inside `parent`, here."""
        if name in self.forms:  # a radio group: one element for all its buttons
            return
        element = parent.child("Form")
        element.attach()
        element.kids.append(Widget(name))
        self.forms[name] = element


def tagging(canvas: Canvas) -> TaggedCanvas:
    """The canvas a tagged flowable draws on (the PDF writer always builds with a TaggedCanvas)."""
    assert isinstance(canvas, TaggedCanvas), "build with canvasmaker=TaggedCanvas"
    return canvas


class Tagged(Flowable):
    """A flowable whose drawing is the content of `element`; a part drawn again (a table's header
    row repeated on the next page) is an artifact the second time."""

    def __init__(self, flowable: Flowable, element: Element) -> None:
        super().__init__()
        self.flowable, self.element = flowable, element
        self.hAlign = getattr(flowable, "hAlign", "LEFT")
        self._drawn = False

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self.flowable.wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return [Tagged(part, self.element) for part in self.flowable.split(available_width, available_height)]

    def getSpaceBefore(self) -> float:
        return float(self.flowable.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.flowable.getSpaceAfter())

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        flowable: Any = self.flowable  # reportlab's drawOn takes _sW (the alignment's slack); its stubs leave it out
        if self._drawn or not isinstance(canvas, TaggedCanvas):
            flowable.drawOn(canvas, x, y, _sW)
            return
        self._drawn = True
        with canvas.marked(self.element):
            flowable.drawOn(canvas, x, y, _sW)


# --- the tree as PDF objects --------------------------------------------------------------------------


def _widgets(writer: PdfWriter) -> dict[str, list[tuple[int, IndirectObject]]]:
    """Field name → (page index, widget annotation reference) for each of its widgets."""
    found: dict[str, list[tuple[int, IndirectObject]]] = {}
    for index, page in enumerate(writer.pages):
        for reference in page.get("/Annots", []):
            annotation = reference.get_object()
            name = annotation.get("/T")
            if name is None and "/Parent" in annotation:
                name = annotation["/Parent"].get_object().get("/T")
            if name is not None:
                found.setdefault(str(name), []).append((index, reference))
    return found


def write_tree(writer: PdfWriter, root: Element, canvas: TaggedCanvas, lang: str) -> None:
    """Give the written PDF its structure tree, parent tree and the catalog entries of a tagged PDF."""
    pages = [page.indirect_reference for page in writer.pages]
    widgets = _widgets(writer)
    objects: dict[int, tuple[IndirectObject, DictionaryObject]] = {}

    def reference(element: Element) -> IndirectObject:
        if id(element) not in objects:
            node = DictionaryObject()
            objects[id(element)] = (writer._add_object(node), node)
        return objects[id(element)][0]

    tree = DictionaryObject()
    tree_root = writer._add_object(tree)
    parent_tree: list[tuple[int, Any]] = []
    next_key = len(pages)

    def write(element: Element, parent: IndirectObject) -> IndirectObject:
        nonlocal next_key
        ref = reference(element)
        node = objects[id(element)][1]
        kids = ArrayObject()
        first_page: int | None = None
        for kid in element.kids:
            if isinstance(kid, Element):
                kids.append(write(kid, ref))
            elif isinstance(kid, Marked):
                first_page = kid.page if first_page is None else first_page
                if kid.page == first_page:
                    kids.append(NumberObject(kid.mcid))
                else:
                    kids.append(
                        DictionaryObject(
                            {NameObject("/Type"): NameObject("/MCR"), NameObject("/Pg"): pages[kid.page], NameObject("/MCID"): NumberObject(kid.mcid)}
                        )
                    )
            else:
                for page, annotation in widgets.get(kid.name, []):
                    cast(DictionaryObject, annotation.get_object())[NameObject("/StructParent")] = NumberObject(next_key)
                    parent_tree.append((next_key, ref))
                    next_key += 1
                    kids.append(
                        DictionaryObject({NameObject("/Type"): NameObject("/OBJR"), NameObject("/Pg"): pages[page], NameObject("/Obj"): annotation})
                    )
        node.update({NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject(f"/{element.role}"), NameObject("/P"): parent})
        if first_page is not None:
            node[NameObject("/Pg")] = pages[first_page]
        if element.scope:
            node[NameObject("/A")] = DictionaryObject({NameObject("/O"): NameObject("/Table"), NameObject("/Scope"): NameObject(f"/{element.scope}")})
        node[NameObject("/K")] = kids
        return ref

    document = write(root, tree_root)
    numbers = ArrayObject()
    for index in range(len(pages)):
        elements = canvas.marks[index] if index < len(canvas.marks) else []
        numbers += [NumberObject(index), writer._add_object(ArrayObject(reference(e) for e in elements))]
    for key, ref in parent_tree:
        numbers += [NumberObject(key), ref]
    tree.update(
        {
            NameObject("/Type"): NameObject("/StructTreeRoot"),
            NameObject("/K"): ArrayObject([document]),
            NameObject("/ParentTree"): writer._add_object(DictionaryObject({NameObject("/Nums"): numbers})),
            NameObject("/ParentTreeNextKey"): NumberObject(next_key),
        }
    )
    for index, page in enumerate(writer.pages):
        page[NameObject("/StructParents")] = NumberObject(index)
        page[NameObject("/Tabs")] = NameObject("/S")  # tab through the fields in the order of the structure
    catalog = writer._root_object
    catalog[NameObject("/StructTreeRoot")] = tree_root
    catalog[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    catalog[NameObject("/Lang")] = TextStringObject(lang)
    catalog[NameObject("/ViewerPreferences")] = DictionaryObject({NameObject("/DisplayDocTitle"): BooleanObject(True)})
