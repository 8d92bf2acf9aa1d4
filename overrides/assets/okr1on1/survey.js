// @ts-check
// The survey widget: enhances the server-rendered form, scores in the worker, saves on request.
// The result is drawn by survey-result.js, saving and sharing by survey-save.js, the engine's status by
// survey-status.js; this file holds the form: its answers, what is missing, Score, and a stale result.
import { onEngineState, score, startEngine } from "./engine.js";
import { shareDialog } from "./share.js";
import { resultView } from "./survey-result.js";
import { saveArea, shareArea } from "./survey-save.js";
import { surveyStatus } from "./survey-status.js";
import { admonition, el, formats, textsOf } from "./ui.js";

export function mountSurvey(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "true";
  const spec = JSON.parse(root.querySelector(":scope > .okr-survey__spec").textContent);
  const t = textsOf(root);
  const f = formats(root.dataset.lang);
  const form = root.querySelector(".okr-survey__form");
  const results = root.querySelector(".okr-survey__results");
  const notice = el("div", { class: "okr-survey__notice", role: "alert" });
  form.after(notice);
  root.querySelector(".okr-survey__actions").hidden = false;
  const fieldsets = new Map([...form.querySelectorAll("fieldset.okr-statement")].map((fs) => [fs.dataset.statement, fs]));
  let scored = null; // {answers} the shown result was scored from
  const openShare = shareDialog(root, t);

  startEngine();
  const { statusText, waiting, waitingText } = surveyStatus(root, t, f);

  const answers = () => {
    const given = {};
    for (const [id, fieldset] of fieldsets) {
      const checked = fieldset.querySelector("input[type=radio]:checked");
      if (checked) given[id] = Number(checked.value);
    }
    return given;
  };
  const notes = () => {
    const given = {};
    for (const [id, fieldset] of fieldsets) {
      const note = fieldset.querySelector("textarea")?.value.trim();
      if (note) given[id] = note;
    }
    return given;
  };

  function showMissing(missing, noneAnswered) {
    notice.replaceChildren();
    for (const [id, fieldset] of fieldsets) fieldset.classList.toggle("okr-statement--missing", missing.includes(id));
    if (!missing.length) return;
    const links = missing.map((id) => {
      const fieldset = fieldsets.get(id);
      const label = `${fieldset.querySelector(".okr-statement__number")?.textContent ?? ""} ${fieldset.querySelector(".okr-statement__text")?.textContent ?? id}`;
      const link = el("a", { href: `#${fieldset.id}` }, label.trim());
      link.addEventListener("click", (event) => {
        event.preventDefault();
        fieldset.scrollIntoView({ block: "center" });
        fieldset.querySelector("input[type=radio]")?.focus();
      });
      return el("li", {}, link);
    });
    notice.append(
      admonition(
        noneAnswered ? "failure" : "warning",
        noneAnswered ? t("none_answered_title") : t("unanswered_title", { count: missing.length }),
        el("p", {}, noneAnswered ? t("none_answered") : t("unanswered_intro")),
        noneAnswered ? null : el("ul", { class: "okr-survey__missing" }, links),
      ),
    );
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const given = answers();
    const missing = [...fieldsets.keys()].filter((id) => !(id in given));
    const noneAnswered = missing.length === fieldsets.size;
    showMissing(missing, noneAnswered);
    if (noneAnswered) {
      results.hidden = true;
      return;
    }
    // Pressed before the engine is ready: said beside the button, and the result follows by itself.
    if (root.dataset.engine === "loading") {
      if (!waiting.hidden) return; // already waiting to score (the answers are read again then)
      waitingText.textContent = statusText.textContent = t("scoring_waits");
      waiting.hidden = false;
      try {
        await new Promise((resolve, reject) => {
          const stop = onEngineState((state) => {
            if (state === "loading") return;
            queueMicrotask(() => stop());
            (state === "ready" ? resolve : reject)();
          });
        });
      } catch {
        waiting.hidden = true;
        return; // the status line says why and offers Try again
      }
      waiting.hidden = true;
      form.requestSubmit();
      return;
    }
    let result;
    try {
      result = await score(spec, given);
    } catch (error) {
      notice.append(admonition("failure", t("score_failed_title"), el("p", {}, t("score_failed", { error: error.message }))));
      return;
    }
    scored = { answers: given };
    results.replaceChildren(...resultView(spec, result, t, f).filter(Boolean), saveArea(spec, scored, notes, t, f), shareArea(spec, scored, openShare, t));
    results.hidden = false;
    results.classList.remove("okr-survey__results--stale");
    // Keyboard focus goes to the result; the view starts at the notice about unanswered statements, if any.
    results.querySelector(".okr-results__title").focus({ preventScroll: true });
    (notice.firstChild ? notice : results).scrollIntoView({ block: "start" });
  });

  form.addEventListener("change", (event) => {
    const fieldset = event.target.closest("fieldset.okr-statement");
    if (event.target.type === "radio" && fieldset) {
      fieldset.classList.remove("okr-statement--missing");
      if (scored && !results.hidden && !results.classList.contains("okr-survey__results--stale")) {
        results.classList.add("okr-survey__results--stale");
        for (const button of results.querySelectorAll(".okr-save__button, .okr-share__open")) button.disabled = true;
        results.prepend(el("p", { class: "okr-survey__stale", role: "status" }, t("stale")));
      }
    }
  });
}
