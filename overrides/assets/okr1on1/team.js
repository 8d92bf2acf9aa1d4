// @ts-check
// The team view (/team/), in this browser only, in two roles. The team lead combines open share files, or a
// collector's team bundle; the collector turns anonymous files into a team bundle and sees counts only.
// The engine does the work (okr1on1.results_files.team_view / collect_view in the worker): it checks every
// file, counts each person once, aggregates per survey under the no-differencing rule (team_privacy.py),
// sets the lead's own rating beside the team and compares with a saved snapshot. This file holds the
// page's state and its events; the sections draw themselves (team-files, team-survey, team-snapshots,
// team-collect, team-own, team-code) and team-store.js keeps the stored documents.
import { collectView, onEngineState, restartEngine, startEngine, teamView } from "./engine.js";
import { readResults, storageAvailable } from "./storage.js";
import { collectorSection } from "./team-collect.js";
import { showTeamCode } from "./team-code.js";
import { filesView, readFile } from "./team-files.js";
import { ownView } from "./team-own.js";
import { RELEASES_KEY, SNAPSHOT_KEY, keepShown, readTeamKey, shownBefore } from "./team-store.js";
import { surveySection } from "./team-survey.js";
import { admonition, el, engineStatus, formats, island, mountOnce, textsOf } from "./ui.js";

/** The page's controls around the sections: the role choice, the file picker and drop area. */
function controls(t) {
  const roleChoice = (value, checked) => {
    const input = el("input", { type: "radio", name: "okr-team-role", value, id: `okr-team-role-${value}`, class: "okr-team__role", checked, "data-focus-key": `role-${value}` });
    return el("div", { class: "okr-share__choice" }, input, el("label", { for: input.id }, el("strong", {}, t(`team_role_${value}`)), el("span", { class: "okr-share__hint" }, t(`team_role_${value}_hint`))));
  };
  const roles = el("fieldset", { class: "okr-team__roles" }, el("legend", {}, t("team_role_legend")), roleChoice("lead", true), roleChoice("collector", false));
  const fileInput = el("input", { type: "file", multiple: true, accept: ".json,application/json", class: "okr-team__file okr-sr" });
  const choose = el("label", { class: "md-button md-button--primary okr-team__choose", "data-focus-key": "choose" }, fileInput, t("team_choose"));
  const dropText = el("p", { class: "okr-team__drop-text" }, t("team_drop"));
  const drop = el("div", { class: "okr-team__drop" }, choose, dropText);
  return { roles, fileInput, dropText, drop };
}

export function mountTeam(root) {
  if (!mountOnce(root, ".okr-team__empty")) return;
  const specList = island(root, "okr-team__specs");
  const specs = new Map(specList.map((spec) => [spec.id, spec]));
  const t = textsOf(root);
  const f = formats(root.dataset.lang);

  const minResponses = Number(root.dataset.minResponses);
  const status = el("p", { class: "okr-survey__status", role: "status" }, t("team_loading"));
  const { roles, fileInput, dropText, drop } = controls(t);
  const codeArea = el("section", { class: "okr-team__code", "aria-labelledby": "okr-team-code" });
  const filesArea = el("div", { class: "okr-team__files" }, el("p", { class: "okr-team__none" }, t("team_none")));
  const announcer = el("p", { class: "okr-sr", role: "status" }); // says what loading files did, not the whole table
  const ownArea = el("section", { class: "okr-team__own", "aria-labelledby": "okr-team-own" });
  const surveysArea = el("div", { class: "okr-team__surveys" });
  root.append(status, roles, drop, announcer, filesArea, ownArea, surveysArea, codeArea);

  const state = {
    files: [], // {name, size, text, sealed} in the order they were loaded (sealed ones opened, where this browser can)
    baselines: {}, // survey id → chosen snapshot id
    notices: {}, // survey id → {kind, text} after saving or deleting a snapshot, or making a bundle
    role: "lead", // lead | collector
    released: shownBefore(), // what the lead's view showed so far (the engine's; the no-differencing rule needs it)
    ownPick: "", // id of a saved result used as the own rating ("" = none, or the loaded own file)
    view: null, // the engine's last view, with the files and the role it was made for
  };
  const ctx = { t, f, specs, specList, state, update };
  let engineState = "loading";
  let generation = 0;
  const clearNotices = () => Object.keys(state.notices).forEach((key) => delete state.notices[key]);

  async function addFiles(list) {
    const picked = [...list];
    if (!picked.length) return;
    for (const file of picked) state.files.push(await readFile(file));
    clearNotices();
    await update();
  }

  async function ownRatings() {
    if (!storageAvailable()) return null;
    try {
      return (await readResults(specList)).filter((result) => {
        const spec = specs.get(result.survey);
        return spec && (spec.self_assessment_of || spec.self_assessed_by?.length);
      });
    } catch {
      return null;
    }
  }

  async function update() {
    const current = ++generation;
    if (engineState === "failed") return;
    // Re-rendering replaces the controls: keep the keyboard focus on the one with the same key.
    const focused = root.contains(document.activeElement) ? /** @type {HTMLElement} */ (document.activeElement).dataset.focusKey : null;
    root.setAttribute("aria-busy", "true");
    if (state.files.length && engineState === "loading") filesArea.replaceChildren(el("p", { class: "okr-muted" }, t("team_checking")));
    const saved = (await ownRatings()) ?? [];
    const picked = saved.find((result) => result.id === state.ownPick);
    const own = picked ? { survey: picked.survey, answers: picked.answers, label: f.date(picked.saved_at) } : null;
    const sent = [...state.files]; // the view's files, in this order, whatever is added or removed meanwhile
    const sentRole = state.role;
    let result;
    try {
      result =
        sentRole === "lead"
          ? await teamView(specList, sent, own, readTeamKey().text, state.baselines, minResponses, state.released)
          : await collectView(specList, sent, minResponses, readTeamKey(RELEASES_KEY).text, new Date().toISOString());
    } catch (error) {
      if (current === generation) filesArea.replaceChildren(admonition("failure", t("team_failed_title"), el("p", {}, t("score_failed", { error: error.message }))));
      return;
    }
    if (current !== generation) return;
    root.removeAttribute("aria-busy");
    if (sentRole === "lead") {
      state.released = result.released; // shown now: from here on part of what was shown before
      keepShown(state.released);
    }
    state.view = { ...result, sent, role: sentRole };
    render(saved, focused);
  }

  function render(saved, focused) {
    const { view } = state;
    const lead = view.role === "lead";
    filesArea.replaceChildren(...filesView(ctx));
    surveysArea.replaceChildren(...view.surveys.map((survey) => (lead ? surveySection : collectorSection)(ctx, survey)));
    ownArea.hidden = !lead;
    ownArea.replaceChildren(...(lead ? ownView(ctx, saved) : []));
    announcer.textContent = view.files.length ? t("team_files_summary", { accepted: view.accepted, refused: view.refused }) : "";
    if (focused && !root.contains(document.activeElement)) (root.querySelector(`[data-focus-key="${focused}"]`) ?? fileInput).focus();
  }

  fileInput.addEventListener("change", async () => {
    const picked = [...fileInput.files];
    fileInput.value = "";
    await addFiles(picked);
  });
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("okr-team__drop--over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("okr-team__drop--over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("okr-team__drop--over");
    addFiles(event.dataTransfer?.files ?? []);
  });
  addEventListener("storage", (event) => {
    if (state.view && (event.key === SNAPSHOT_KEY || event.key === null)) update();
  });

  roles.addEventListener("change", () => {
    state.role = roles.querySelector(".okr-team__role:checked")?.value ?? "lead";
    dropText.textContent = t(state.role === "lead" ? "team_drop" : "team_collect_drop");
    clearNotices();
    update();
  });
  showTeamCode(codeArea, t, false);

  startEngine();
  const showStatus = engineStatus(status, t, { loading: "team_loading", ready: "team_ready", failed: "team_engine_failed" }, restartEngine);
  onEngineState((engine, detail) => {
    engineState = engine;
    root.dataset.engine = engine;
    showStatus(engine, detail);
    fileInput.disabled = engine === "failed";
    update();
  });
}
