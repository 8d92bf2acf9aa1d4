// @ts-check
// Entry point on every page: mounts the survey widget, "my results" and the team view only where the page has them,
// so the scoring worker (Pyodide) starts on those pages and nowhere else. Works with instant navigation.
async function mount() {
  const surveys = document.querySelectorAll(".okr-survey");
  const history = document.querySelectorAll(".okr-history");
  if (surveys.length) {
    const { mountSurvey } = await import("./survey.js");
    surveys.forEach(mountSurvey);
  }
  if (history.length) {
    const { mountHistory } = await import("./history.js");
    history.forEach(mountHistory);
  }
  const teams = document.querySelectorAll(".okr-team");
  if (teams.length) {
    const { mountTeam } = await import("./team.js");
    teams.forEach(mountTeam);
  }
  const okrs = document.querySelectorAll(".okr-okrs");
  if (okrs.length) {
    const { mountOkrs } = await import("./okrs.js");
    okrs.forEach(mountOkrs);
  }
  // The 1:1 notebook.
  const notebooks = document.querySelectorAll(".okr-notebook");
  if (notebooks.length) {
    const { mountNotebook } = await import("./notebook.js");
    notebooks.forEach(mountNotebook);
  }
}

if (globalThis.document$) globalThis.document$.subscribe(() => mount());
else mount();
