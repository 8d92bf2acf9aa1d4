// @ts-check
// The lead's part of the team view, one survey: the team's figures under the no-differencing rule, the
// statement and tag tables, and the gap between the lead's own rating and the team. Every figure comes
// from the engine (okr1on1.results_files.team_view); this file only draws.
import { distanceView, gapChart, shareBar, valueBar } from "./charts.js";
import { snapshotView } from "./team-snapshots.js";
import { admonition, el, kpi, siteUrl, table } from "./ui.js";

/** A gap between the lead's own rating and the team: signed, but neither good nor bad, so no colour. */
function gapText(value, f) {
  return el("span", { class: "okr-change okr-gap__value" }, f.signed(value));
}

/** One survey of the lead's view: the team's figures (or why they are withheld), the gap with the own
 *  rating and the snapshots (the team view's `ctx`, see team.js). */
export function surveySection(ctx, survey) {
  const { t, f, specs } = ctx;
  const spec = specs.get(survey.survey);
  const team = survey.aggregate;
  const summary = team.team;
  const min = team.min_responses;
  const section = el("section", { class: "okr-team__survey", "data-survey": survey.survey, "aria-labelledby": `okr-team-${survey.survey}` });
  section.append(
    el("h2", { id: `okr-team-${survey.survey}` }, survey.title),
    el(
      "p",
      { class: "okr-history__meta" },
      el("span", { class: "okr-team__responses" }, t("team_responses", { count: survey.responses })),
      survey.source === "bundle" ? [" · ", el("span", { class: "okr-team__source" }, t("team_from_bundle", { date: survey.bundle_made_on }))] : null,
      " · ",
      el("a", { href: siteUrl(`templates/${spec.id}/`) }, t("open_survey")),
    ),
  );
  if (team.withheld && team.why === "differencing") {
    section.append(admonition("warning okr-team__withheld okr-team__withheld--differencing", t("team_differencing_title"), el("p", {}, t("team_differencing", { count: survey.responses, min }))));
  } else if (team.withheld) {
    section.append(admonition("warning okr-team__withheld", t("team_withheld_title", { min }), el("p", {}, t("team_withheld", { count: survey.responses, min }))));
  } else {
    section.append(
      el(
        "div",
        { class: "okr-kpis" },
        kpi(t("team_mean"), f.number(summary.mean), t("of_max", { max: spec.scale.max }), "okr-kpi--mean"),
        kpi(t("index"), f.number(summary.index), t("of_max", { max: 100 }), "okr-kpi--index"),
        kpi(t("band"), summary.band ?? "–", null, `okr-kpi--band okr-kpi--${summary.tone ?? "mid"}`),
        kpi(t("team_people"), f.whole(summary.n), null, "okr-kpi--people"),
      ),
      el("p", { class: "okr-results__index-note okr-muted" }, t("team_index_note", { min: spec.scale.min, max: spec.scale.max })),
      ...(spec.split
        ? [el("h3", {}, t("team_shares_title")), shareBar(summary, t, f), el("p", { class: "okr-team__note" }, t("team_shares_note"))]
        : [distanceView(summary, spec.scale, t, f)]),
    );
    const withheldText = t("team_withheld_cell", { min });
    const statementLabel = (item, i) => [el("span", { class: "okr-muted" }, `${i + 1}. `), item.text];
    section.append(statisticsTable(ctx, t("team_statements_title"), t("statement_col"), team.statements.map((item) => ({ ...item, key: item.id })), spec.scale, statementLabel, withheldText));
    const tags = Object.entries(team.by_tag).map(([tag, item]) => ({ ...item, key: tag, text: spec.tag_labels?.[tag] ?? tag }));
    if (tags.length) section.append(statisticsTable(ctx, t("team_tags_title"), t("tag_col"), tags, spec.scale, (item) => item.text, withheldText));
  }
  if (survey.gap) section.append(gapView(ctx, survey, spec));
  section.append(snapshotView(ctx, survey));
  return section;
}


function statisticsTable({ t, f }, caption, header, items, scale, label, withheldText) {
  const rows = items.map((item, i) =>
    el(
      "tr",
      { "data-item": item.key, class: item.withheld ? "okr-row--skipped" : null },
      el("td", {}, label(item, i), item.withheld ? el("span", { class: "okr-team__reason" }, ` (${item.why === "differencing" ? t("team_differencing_cell") : withheldText})`) : null),
      el("td", { class: "okr-num" }, f.whole(item.n)),
      el("td", { class: "okr-num okr-team__mean" }, f.number(item.mean)),
      el("td", { class: "okr-num" }, f.number(item.median)),
      el("td", { class: "okr-num" }, f.number(item.sd)),
      el("td", { class: "okr-barcell" }, valueBar(item.mean, scale, item.tone)),
    ),
  );
  const headers = [[header], [t("team_n_col"), true], [t("mean_col"), true], [t("team_median_col"), true], [t("team_sd_col"), true], [el("span", { class: "okr-sr" }, t("bar_col"))]];
  return table(caption, headers, rows);
}


/** The lead's own rating beside the team's: per statement, as a chart and a table. */
function gapView({ t, f, specs, state }, survey, spec) {
  const gap = survey.gap;
  const own = state.view.own;
  const area = el("div", { class: "okr-team__gap" }, el("h3", {}, t("team_gap_title")));
  area.append(el("p", { class: "okr-team__gap-source" }, t("team_gap_source", { label: own.label, survey: specs.get(own.survey)?.title ?? own.survey })));
  if (gap.withheld) {
    area.append(el("p", { class: "okr-team__gap-withheld" }, t("team_gap_withheld", { min: survey.aggregate.min_responses, mean: f.number(gap.own_mean) })));
    return area;
  }
  area.append(
    el("p", { class: "okr-team__gap-mean" }, t("team_gap_mean", { own: f.number(gap.own_mean), team: f.number(gap.team_mean) }), " ", gapText(gap.mean_gap, f)),
    el("p", { class: "okr-team__note" }, t("team_gap_intro")),
  );
  const rows = gap.statements.map((item, i) => ({ label: `${i + 1}.`, own: item.own, team: item.team, item }));
  const points = gap.statements.map((item, i) => t("team_gap_point", { number: i + 1, own: f.whole(item.own), team: f.number(item.team) })).join("; ");
  const legend = el(
    "ul",
    { class: "okr-gap__legend", "aria-hidden": "true" },
    el("li", {}, el("span", { class: "okr-gap__key okr-gap__key--own" }), t("team_gap_own_col")),
    el("li", {}, el("span", { class: "okr-gap__key okr-gap__key--team" }), t("team_gap_team_col")),
  );
  area.append(el("figure", { class: "okr-trend okr-gap" }, legend, gapChart(rows, spec.scale, t("team_gap_chart_label", { points })), el("figcaption", {}, t("team_gap_caption"))));
  const tableRows = gap.statements.map((item, i) =>
    el(
      "tr",
      { "data-statement": item.id },
      el("td", {}, el("span", { class: "okr-muted" }, `${i + 1}. `), item.text, item.withheld ? el("span", { class: "okr-team__reason" }, ` (${t("team_withheld_cell", { min: survey.aggregate.min_responses })})`) : null),
      el("td", { class: "okr-num okr-team__gap-own" }, f.whole(item.own)),
      el("td", { class: "okr-num okr-team__gap-team" }, f.number(item.team)),
      el("td", { class: "okr-num okr-team__gap-value" }, item.gap === null ? "–" : gapText(item.gap, f)),
    ),
  );
  area.append(table(t("team_gap_table"), [[t("statement_col")], [t("team_gap_own_col"), true], [t("team_gap_team_col"), true], [t("team_gap_col"), true]], tableRows));
  return area;
}
