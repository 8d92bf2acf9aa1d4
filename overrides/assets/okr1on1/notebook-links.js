// @ts-check
// "From this device": the latest mood-check result and the latest OKR check-in summary, read-only,
// so a 1:1 can start from them, and the meeting's section that shows them. Nothing here writes;
// nothing is shown when there is nothing saved.
import { call } from "./engine.js";
import { KEY, historyView, readKey } from "./storage.js";
import { el } from "./ui.js";

/** The text under `key`, or null (none, or storage switched off): read only. */
function storedText(key) {
  try {
    return readKey(key);
  } catch {
    return null;
  }
}

/** The newest saved mood-check result as "My results" shows it: {survey, saved_at, mean, band} or null.
 *  The engine reads the history (okr1on1.stored_results.history_view): a result it sets aside, or one
 *  of a check this site no longer has, does not hide the others. */
async function latestMood(specs) {
  if (!storedText(KEY)) return null;
  try {
    const { view } = await historyView(specs);
    const newest = view.surveys
      .map((entry) => ({ spec: specs.find((candidate) => candidate.id === entry.survey), result: entry.results.at(-1) }))
      .filter(({ spec, result }) => spec && result)
      .sort((a, b) => a.result.saved_at.localeCompare(b.result.saved_at))
      .at(-1);
    return newest ? { survey: newest.spec.title, saved_at: newest.result.saved_at, mean: newest.result.mean, band: newest.result.band } : null;
  } catch {
    return null; // a history the results page cannot read either: that page explains it
  }
}

/** The latest OKR check-in saved on this device under `okrKey` (okr1on1.okr_checkins.STORAGE_KEY, in the
 *  page's data), as okr1on1.okr_checkins.latest_summary gives it ({quarter, week, objectives: [{title,
 *  progress}], …}), or null. */
async function latestOkrSummary(okrKey) {
  const text = storedText(okrKey);
  if (!text) return null;
  try {
    return (await call("okr_latest_summary", text)) ?? null;
  } catch {
    return null; // a document My OKRs cannot read either: that page explains it
  }
}

/** The "from this device" section of a meeting: hidden until something saved here is found. */
export function deviceSection(ctx) {
  const { t, day } = ctx;
  const fromDevice = el("section", { class: "okr-nb-section okr-nb-device", "aria-labelledby": "okr-nb-device-title", hidden: true },
    el("h3", { id: "okr-nb-device-title" }, t("from_device")), el("p", {}, t("from_device_intro")));
  const deviceList = el("ul", {});
  fromDevice.append(deviceList);
  Promise.all([latestMood(ctx.specs), latestOkrSummary(ctx.config.okr_key)]).then(([mood, okr]) => {
    const number = new Intl.NumberFormat(ctx.lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    if (mood) {
      const values = { survey: mood.survey, date: day(mood.saved_at.slice(0, 10)), mean: mood.mean === null ? "–" : number.format(mood.mean), band: mood.band ?? "–" };
      deviceList.append(el("li", { class: "okr-nb-device__mood" }, t("latest_mood", values)));
    }
    if (okr) {
      const percent = new Intl.NumberFormat(ctx.lang, { style: "percent", maximumFractionDigits: 0 });
      const objectives = okr.objectives.map((o) => `${o.title} ${o.progress === null ? "–" : percent.format(o.progress)}`).join("; ");
      deviceList.append(el("li", { class: "okr-nb-device__okr" }, t("latest_okr", { quarter: okr.quarter.name, week: okr.week, objectives })));
    }
    fromDevice.hidden = !deviceList.childElementCount;
    fromDevice.dataset.checked = "true";
  });
  return fromDevice;
}
