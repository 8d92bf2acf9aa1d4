// @ts-check
// SVG charts. Each one has a text equivalent: an aria-label/<title>, a legend or a table beside it.
import { el, svg } from "./ui.js";

/** A horizontal bar for one value on the scale (decorative: the number stands beside it), coloured by
 *  the `tone` the engine gave the value ("low", "mid" or "high"; the tone of its band). */
export function valueBar(value, scale, tone) {
  const share = value === null ? 0 : (value - scale.min + 1) / (scale.max - scale.min + 1);
  const midpoint = ((scale.midpoint - scale.min + 1) / (scale.max - scale.min + 1)) * 100; // scale.midpoint: survey_spec
  return svg(
    "svg",
    { class: "okr-bar", viewBox: "0 0 100 10", preserveAspectRatio: "none", "aria-hidden": "true", focusable: "false" },
    svg("rect", { class: "okr-bar__track", x: 0, y: 0, width: 100, height: 10, rx: 2 }),
    value === null ? null : svg("rect", { class: `okr-bar__fill okr-bar__fill--${tone ?? "mid"}`, x: 0, y: 0, width: share * 100, height: 10, rx: 2 }),
    svg("line", { class: "okr-bar__mid", x1: midpoint, x2: midpoint, y1: 0, y2: 10 }),
  );
}

/** The favourable / neutral / unfavourable shares as one stacked bar, with a legend. */
export function shareBar(result, t, f) {
  const parts = ["favourable", "neutral", "unfavourable"].map((key) => ({ key, share: result[key] ?? 0, label: t(key) }));
  const summary = parts.map((part) => `${part.label} ${f.percent(part.share)}`).join(", ");
  let x = 0;
  const bars = svg("svg", { class: "okr-shares__bar", viewBox: "0 0 100 6", preserveAspectRatio: "none", role: "img", "aria-label": summary });
  bars.append(svg("title", {}, summary));
  for (const part of parts) {
    if (part.share > 0) bars.append(svg("rect", { class: `okr-shares__${part.key}`, x, y: 0, width: part.share * 100, height: 6 }));
    x += part.share * 100;
  }
  const legend = el(
    "ul",
    { class: "okr-shares__legend" },
    parts.map((part) => el("li", {}, el("span", { class: `okr-swatch okr-shares__${part.key}`, "aria-hidden": "true" }), `${part.label} `, el("strong", {}, f.percent(part.share)))),
  );
  return el("div", { class: "okr-shares" }, bars, legend);
}

/** The reading of a progress check (a survey without a split): how far the mean is from the goal,
 *  the top of the scale, as the engine worked it out. */
export function distanceView(result, scale, t, f) {
  return el(
    "div",
    { class: "okr-distance" },
    el("h4", {}, t("distance_title")),
    el("p", {}, t("distance", { distance: f.number(result.distance), max: scale.max })),
  );
}

const MAX_TOLD = 60; // points named in the chart's text equivalent
const MAX_DOTS = 200; // beyond this many points the line is drawn without a dot for each

/** A line chart of the mean over time: `points` are {saved_at, mean, tone}, oldest first.
 *  `options` (My OKRs): `label` (the text equivalent), `step` of the grid, `valueText(value)` for the
 *  labels, `second` values on the same scale drawn as a dotted line with `secondText(value)` titles. */
export function trendChart(points, spec, t, f, options = {}) {
  // On a phone the chart is drawn narrower, so that its 12-unit text is not scaled down below 11 px.
  const narrow = matchMedia("(max-width: 44.9375em)").matches;
  const width = narrow ? 340 : 640;
  // Points saved on the same day are told apart by their time, on a second line under the date.
  const days = points.map((point) => f.shortDate(point.saved_at));
  const timed = new Set(days.filter((day, i) => days.indexOf(day) !== i));
  const height = timed.size ? 244 : 230;
  const margin = { left: 34, right: 18, top: 22, bottom: timed.size ? 48 : 34 };
  const { min, max } = spec.scale;
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const xAt = (i) => margin.left + (points.length === 1 ? plotWidth / 2 : (i * plotWidth) / (points.length - 1));
  const yAt = (value) => margin.top + plotHeight - ((value - min) / (max - min)) * plotHeight;

  // A long history is read out by its latest points; the line still draws them all.
  const told = points.slice(-MAX_TOLD);
  const summary = options.label ?? t("trend_label", {
    survey: spec.title,
    points: `${points.length > MAX_TOLD ? "…; " : ""}${told.map((p) => `${f.shortDate(p.saved_at)}: ${f.number(p.mean)}`).join("; ")}`,
  });
  const chart = svg("svg", { class: "okr-trend__chart", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": summary });
  chart.append(svg("title", {}, summary));

  for (let value = min; value <= max; value += options.step ?? 1) {
    const y = yAt(value);
    const mid = value === (min + max) / 2;
    chart.append(svg("line", { class: mid ? "okr-trend__grid okr-trend__grid--mid" : "okr-trend__grid", x1: margin.left, x2: width - margin.right, y1: y, y2: y }));
    chart.append(svg("text", { class: "okr-trend__axis", x: margin.left - 10, y: y + 4, "text-anchor": "end" }, String(value)));
  }
  const every = Math.ceil(points.length / (narrow ? 4 : 8));
  points.forEach((point, i) => {
    if (i % every === 0 || i === points.length - 1) {
      const y = height - (timed.size ? 24 : 10);
      const label = svg("text", { class: "okr-trend__axis okr-trend__date", x: xAt(i), y, "text-anchor": "middle" }, days[i]);
      if (timed.has(days[i])) label.append(svg("tspan", { x: xAt(i), dy: 14 }, f.time(point.saved_at)));
      chart.append(label);
    }
  });

  const drawn = points.map((p, i) => ({ ...p, x: xAt(i), y: p.mean === null ? null : yAt(p.mean) })).filter((p) => p.y !== null);
  if (drawn.length > 1) {
    const path = drawn.map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
    const area = `${path} L${drawn.at(-1).x.toFixed(1)},${yAt(min)} L${drawn[0].x.toFixed(1)},${yAt(min)} Z`;
    chart.append(svg("path", { class: "okr-trend__area", d: area }));
    chart.append(svg("path", { class: "okr-trend__line", d: path }));
  }
  if (options.second) {
    const second = options.second.map((value, i) => ({ value, x: xAt(i), y: value === null ? null : yAt(value) })).filter((p) => p.y !== null);
    if (second.length > 1) chart.append(svg("path", { class: "okr-trend__line okr-trend__line--second", d: second.map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ") }));
    for (const p of second) chart.append(svg("rect", { class: "okr-trend__point--second", x: p.x - 4, y: p.y - 4, width: 8, height: 8 }, svg("title", {}, options.secondText(p.value))));
  }
  const valueText = options.valueText ?? f.number;
  for (const p of drawn.length <= MAX_DOTS ? drawn : []) {
    const label = `${f.date(p.saved_at)}: ${valueText(p.mean)}`;
    chart.append(svg("circle", { class: `okr-trend__point okr-trend__point--${p.tone ?? "mid"}`, cx: p.x, cy: p.y, r: 5 }, svg("title", {}, label)));
    if (drawn.length <= 12) chart.append(svg("text", { class: "okr-trend__value", x: p.x, y: p.y - 11, "text-anchor": "middle" }, valueText(p.mean)));
  }
  return chart;
}

/** Own score beside the team's mean per statement, on the scale (a dot plot; the table beside it says the
 *  same in words): `rows` are {label, own, team} with numbers or null, `summary` the text equivalent. */
export function gapChart(rows, scale, summary) {
  const width = 640;
  const rowHeight = 34;
  const margin = { left: 34, right: 22, top: 10, bottom: 30 };
  const height = margin.top + rows.length * rowHeight + margin.bottom;
  const plotWidth = width - margin.left - margin.right;
  const xAt = (value) => margin.left + ((value - scale.min) / (scale.max - scale.min)) * plotWidth;
  const chart = svg("svg", { class: "okr-gap__chart", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": summary });
  chart.append(svg("title", {}, summary));
  const bottom = height - margin.bottom;
  for (let value = scale.min; value <= scale.max; value += 1) {
    const mid = value === scale.midpoint;
    chart.append(svg("line", { class: mid ? "okr-trend__grid okr-trend__grid--mid" : "okr-trend__grid", x1: xAt(value), x2: xAt(value), y1: margin.top, y2: bottom }));
    chart.append(svg("text", { class: "okr-trend__axis", x: xAt(value), y: height - 10, "text-anchor": "middle" }, String(value)));
  }
  rows.forEach((row, i) => {
    const y = margin.top + i * rowHeight + rowHeight / 2;
    chart.append(svg("text", { class: "okr-trend__axis", x: margin.left - 12, y: y + 4, "text-anchor": "end" }, row.label));
    if (row.own !== null && row.team !== null) {
      const kind = row.own > row.team ? "over" : row.own < row.team ? "under" : "same";
      chart.append(svg("line", { class: `okr-gap__line okr-gap__line--${kind}`, x1: xAt(row.team), x2: xAt(row.own), y1: y, y2: y }));
    }
    if (row.team !== null) chart.append(svg("circle", { class: "okr-gap__team", cx: xAt(row.team), cy: y, r: 6 }));
    if (row.own !== null) chart.append(svg("rect", { class: "okr-gap__own", x: xAt(row.own) - 5.5, y: y - 5.5, width: 11, height: 11, transform: `rotate(45 ${xAt(row.own)} ${y})` }));
  });
  return chart;
}
