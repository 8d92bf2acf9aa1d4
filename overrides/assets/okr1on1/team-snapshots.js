// @ts-check
// The lead's snapshots of one survey (team view): the comparison with a saved one, and saving or deleting
// one. The engine makes the snapshot document and the comparison (okr1on1.results_files); team-store.js
// keeps the document.
import { addSnapshot, removeSnapshot } from "./engine.js";
import { readTeamKey, writeTeamKey } from "./team-store.js";
import { admonition, changeText, el, newId, table } from "./ui.js";

/** The snapshots of one survey: compare with one, delete it, save the team's figures as a new one. */
export function snapshotView({ t, f, state, update }, survey) {
  const { view, notices, baselines } = state;
  const team = survey.aggregate;
  const area = el("div", { class: "okr-team__snapshots" }, el("h3", {}, t("team_snapshot_title")), el("p", { class: "okr-team__note" }, t("team_snapshot_intro")));
  if (view.snapshots_problem) {
    const wipe = el("button", { type: "button", class: "md-button okr-team__snapshots-clear" }, t("team_snapshots_clear"));
    wipe.addEventListener("click", () => {
      const problem = writeTeamKey(null);
      notices[survey.survey] = problem ? { kind: "failure", text: t(problem.reason, problem) } : { kind: "success", text: t("team_snapshot_deleted") };
      update();
    });
    area.append(admonition("failure", t("storage_problem_title"), el("p", {}, t(view.snapshots_problem.reason, view.snapshots_problem.values)), wipe));
  }
  const baseline = survey.baseline;
  if (baseline) {
    const select = el(
      "select",
      { id: `okr-team-baseline-${survey.survey}`, class: "okr-team__baseline", "data-focus-key": `baseline-${survey.survey}` },
      survey.snapshots.map((snapshot) =>
        el("option", { value: snapshot.id, selected: snapshot.id === baseline.id }, t("team_snapshot_option", { date: f.date(snapshot.saved_at), count: snapshot.responses, mean: f.number(snapshot.mean) })),
      ),
    );
    select.addEventListener("change", () => {
      baselines[survey.survey] = select.value;
      update();
    });
    const remove = el("button", { type: "button", class: "md-button okr-team__snapshot-delete", "data-focus-key": `delete-${survey.survey}` }, t("team_snapshot_delete"));
    remove.addEventListener("click", async () => {
      const text = await removeSnapshot(readTeamKey().text, baseline.id).catch(() => null);
      const problem = text === null ? { reason: "team_snapshot_failed", error: "" } : writeTeamKey(text);
      notices[survey.survey] = problem ? { kind: "failure", text: t(problem.reason, problem) } : { kind: "success", text: t("team_snapshot_deleted") };
      delete baselines[survey.survey];
      update();
    });
    const change = baseline.change ?? { mean_change: null, statements: {} };
    const before = Object.fromEntries(baseline.statements.map((item) => [item.id, item.mean]));
    const rows = team.statements.map((item, i) =>
      el(
        "tr",
        { "data-statement": item.id },
        el("td", {}, el("span", { class: "okr-muted" }, `${i + 1}. `), item.text),
        el("td", { class: "okr-num okr-team__then" }, f.number(before[item.id] ?? null)),
        el("td", { class: "okr-num okr-team__now" }, f.number(item.mean)),
        el("td", { class: "okr-num okr-team__change" }, (change.statements[item.id] ?? null) === null ? "–" : changeText(change.statements[item.id], f)),
      ),
    );
    area.append(
      el("p", { class: "okr-team__field" }, el("label", { for: select.id }, t("team_snapshot_select")), select, remove),
      el(
        "p",
        { class: "okr-team__mean-change" },
        t("team_snapshot_mean", { before: f.number(baseline.team.mean), now: f.number(team.team.mean), count: baseline.responses }),
        " ",
        change.mean_change === null ? "–" : changeText(change.mean_change, f),
      ),
      table(t("team_snapshot_table", { date: f.date(baseline.saved_at) }), [[t("statement_col")], [t("team_snapshot_then_col"), true], [t("team_snapshot_now_col"), true], [t("change_col"), true]], rows),
      ...(baseline.change_why === "unknown_people" ? [el("p", { class: "okr-team__note okr-team__snapshot-old" }, t("team_snapshot_old"))] : []),
    );
  } else {
    area.append(el("p", { class: "okr-team__snapshot-none" }, t("team_snapshot_none")));
  }
  const { available } = readTeamKey();
  const save = el("button", { type: "button", class: "md-button okr-team__snapshot-save", "data-focus-key": `save-${survey.survey}`, disabled: !survey.can_save || !available || Boolean(view.snapshots_problem) }, t("team_snapshot_save"));
  save.addEventListener("click", async () => {
    const savedAt = new Date().toISOString();
    const id = newId();
    let problem;
    try {
      problem = writeTeamKey(await addSnapshot(readTeamKey().text, team, savedAt, id));
    } catch (error) {
      problem = { reason: "team_snapshot_failed", error: error.message };
    }
    // Keep comparing with the snapshot shown so far; the first one saved becomes the comparison.
    if (!problem && baseline && !baselines[survey.survey]) baselines[survey.survey] = baseline.id;
    notices[survey.survey] = problem ? { kind: "failure", text: t(problem.reason, problem) } : { kind: "success", text: t("team_snapshot_saved", { date: f.date(savedAt) }) };
    update();
  });
  const notice = notices[survey.survey];
  const why = !available ? t("team_storage_unavailable") : !survey.can_save ? t("team_snapshot_cannot_save", { min: team.min_responses }) : "";
  area.append(
    el("div", { class: "okr-team__snapshot-actions" }, save, why ? el("span", { class: "okr-muted" }, why) : null),
    el("p", { class: `okr-team__snapshot-message${notice?.kind === "failure" ? " okr-save__message--problem" : ""}`, role: "status" }, notice?.text ?? ""),
  );
  return area;
}
