// @ts-check
// The lead's own rating in the team view: which saved result is set beside the team's figures.
import { el, siteUrl } from "./ui.js";

/** The lead's own rating: picked from the results saved in this browser (`saved`), or a way to make one. */
export function ownView({ t, f, specs, specList, state, update }, saved) {
  const { view } = state;
  const selfSurveys = specList.filter((spec) => spec.self_assessment_of);
  const parts = [
    el("h2", { id: "okr-team-own" }, t("team_own_title")),
    el("p", {}, t("team_own_intro")),
  ];
  if (view.own) {
    parts.push(el("p", { class: "okr-team__own-used" }, t("team_own_used", { label: view.own.label, survey: specs.get(view.own.survey)?.title ?? view.own.survey })));
  }
  if (saved.length) {
    const select = el(
      "select",
      { id: "okr-team-own-pick", class: "okr-team__own-pick", "data-focus-key": "own-pick" },
      el("option", { value: "" }, t("team_own_none")),
      saved.map((result) => el("option", { value: result.id, selected: result.id === state.ownPick }, `${specs.get(result.survey).title} · ${f.date(result.saved_at)}`)),
    );
    select.addEventListener("change", () => {
      state.ownPick = select.value;
      update();
    });
    parts.push(el("p", { class: "okr-team__field" }, el("label", { for: select.id }, t("team_own_select")), select));
  } else {
    parts.push(el("p", { class: "okr-muted" }, t("team_own_empty")));
  }
  parts.push(el("p", {}, selfSurveys.map((spec) => el("a", { class: "md-button okr-team__own-fill", href: siteUrl(`templates/${spec.id}/`) }, t("team_own_fill", { survey: spec.title })))));
  return parts;
}
