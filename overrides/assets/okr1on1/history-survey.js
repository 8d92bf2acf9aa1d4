// @ts-check
// One survey's part of "My results": latest result, trend, the table of saved results (the latest
// PAGE rows, more on request), the change per statement. Every number comes from the engine
// (okr1on1.stored_results.history_view); this file only draws.
import { trendChart } from "./charts.js";
import { changeText, el, siteUrl, table } from "./ui.js";

export const PAGE = 50; // rows of the table drawn at a time: a long history stays quick to show

const own = (object, key) => Object.hasOwn(object, key); // a statement may be called "constructor"

/** The answers and notes of one result, in statement order; those on statements the survey no longer has last. */
function answersList(spec, result, t) {
  const items = spec.statements
    .filter((s) => own(result.answers, s.id) || own(result.notes, s.id))
    .map((s) => ({ id: s.id, text: s.text }))
    .concat(result.removed_statements.map((id) => ({ id, text: `${id} (${t("no_longer_in_check")})`, removed: true })));
  return el(
    "ul",
    {},
    items.map((item) => {
      const value = own(result.answers, item.id) ? result.answers[item.id] : undefined;
      const label = item.removed ? null : spec.scale.labels[String(value)];
      return el(
        "li",
        { class: item.removed ? "okr-history__removed" : null, "data-statement": item.id },
        el("span", { class: "okr-history__answer" }, value === undefined ? t("not_answered") : label ? `${value} · ${label}` : String(value)),
        item.text,
        own(result.notes, item.id) ? el("span", { class: "okr-history__note" }, `${t("note_label")}: `, el("q", {}, result.notes[item.id])) : null,
      );
    }),
  );
}

/** The section of `spec` for `entry` (one survey of the view); `actions` {share(result), remove(result)};
 *  `shown` how many of the latest rows to draw, `more()` draws more. */
export function surveySection(spec, entry, { t, f, actions, shown, more }) {
  const results = entry.results;
  const last = results.length - 1;
  const latest = entry.latest;
  const section = el("section", { class: "okr-history__survey", "data-survey": spec.id, "aria-labelledby": `okr-h-${spec.id}` });
  section.append(
    el("h2", { id: `okr-h-${spec.id}` }, spec.title),
    el("p", { class: "okr-history__meta" }, t("history_count", { count: results.length }), " · ", el("a", { href: siteUrl(`templates/${spec.id}/`) }, t("open_survey"))),
  );
  const summary = el("p", { class: "okr-history__latest" }, el("span", { class: "okr-muted" }, `${t("latest")} (${f.date(results[last].saved_at)}): `));
  if (latest) summary.append(el("strong", { class: "okr-history__latest-mean" }, f.number(latest.mean)), ` ${t("of_max", { max: spec.scale.max })} · `, el("span", { class: `okr-band okr-band--${latest.tone ?? "mid"}` }, latest.band ?? "–"));
  else summary.append(t("not_scored"));
  const change = entry.comparison;
  if (change) summary.append(" · ", el("span", { class: "okr-history__change" }, changeText(change.mean_change, f), " ", t("change_since", { date: f.date(results[last - 1].saved_at) })));
  else if (results.length === 1) summary.append(el("br"), el("span", { class: "okr-muted" }, t("no_change_yet")));
  section.append(summary);

  const points = results.filter((result) => result.mean !== null).map((result) => ({ saved_at: result.saved_at, mean: result.mean, tone: result.tone }));
  if (points.length >= 2) section.append(el("figure", { class: "okr-trend" }, trendChart(points, spec, t, f), el("figcaption", {}, t("trend_title"))));

  const first = Math.max(entry.detailed_from, results.length - shown); // the engine sent answers from detailed_from on
  const rows = results.slice(first).flatMap((result, offset) => resultRows(spec, result, first + offset, { t, f, actions }));
  const headers = [[t("date_col")], [t("mean_col"), true], [t("index_col"), true], [t("band_col")], [t("change_col"), true], [t("answers_col")], [t("actions_col")]];
  section.append(table(t("results_table", { survey: spec.title }), headers, rows));
  if (first > 0) {
    const earlier = el("button", { type: "button", class: "md-button okr-history__earlier" }, t("show_earlier"));
    earlier.addEventListener("click", more);
    section.append(el("p", { class: "okr-history__paging" }, t("shown_rows", { shown: results.length - first, count: results.length }), " ", earlier));
  }

  if (change && entry.previous) {
    const statementText = new Map(spec.statements.map((s) => [s.id, s.text]));
    const previous = new Map(entry.previous.per_statement.map((item) => [item.id, item.value]));
    const changeRows = latest.per_statement.map((item) =>
      el(
        "tr",
        { "data-statement": item.id },
        el("td", {}, statementText.get(item.id)),
        el("td", { class: "okr-num" }, f.whole(previous.get(item.id) ?? null)),
        el("td", { class: "okr-num" }, f.whole(item.value)),
        el("td", { class: "okr-num" }, change.statements[item.id] === null ? "–" : changeText(change.statements[item.id], f, true)),
      ),
    );
    section.append(
      el(
        "details",
        { class: "abstract okr-history__statement-changes" },
        el("summary", {}, t("statement_changes_title")),
        table(null, [[t("statement_col")], [t("previous_col"), true], [t("latest_col"), true], [t("change_col"), true]], changeRows),
      ),
    );
  }
  return section;
}

function resultRows(spec, result, i, { t, f, actions }) {
  const answersId = `okr-answers-${spec.id}-${i}`;
  const count = Object.keys(result.answers).length;
  const toggle = el("button", { type: "button", class: "okr-history__toggle", "aria-expanded": "false", "aria-controls": answersId }, t("answers_count", { count }));
  const answersRow = el("tr", { id: answersId, class: "okr-history__answers", hidden: true }, el("td", { colspan: 7 }));
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    if (open && !answersRow.firstChild.firstChild) answersRow.firstChild.append(answersList(spec, result, t)); // drawn when first opened
    answersRow.hidden = !open;
  });
  const share = el("button", { type: "button", class: "okr-history__share", disabled: result.mean === null }, t("share_row"));
  share.addEventListener("click", () => actions.share(spec, result));
  const date = f.date(result.saved_at);
  const remove = el("button", { type: "button", class: "okr-history__remove", "aria-label": t("delete_row_label", { date }) }, t("delete_row"));
  remove.addEventListener("click", () => actions.remove(spec, result));
  const cell = (label, content, extra = {}) => el("td", { "data-label": label, ...extra }, content);
  return [
    el(
      "tr",
      { "data-result": result.id, class: "okr-history__row" },
      cell(t("date_col"), date, { class: "okr-date" }),
      cell(t("mean_col"), f.number(result.mean), { class: "okr-num" }),
      cell(t("index_col"), f.number(result.index), { class: "okr-num" }),
      cell(t("band_col"), result.band ?? "–"),
      cell(t("change_col"), result.change === null ? "–" : changeText(result.change, f), { class: "okr-num" }),
      cell(t("answers_col"), toggle),
      cell(t("actions_col"), el("span", { class: "okr-history__actions-cell" }, share, remove)),
    ),
    answersRow,
  ];
}
