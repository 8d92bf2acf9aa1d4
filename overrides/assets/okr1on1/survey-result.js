// @ts-check
// The survey's result: the figures, the statements and themes with their bars, and what to talk about
// (all from one `score` result of the engine; rounded here only for display).
import { distanceView, shareBar, valueBar } from "./charts.js";
import { admonition, el, kpi, table } from "./ui.js";

/** The results view of one `score` result (the engine's unrounded numbers, rounded here for display). */
export function resultView(spec, result, t, f) {
  const { scale } = spec;
  const statementText = Object.fromEntries(spec.statements.map((s) => [s.id, s.text]));
  const heading = el("h3", { class: "okr-results__title", tabindex: "-1" }, t("results_title"));
  const answered = el("p", { class: "okr-results__answered" }, t("answered_count", { n: result.n, count: result.n + result.skipped }));

  const kpis = el(
    "div",
    { class: "okr-kpis" },
    kpi(t("mean"), f.number(result.mean), t("of_max", { max: scale.max }), "okr-kpi--mean"),
    kpi(t("index"), f.number(result.index), t("of_max", { max: 100 }), "okr-kpi--index"),
    kpi(t("band"), result.band ?? "–", null, `okr-kpi--band okr-kpi--${result.tone ?? "mid"}`),
  );

  const statementRows = result.per_statement.map((item, i) =>
    el(
      "tr",
      { "data-statement": item.id, class: item.value === null ? "okr-row--skipped" : null },
      el("td", {}, el("span", { class: "okr-muted" }, `${i + 1}. `), statementText[item.id]),
      el("td", { class: "okr-num" }, item.value === null ? t("not_answered") : f.whole(item.value)),
      el("td", { class: "okr-barcell" }, valueBar(item.value, scale, item.tone)),
    ),
  );
  const tagRows = Object.entries(result.by_tag).map(([tag, mean]) =>
    el(
      "tr",
      { "data-tag": tag },
      el("td", {}, spec.tag_labels?.[tag] ?? tag),
      el("td", { class: "okr-num" }, mean === null ? t("not_answered") : f.number(mean)),
      el("td", { class: "okr-barcell" }, valueBar(mean, scale, result.by_tag_tone?.[tag])),
    ),
  );

  const focus = result.focus.length
    ? [
        el("p", {}, t("focus_intro")),
        ...result.focus.map((item) =>
          admonition(
            "question okr-focus",
            `${statementText[item.id] ?? item.text} (${t("focus_score", { value: f.whole(item.value) })})`,
            el("ul", {}, item.follow_up.map((prompt) => el("li", {}, prompt))),
          ),
        ),
      ]
    : [el("p", { class: "okr-focus--none" }, t("focus_none"))];

  return [
    heading,
    answered,
    kpis,
    el("p", { class: "okr-results__index-note okr-muted" }, t("index_note", { min: scale.min, max: scale.max })),
    ...(spec.split ? [el("h4", {}, t("shares_title")), shareBar(result, t, f)] : [distanceView(result, scale, t, f)]),
    table(t("statements_title"), [[t("statement_col")], [t("score_col"), true], [el("span", { class: "okr-sr" }, t("bar_col"))]], statementRows),
    Object.keys(result.by_tag).length
      ? table(t("tags_title"), [[t("tag_col")], [t("mean_col"), true], [el("span", { class: "okr-sr" }, t("bar_col"))]], tagRows)
      : null,
    el("h4", {}, t("focus_title")),
    ...focus,
  ];
}
