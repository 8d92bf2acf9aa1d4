// @ts-check
// The CSV export of "My results": one row per answered or annotated statement (see STORAGE.md).
import { download } from "./share.js";
import { utcDay } from "./ui.js";

/** A CSV cell: quoted when needed; text that a spreadsheet would run as a formula gets a leading '. */
function csvCell(value, isText = false) {
  let text = value === null || value === undefined ? "" : String(value);
  if (isText && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV export of the view's results: one row per answered or annotated statement (see STORAGE.md). */
export function exportCsv(view, specs, t) {
  const lines = [["result_id", "saved_at", "survey", "survey_version", "mean", "index", "band", "statement_id", "statement", "answer", "note"].join(",")];
  for (const entry of view.surveys) {
    const spec = specs.get(entry.survey);
    const statements = spec.statements.map((s) => [s.id, s.text]);
    for (const result of entry.results) {
      const gone = result.removed_statements.map((id) => [id, t("no_longer_in_check")]);
      for (const [id, text] of [...statements, ...gone]) {
        const answered = Object.hasOwn(result.answers, id);
        const noted = Object.hasOwn(result.notes, id);
        if (!answered && !noted) continue;
        const cells = [[result.id, true], [result.saved_at], [result.survey], [result.survey_version], [result.mean], [result.index], [result.band, true]];
        cells.push([id], [text, true], [answered ? result.answers[id] : null], [noted ? result.notes[id] : null, true]);
        lines.push(cells.map(([value, isText]) => csvCell(value, isText)).join(","));
      }
    }
  }
  download(`okr1on1-results-${utcDay()}.csv`, "text/csv", `\ufeff${lines.join("\r\n")}\r\n`);
}
