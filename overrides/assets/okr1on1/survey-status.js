// @ts-check
// The survey's status line: how far the engine's start is (a bar and "n of m MB", then "starting
// Python"), ready or failed with Try again; and the note beside the Score button when it was pressed
// before the engine was ready.
import { onEngineProgress, onEngineState, restartEngine } from "./engine.js";
import { el, retryButton } from "./ui.js";

/** Draw and follow the status of `root`'s survey; returns the parts the Score button's wait uses. */
export function surveyStatus(root, t, f) {
  const status = root.querySelector(".okr-survey__status");
  // How far the engine's start is, in the status line (its room kept from the first paint: widget.css) and,
  // once Score is pressed before it is ready, beside the button: a bar and "n of m MB". They change four
  // times a second: hidden from screen readers, which hear each phase once from the status text.
  const meter = () =>
    el("span", { class: "okr-survey__meter", "aria-hidden": "true" }, el("progress", { class: "okr-survey__bar", max: "1", value: "0" }), el("span", { class: "okr-survey__bytes" }));
  const statusText = el("span", { class: "okr-survey__status-text" }, status.textContent);
  const loadingMeter = meter();
  status.replaceChildren(statusText, loadingMeter);
  const waiting = el("p", { class: "okr-survey__waiting", role: "status", hidden: "" });
  const waitingText = el("span");
  waiting.append(waitingText, " ", meter());
  root.querySelector(".okr-survey__actions").append(waiting);
  let phase = "download";
  const mb = (bytes) => f.number(bytes / 1_000_000);
  onEngineProgress((report) => {
    for (const shown of root.querySelectorAll(".okr-survey__meter")) {
      const bar = shown.querySelector("progress");
      if (report.phase === "start") bar.removeAttribute("value"); // Python starts: no bytes to count
      else Object.assign(bar, { max: report.total, value: report.loaded });
      shown.querySelector(".okr-survey__bytes").textContent =
        report.phase === "start" ? t("engine_python") : t("engine_bytes", { loaded: mb(report.loaded), total: mb(report.total) });
    }
    if (report.phase !== phase) {
      phase = report.phase;
      if (root.dataset.engine === "loading" && waiting.hidden) statusText.textContent = t(phase === "start" ? "engine_starting" : "engine_loading");
    }
  });

  let prepared = false;
  onEngineState((state, detail) => {
    root.dataset.engine = state;
    if (state === "ready" && !prepared) {
      prepared = true;
      setTimeout(f.prepare, 0); // the results view's number formats, made before the first Score
    }
    if (state !== "loading") waiting.hidden = true;
    status.classList.toggle("okr-survey__status--failed", state === "failed");
    statusText.textContent = state === "loading" ? t(phase === "start" ? "engine_starting" : "engine_loading") : state === "ready" ? t("engine_ready") : t("engine_failed", { error: t(detail) });
    if (state === "failed") statusText.append(" ", retryButton(t, restartEngine));
  });
  return { statusText, waiting, waitingText };
}
