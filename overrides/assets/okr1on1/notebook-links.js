// "From this device": the latest mood-check result and the latest OKR check-in summary, read-only,
// so a 1:1 can start from them. Nothing here writes; nothing is shown when there is nothing saved.
import { call, readResultsFile, score } from "./engine.js";

/** The text under `key`, or null (none, or storage switched off): read only. */
function storedText(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The newest saved mood-check result, scored by the engine: {survey, saved_at, mean, band} or null.
 *  The history is read by the engine's own reader of results files (okr1on1.results_files). */
export async function latestMood(resultsKey, specs) {
  const text = storedText(resultsKey);
  if (!text) return null;
  try {
    const results = await readResultsFile(text, specs);
    const latest = results.sort((a, b) => a.saved_at.localeCompare(b.saved_at)).at(-1);
    const spec = specs.find((candidate) => candidate.id === latest?.survey);
    if (!spec) return null;
    const known = new Set(spec.statements.map((statement) => statement.id));
    const answers = Object.fromEntries(Object.entries(latest.answers).filter(([id]) => known.has(id)));
    const scored = await score(spec, answers);
    return { survey: spec.title, saved_at: latest.saved_at, mean: scored.mean, band: scored.band };
  } catch {
    return null; // a history the results page cannot read either: that page explains it
  }
}

// The OKR check-ins (issue 19) keep their document in localStorage; their engine module answers
// `latest_summary(document)` with one line of text, or null. Until that method is in the worker's
// table the call is refused, and the notebook shows nothing.
export const OKR_KEY = "okr1on1.okrs";
export const OKR_SUMMARY_METHOD = "okr_latest_summary";

/** The latest OKR check-in summary saved on this device (one line of text), or null. */
export async function latestOkrSummary() {
  const text = storedText(OKR_KEY);
  if (!text) return null;
  try {
    const summary = await call(OKR_SUMMARY_METHOD, text);
    return typeof summary === "string" && summary ? summary : null;
  } catch {
    return null;
  }
}
