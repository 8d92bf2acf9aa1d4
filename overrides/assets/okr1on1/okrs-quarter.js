// @ts-check
// One quarter of "My OKRs": its facts, the alerts to look at first, the objectives with their key results
// (progress against time, confidence per week as a chart) and the check-ins. Every figure comes from the
// engine (okr_checkins.okr_view); this file only draws.
import { trendChart } from "./charts.js";
import { el, formats, svg, table } from "./ui.js";

/** The number and date formats of the page, with those My OKRs adds (key results' values, grades, days). */
export function okrFormats(lang) {
  const decimal = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const oneDecimal = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" });
  return {
    ...formats(lang),
    decimal: (value) => (value === null || value === undefined ? "–" : decimal.format(value)),
    decimal1: (value) => oneDecimal.format(value),
    day: (iso) => day.format(new Date(`${iso}T00:00:00Z`)),
  };
}

/** Progress against time: a bar filled to `progress` with a mark at `expected` (the text says both). */
function progressBar(progress, expected, label) {
  return el(
    "div",
    { class: "okr-okrs__bar" },
    svg(
      "svg",
      { class: "okr-bar", viewBox: "0 0 100 10", preserveAspectRatio: "none", "aria-hidden": "true", focusable: "false" },
      svg("rect", { class: "okr-bar__track", x: 0, y: 0, width: 100, height: 10, rx: 2 }),
      svg("rect", { class: "okr-bar__fill okr-bar__fill--high", x: 0, y: 0, width: progress * 100, height: 10, rx: 2 }),
      svg("line", { class: "okr-okrs__expected", x1: expected * 100, x2: expected * 100, y1: -1, y2: 11 }),
    ),
    el("span", { class: "okr-okrs__bar-label" }, label),
  );
}

function alertText({ t, f }, alert, quarterView) {
  const objective = quarterView.objectives.find((o) => o.id === alert.objective);
  const kr = objective?.key_results.find((k) => k.id === alert.key_result);
  return t(`alert_${alert.kind}`, { objective: objective?.title ?? "", key_result: kr?.title ?? "", from: alert.from, to: alert.to, weeks: alert.weeks, projected: f.percent(alert.projected) });
}

/** A key result's weeks: confidence (on the engine's scale, `top` its highest) and progress, drawn on it. */
function krChart({ t, f }, kr, top) {
  const points = kr.series.map((p) => ({ saved_at: p.monday, mean: p.confidence }));
  const label = t("chart_label", {
    title: kr.title,
    points: kr.series.map((p) => t("chart_point", { week: p.week, confidence: p.confidence, progress: f.percent(p.progress) })).join("; "),
  });
  const chart = trendChart(points, { title: kr.title, scale: { min: 0, max: top } }, t, f, {
    label,
    step: 2,
    valueText: f.whole,
    second: kr.series.map((p) => p.progress * top),
    secondText: (value) => `${t("progress_label")} ${f.percent(value / top)}`,
  });
  return el("figure", { class: "okr-trend okr-okrs__chart" }, chart, el("figcaption", {}, t("chart_caption")));
}

function keyResult(ctx, kr) {
  const { t, f } = ctx;
  const top = ctx.state.info.rules.confidence_max;
  const current = kr.type === "milestone"
    ? (kr.done ? t("done_yes") : t("done_no"))
    : `${f.decimal(kr.value ?? kr.start)} / ${f.decimal(kr.target)}${kr.unit ? ` ${kr.unit}` : ""}`;
  const item = el(
    "li",
    { class: "okr-okrs__kr", "data-key-result": kr.id },
    el("p", { class: "okr-okrs__kr-title" }, el("strong", {}, kr.title)),
    el(
      "p",
      { class: "okr-okrs__kr-facts" },
      current,
      " · ",
      `${t("progress_label")} ${f.percent(kr.progress)}`,
      kr.confidence === null ? null : ` · ${t("confidence_label")} ${kr.confidence}/${top}`,
      " · ",
      kr.status ? el("span", { class: `okr-okrs__status okr-okrs__status--${kr.status}` }, t(`status_${kr.status}`)) : el("span", { class: "okr-muted" }, t("no_checkin_yet")),
    ),
  );
  if (kr.note) item.append(el("p", { class: "okr-okrs__kr-note" }, `${t("note_label")}: `, el("q", {}, kr.note)));
  if (kr.series.length >= 1) item.append(krChart(ctx, kr, top));
  return item;
}

function objective(ctx, o, quarterView) {
  const { t, f } = ctx;
  const headingId = `okr-okrs-o-${o.id}`;
  const section = el(
    "section",
    { class: "okr-okrs__objective", "data-objective": o.id, "aria-labelledby": headingId },
    el("h3", { id: headingId }, o.title, " ", el("span", { class: `okr-tag okr-okrs__kind okr-okrs__kind--${o.kind}` }, t(`kind_${o.kind}`))),
    progressBar(o.progress, quarterView.expected, t("progress_against_time", { progress: f.percent(o.progress), expected: f.percent(quarterView.expected) })),
  );
  if (quarterView.closed) section.append(el("p", { class: "okr-okrs__grade" }, t("objective_grade", { grade: f.decimal1(o.grade), verdict: t(`verdict_${o.verdict}`) }), o.lesson ? el("br") : null, o.lesson ? el("q", {}, o.lesson) : null));
  section.append(el("ul", { class: "okr-okrs__krs" }, o.key_results.map((kr) => keyResult(ctx, kr))));
  return section;
}

/** One quarter as the engine sees it (okr_view): its facts, what to look at first, each objective with
 *  its key results, and the check-ins; `open` {checkin, summary, setup, close} opens a panel. */
export function quarterParts(ctx, quarterView, open) {
  const { t, f, button } = ctx;
  const q = quarterView.quarter;
  const first = el("div", { class: "admonition question okr-okrs__first" }, el("p", { class: "admonition-title" }, t("first_title")));
  if (quarterView.alerts.length) {
    first.append(el("ul", {}, quarterView.alerts.map((alert) => el("li", { "data-alert": alert.kind }, alertText(ctx, alert, quarterView)))), el("p", {}, t("first_follow_up")));
  } else first.append(el("p", {}, t("first_none")));
  const actions = el(
    "div",
    { class: "okr-okrs__actions" },
    // A check-in is for a week of the quarter up to this one: none before it starts, none once closed.
    quarterView.closed || quarterView.elapsed === 0 ? null : button(t("checkin_open"), "md-button--primary okr-okrs__checkin", () => open.checkin(quarterView)),
    button(t("prepare"), "okr-okrs__prepare", open.summary),
    button(t("edit_quarter"), "okr-okrs__edit", () => open.setup(quarterView.definition)),
    quarterView.closed ? null : button(t("close"), "okr-okrs__close", () => open.close(quarterView)),
  );
  const meta = el(
    "p",
    { class: "okr-okrs__meta" },
    `${f.day(q.start)} – ${f.day(q.end)} · `,
    t("elapsed_label", { elapsed: f.percent(quarterView.elapsed) }),
    " · ",
    t("checkins_count", { count: quarterView.checkins.length }),
    q.closed_at ? ` · ${t("closed_on", { date: f.date(q.closed_at) })}` : "",
  );
  const rows = quarterView.checkins.map((c) =>
    el("tr", { "data-week": c.week }, el("td", {}, c.week), el("td", {}, f.date(c.saved_at)), el("td", {}, c.wins), el("td", {}, c.blockers), el("td", {}, c.next)),
  );
  return [
    el("h2", { id: "okr-okrs-quarter" }, q.name),
    meta,
    actions,
    first,
    ...quarterView.objectives.map((o) => objective(ctx, o, quarterView)),
    rows.length ? table(t("weeks_table", { name: q.name }), [[t("week_col")], [t("saved_col")], [t("wins_label")], [t("blockers_label")], [t("next_label")]], rows) : null,
  ];
}
