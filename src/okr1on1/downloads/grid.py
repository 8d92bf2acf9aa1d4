"""The score sheet layout shared by the .xlsx and .ods writers, so both files have the same cells.

Rows: title, purpose, hint, header (one column per week or session), a date row, then per survey its
statements and an average row. Formulas are written once here, in two dialects (Excel / OpenFormula).
"""

from __future__ import annotations

from dataclasses import dataclass

from okr1on1.downloads.document import StatementGroup, TemplateDocument

TITLE_ROW, PURPOSE_ROW, HINT_ROW, HEADER_ROW, DATE_ROW = 1, 2, 3, 4, 5
FIRST_PERIOD_COL = 2  # column A holds the statements
NAME_COL = 2  # when statements are named (an objective, a key result): column B holds the names


@dataclass(frozen=True)
class GroupRows:
    group: StatementGroup
    title_row: int | None  # a heading row per survey, only when a check-in tracks more than one
    first_row: int
    last_row: int
    average_row: int
    chart_row: int  # hidden copy of the averages with #N/A for empty weeks: charts plot "" as 0, skip #N/A

    def statement_rows(self) -> range:
        return range(self.first_row, self.last_row + 1)


@dataclass(frozen=True)
class ScoreGrid:
    periods: int
    groups: tuple[GroupRows, ...]
    name_label: str = ""  # "Doelstelling": a column B to write in what each row stands for, weeks from C

    @property
    def named(self) -> bool:
        return bool(self.name_label)

    @property
    def first_period_col(self) -> int:
        return FIRST_PERIOD_COL + 1 if self.named else FIRST_PERIOD_COL

    @property
    def last_period_col(self) -> int:
        return self.first_period_col + self.periods - 1

    @property
    def average_col(self) -> int:
        return self.last_period_col + 1

    @property
    def last_row(self) -> int:
        return self.groups[-1].chart_row

    def period_cols(self) -> range:
        return range(self.first_period_col, self.last_period_col + 1)


def score_grid(doc: TemplateDocument) -> ScoreGrid:
    row = DATE_ROW + 1
    groups = []
    several = len(doc.groups) > 1
    for group in doc.groups:
        title_row = None
        if several:
            title_row, row = row, row + 1
        first = row
        last = first + len(group.statements) - 1
        groups.append(GroupRows(group, title_row, first, last, last + 1, last + 2))
        row = last + 4  # average row, chart row, then one blank row before the next survey
    name_label = next((statement.name_label for statement in doc.statements if statement.name_label), "")
    return ScoreGrid(doc.periods, tuple(groups), name_label)


def header_texts(doc: TemplateDocument, grid: ScoreGrid) -> list[str]:
    """The header row: statement, the name column when there is one, a column per period, the average."""
    names = [grid.name_label] if grid.named else []
    return [doc.labels.statement, *names, *(f"{doc.period_label} {n}" for n in range(1, doc.periods + 1)), doc.labels.average]


# Low scores red, the middle yellow, high green: Excel's three-colour scale, so both formats agree.
LOW_COLOUR, MID_COLOUR, HIGH_COLOUR = "F8696B", "FFEB84", "63BE7B"


def score_colour(value: int, low: int, high: int) -> str:
    """The colour of `value` on the red–yellow–green scale from `low` to `high` (hex, no #)."""
    position = (value - low) / (high - low) * 2  # 0 … 2: red … yellow … green
    start, end = (LOW_COLOUR, MID_COLOUR) if position <= 1 else (MID_COLOUR, HIGH_COLOUR)
    share = position if position <= 1 else position - 1
    channels = (round(int(start[i : i + 2], 16) + (int(end[i : i + 2], 16) - int(start[i : i + 2], 16)) * share) for i in (0, 2, 4))
    return "".join(f"{channel:02X}" for channel in channels)


def col_letter(col: int) -> str:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Dialect:
    """How a spreadsheet format spells formulas: `=AVERAGE(B2:B6)` or `of:=AVERAGE([.B2:.B6])`."""

    prefix: str
    sep: str
    open_ref: str
    sheet_dot: str
    close_ref: str

    def cell(self, col: int, row: int) -> str:
        return f"{self.open_ref}{self.sheet_dot}{col_letter(col)}{row}{self.close_ref}"

    def range(self, col1: int, row1: int, col2: int, row2: int) -> str:
        return f"{self.open_ref}{self.sheet_dot}{col_letter(col1)}{row1}:{self.sheet_dot}{col_letter(col2)}{row2}{self.close_ref}"

    def mean_or_blank(self, cells: str, reversed_cells: list[str] | None = None, scale_sum: int = 0, empty: str = '""') -> str:
        """Mean of `cells`, `empty` while none is filled (so an empty week shows nothing, not #DIV/0!).

        Reverse-coded statements count as `min + max − value`, as in the scoring engine:
        sum of adjusted = SUM(all) + (min+max)·COUNT(rev) − 2·SUM(rev).
        """
        s = self.sep
        if reversed_cells:
            rev = s.join(reversed_cells)
            mean = f"(SUM({cells})+{scale_sum}*COUNT({rev})-2*SUM({rev}))/COUNT({cells})"
        else:
            mean = f"AVERAGE({cells})"
        return f"{self.prefix}IF(COUNT({cells})=0{s}{empty}{s}{mean})"


EXCEL = Dialect(prefix="=", sep=",", open_ref="", sheet_dot="", close_ref="")
OPENFORMULA = Dialect(prefix="of:=", sep=";", open_ref="[", sheet_dot=".", close_ref="]")


def period_average(dialect: Dialect, rows: GroupRows, col: int, empty: str = '""') -> str:
    """The average of one week (or session) over a survey's statements; `empty` while none is filled."""
    reversed_cells = [dialect.cell(col, r) for r, s in zip(rows.statement_rows(), rows.group.statements, strict=True) if s.reverse]
    scale = rows.group.scale
    return dialect.mean_or_blank(dialect.range(col, rows.first_row, col, rows.last_row), reversed_cells, scale.min + scale.max, empty)


def row_average(dialect: Dialect, grid: ScoreGrid, row: int) -> str:
    """The average along a row: a statement over the weeks, or the weekly averages over the weeks."""
    return dialect.mean_or_blank(dialect.range(grid.first_period_col, row, grid.last_period_col, row))
