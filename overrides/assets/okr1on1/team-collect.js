// @ts-check
// The collector's part of the team view, one survey: counts only, and the team bundle to download (or why
// there is none). The engine makes the bundle (okr1on1.results_files.collect_view) and the record of what
// was released; team-store.js keeps that record, written before the bundle leaves.
import { recordBundle } from "./engine.js";
import { download } from "./share.js";
import { RELEASES_KEY, readTeamKey, writeTeamKey } from "./team-store.js";
import { admonition, el } from "./ui.js";

/** The collector's part: counts only, and the bundle to download (or why there is none). */
export function collectorSection({ t, state, update }, survey) {
  const { view, notices } = state;
  const min = view.min_responses;
  const section = el("section", { class: "okr-team__survey okr-team__collect", "data-survey": survey.survey, "aria-labelledby": `okr-team-${survey.survey}` });
  section.append(
    el("h2", { id: `okr-team-${survey.survey}` }, survey.title),
    el("p", { class: "okr-team__collect-count" }, t("team_collect_people", { count: survey.responses, shown: survey.statements_shown, total: survey.statements, min })),
  );
  if (survey.bundle) {
    const button = el("button", { type: "button", class: "md-button md-button--primary okr-team__bundle", "data-focus-key": `bundle-${survey.survey}` }, t("team_collect_download"));
    button.addEventListener("click", async () => {
      // First the record of what this bundle holds, then the bundle: no bundle leaves without it.
      let problem;
      try {
        problem = writeTeamKey(await recordBundle(readTeamKey(RELEASES_KEY).text, survey.bundle), RELEASES_KEY);
      } catch (error) {
        problem = { error: error.message };
      }
      if (problem) {
        notices[survey.survey] = { kind: "failure", text: t("team_collect_record_failed", { error: problem.error ?? "" }) };
      } else {
        download(survey.file_name, "application/json", survey.bundle);
        notices[survey.survey] = { kind: "success", text: t("team_collect_done", { file: survey.file_name }) };
      }
      update();
    });
    section.append(el("p", { class: "okr-team__note" }, t("team_collect_bundle_note", { min })), el("p", {}, button));
  } else {
    const why = survey.why === "differencing" ? "team_collect_differencing" : survey.why === "record_unreadable" ? "team_collect_record_unreadable" : "team_collect_too_few";
    section.append(admonition("warning okr-team__withheld", t("team_collect_none"), el("p", {}, t(why, { min, error: view.releases_problem ?? "" }))));
  }
  const notice = notices[survey.survey];
  section.append(el("p", { class: `okr-team__snapshot-message${notice?.kind === "failure" ? " okr-save__message--problem" : ""}`, role: "status" }, notice?.text ?? ""));
  return section;
}
