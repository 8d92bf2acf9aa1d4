// Entry point on every page: mounts the survey widget and "my results" only where the page has them,
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
}

if (globalThis.document$) globalThis.document$.subscribe(() => mount());
else mount();
