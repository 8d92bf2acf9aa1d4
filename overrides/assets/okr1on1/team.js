// @ts-check
// The team view (/team/), in this browser only, in two roles. The team lead combines open share files, or a
// collector's team bundle; the collector turns anonymous files into a team bundle and sees counts only.
// The engine does the work (okr1on1.results_files.team_view / collect_view in the worker): it checks every
// file, counts each person once, aggregates per survey under the no-differencing rule (team_privacy.py),
// sets the lead's own rating beside the team and compares with a saved snapshot. This file reads the files
// (opening sealed ones with this browser's team codes, sealed.js), keeps the stored documents, and draws.
import { distanceView, gapChart, shareBar, valueBar } from "./charts.js";
import { addSnapshot, collectView, onEngineState, recordBundle, removeSnapshot, restartEngine, startEngine, teamView } from "./engine.js";
import { makeTeamCode, openIfSealed, teamCodes } from "./sealed.js";
import { download } from "./share.js";
import { readResults, storageAvailable } from "./storage.js";
import { admonition, el, formats, retryButton, siteUrl, table, textsOf } from "./ui.js";

/** The team snapshots: one key, one versioned document, written with one setItem (see STORAGE.md). */
export const SNAPSHOT_KEY = "okr1on1.team-snapshots";
/** The collector's record of the bundles it made (response tokens only), so no later bundle can be told apart from them. */
export const RELEASES_KEY = "okr1on1.collector-releases";
/** What the lead's page showed (response tokens per figure), for this tab only: a reload does not forget it. */
const SHOWN_KEY = "okr1on1.team-shown";
const READ_LIMIT = 1024 * 1024; // a bigger file is not read at all; the engine refuses it by its size

function shownBefore() {
  try {
    return JSON.parse(globalThis.sessionStorage.getItem(SHOWN_KEY)) ?? {};
  } catch {
    return {};
  }
}

function readStored(key) {
  try {
    return { text: globalThis.localStorage.getItem(key), available: true };
  } catch {
    return { text: null, available: false };
  }
}
const readSnapshots = () => readStored(SNAPSHOT_KEY);

/** Write the complete new document; returns a widget text key when the browser refused. */
function writeSnapshots(text, key = SNAPSHOT_KEY) {
  try {
    if (text === null) globalThis.localStorage.removeItem(key);
    else globalThis.localStorage.setItem(key, text);
    return null;
  } catch (error) {
    const quota = error?.name === "QuotaExceededError" || error?.code === 22;
    return { reason: quota ? "save_failed_quota" : "team_snapshot_failed", error: String(error?.message ?? error) };
  }
}

function changeText(value, f) {
  return el("span", { class: `okr-change okr-change--${value > 0 ? "up" : value < 0 ? "down" : "same"}` }, f.signed(value));
}

/** A gap between the lead's own rating and the team: signed, but neither good nor bad, so no colour. */
function gapText(value, f) {
  return el("span", { class: "okr-change okr-gap__value" }, f.signed(value));
}

function kpi(label, value, unit, extraClass = "") {
  return el("div", { class: `okr-kpi ${extraClass}` }, el("span", { class: "okr-kpi__label" }, label), el("span", { class: "okr-kpi__value" }, value), unit ? el("span", { class: "okr-kpi__unit" }, unit) : null);
}

export function mountTeam(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "true";
  const specList = JSON.parse(root.querySelector(":scope > .okr-team__specs").textContent);
  const specs = new Map(specList.map((spec) => [spec.id, spec]));
  const t = textsOf(root);
  const f = formats(root.dataset.lang);
  root.querySelector(".okr-team__empty")?.remove();

  const minResponses = Number(root.dataset.minResponses);
  const status = el("p", { class: "okr-survey__status", role: "status" }, t("team_loading"));
  const roleChoice = (value, checked) => {
    const input = el("input", { type: "radio", name: "okr-team-role", value, id: `okr-team-role-${value}`, class: "okr-team__role", checked, "data-focus-key": `role-${value}` });
    return el("div", { class: "okr-share__choice" }, input, el("label", { for: input.id }, el("strong", {}, t(`team_role_${value}`)), el("span", { class: "okr-share__hint" }, t(`team_role_${value}_hint`))));
  };
  const roles = el("fieldset", { class: "okr-team__roles" }, el("legend", {}, t("team_role_legend")), roleChoice("lead", true), roleChoice("collector", false));
  const codeArea = el("section", { class: "okr-team__code", "aria-labelledby": "okr-team-code" });
  const fileInput = el("input", { type: "file", multiple: true, accept: ".json,application/json", class: "okr-team__file okr-sr" });
  const choose = el("label", { class: "md-button md-button--primary okr-team__choose", "data-focus-key": "choose" }, fileInput, t("team_choose"));
  const dropText = el("p", { class: "okr-team__drop-text" }, t("team_drop"));
  const drop = el("div", { class: "okr-team__drop" }, choose, dropText);
  const filesArea = el("div", { class: "okr-team__files" }, el("p", { class: "okr-team__none" }, t("team_none")));
  const announcer = el("p", { class: "okr-sr", role: "status" }); // says what loading files did, not the whole table
  const ownArea = el("section", { class: "okr-team__own", "aria-labelledby": "okr-team-own" });
  const surveysArea = el("div", { class: "okr-team__surveys" });
  root.append(status, roles, drop, announcer, filesArea, ownArea, surveysArea, codeArea);

  const files = []; // {name, size, text, sealed} in the order they were loaded (sealed ones opened, where this browser can)
  const baselines = {}; // survey id → chosen snapshot id
  const notices = {}; // survey id → {kind, text} after saving or deleting a snapshot, or making a bundle
  let role = "lead"; // lead | collector
  let released = shownBefore(); // what the lead's view showed so far (the engine's; the no-differencing rule needs it)
  let ownPick = ""; // id of a saved result used as the own rating ("" = none, or the loaded own file)
  let engineState = "loading";
  let generation = 0;
  let view = null;

  async function addFiles(list) {
    const picked = [...list];
    if (!picked.length) return;
    for (const file of picked) {
      let text = null;
      if (file.size <= READ_LIMIT) text = await file.text().catch(() => null);
      const opened = await openIfSealed(text);
      files.push({ name: file.name, size: opened.sealed === "opened" ? opened.text.length : file.size, text: opened.text ?? text, sealed: opened.sealed });
    }
    for (const key of Object.keys(notices)) delete notices[key];
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
    if (files.length && engineState === "loading") filesArea.replaceChildren(el("p", { class: "okr-muted" }, t("team_checking")));
    const saved = (await ownRatings()) ?? [];
    const picked = saved.find((result) => result.id === ownPick);
    const own = picked ? { survey: picked.survey, answers: picked.answers, label: f.date(picked.saved_at) } : null;
    const sent = [...files]; // the view's files, in this order, whatever is added or removed meanwhile
    const sentRole = role;
    let result;
    try {
      result =
        sentRole === "lead"
          ? await teamView(specList, sent, own, readSnapshots().text, baselines, minResponses, released)
          : await collectView(specList, sent, minResponses, readStored(RELEASES_KEY).text, new Date().toISOString());
    } catch (error) {
      if (current === generation) filesArea.replaceChildren(admonition("failure", t("team_failed_title"), el("p", {}, t("score_failed", { error: error.message }))));
      return;
    }
    if (current !== generation) return;
    root.removeAttribute("aria-busy");
    if (sentRole === "lead") {
      released = result.released; // shown now: from here on part of what was shown before
      try {
        globalThis.sessionStorage.setItem(SHOWN_KEY, JSON.stringify(released));
      } catch {
        // kept in memory only: a reload forgets it
      }
    }
    view = { ...result, sent, role: sentRole };
    render(saved, focused);
  }

  function render(saved, focused) {
    filesArea.replaceChildren(...filesView());
    surveysArea.replaceChildren(...view.surveys.map(view.role === "lead" ? surveySection : collectorSection));
    ownArea.hidden = view.role !== "lead";
    ownArea.replaceChildren(...(view.role === "lead" ? ownView(saved) : []));
    announcer.textContent = view.files.length ? t("team_files_summary", { accepted: view.accepted, refused: view.refused }) : "";
    if (focused && !root.contains(document.activeElement)) (root.querySelector(`[data-focus-key="${focused}"]`) ?? fileInput).focus();
  }

  function filesView() {
    if (!view.files.length) return [el("p", { class: "okr-team__none" }, t("team_none"))];
    const rows = view.files.map((entry, index) => {
      const spec = entry.survey ? specs.get(entry.survey) : null;
      const accepted = { own: "team_accepted_own", bundle: "team_accepted_bundle", anonymous: "team_accepted_anonymous" }[entry.role] ?? "team_accepted";
      const state = entry.accepted
        ? el(
            "span",
            { class: "okr-team__accepted" },
            t(accepted),
            entry.person ? ` · ${t("team_from", { person: entry.person })}` : "",
            entry.sealed ? ` · ${t("team_opened_sealed")}` : "",
          )
        : el("span", { class: "okr-team__refused" }, t("team_refused", { reason: t(entry.reason, entry.values) }));
      const remove = el("button", { type: "button", class: "okr-team__remove", "aria-label": t("team_remove_label", { file: entry.name }), "data-focus-key": `remove-${index}` }, t("team_remove"));
      const file = view.sent[index];
      remove.addEventListener("click", () => {
        const at = files.indexOf(file);
        if (at < 0) return;
        files.splice(at, 1);
        update();
      });
      return el(
        "tr",
        { class: entry.accepted ? "okr-team__file-row" : "okr-team__file-row okr-team__file-row--refused", "data-file": entry.name },
        el("td", { class: "okr-team__file-name" }, entry.name),
        el("td", {}, spec ? spec.title : "–"),
        el("td", {}, state),
        el("td", {}, remove),
      );
    });
    const clear = el("button", { type: "button", class: "md-button okr-team__clear", "data-focus-key": "clear" }, t("team_clear"));
    clear.addEventListener("click", () => {
      files.length = 0;
      update();
    });
    return [
      el("h2", { id: "okr-team-files" }, t("team_files_title")),
      el("div", { class: "okr-team__files-bar" }, el("p", { class: "okr-team__summary" }, t("team_files_summary", { accepted: view.accepted, refused: view.refused })), clear),
      table(null, [[t("team_file_col")], [t("team_check_col")], [t("team_status_col")], [el("span", { class: "okr-sr" }, t("team_remove"))]], rows),
    ];
  }

  function statisticsTable(caption, header, items, scale, label, withheldText) {
    const rows = items.map((item, i) =>
      el(
        "tr",
        { "data-item": item.key, class: item.withheld ? "okr-row--skipped" : null },
        el("td", {}, label(item, i), item.withheld ? el("span", { class: "okr-team__reason" }, ` (${item.why === "differencing" ? t("team_differencing_cell") : withheldText})`) : null),
        el("td", { class: "okr-num" }, f.whole(item.n)),
        el("td", { class: "okr-num okr-team__mean" }, f.number(item.mean)),
        el("td", { class: "okr-num" }, f.number(item.median)),
        el("td", { class: "okr-num" }, f.number(item.sd)),
        el("td", { class: "okr-barcell" }, valueBar(item.mean, scale, item.tone)),
      ),
    );
    const headers = [[header], [t("team_n_col"), true], [t("mean_col"), true], [t("team_median_col"), true], [t("team_sd_col"), true], [el("span", { class: "okr-sr" }, t("bar_col"))]];
    return table(caption, headers, rows);
  }

  function surveySection(survey) {
    const spec = specs.get(survey.survey);
    const team = survey.aggregate;
    const summary = team.team;
    const min = team.min_responses;
    const section = el("section", { class: "okr-team__survey", "data-survey": survey.survey, "aria-labelledby": `okr-team-${survey.survey}` });
    section.append(
      el("h2", { id: `okr-team-${survey.survey}` }, survey.title),
      el(
        "p",
        { class: "okr-history__meta" },
        el("span", { class: "okr-team__responses" }, t("team_responses", { count: survey.responses })),
        survey.source === "bundle" ? [" · ", el("span", { class: "okr-team__source" }, t("team_from_bundle", { date: survey.bundle_made_on }))] : null,
        " · ",
        el("a", { href: siteUrl(`templates/${spec.id}/`) }, t("open_survey")),
      ),
    );
    if (team.withheld && team.why === "differencing") {
      section.append(admonition("warning okr-team__withheld okr-team__withheld--differencing", t("team_differencing_title"), el("p", {}, t("team_differencing", { count: survey.responses, min }))));
    } else if (team.withheld) {
      section.append(admonition("warning okr-team__withheld", t("team_withheld_title", { min }), el("p", {}, t("team_withheld", { count: survey.responses, min }))));
    } else {
      section.append(
        el(
          "div",
          { class: "okr-kpis" },
          kpi(t("team_mean"), f.number(summary.mean), t("of_max", { max: spec.scale.max }), "okr-kpi--mean"),
          kpi(t("index"), f.number(summary.index), t("of_max", { max: 100 }), "okr-kpi--index"),
          kpi(t("band"), summary.band ?? "–", null, `okr-kpi--band okr-kpi--${summary.tone ?? "mid"}`),
          kpi(t("team_people"), f.whole(summary.n), null, "okr-kpi--people"),
        ),
        el("p", { class: "okr-results__index-note okr-muted" }, t("team_index_note", { min: spec.scale.min, max: spec.scale.max })),
        ...(spec.split
          ? [el("h3", {}, t("team_shares_title")), shareBar(summary, t, f), el("p", { class: "okr-team__note" }, t("team_shares_note"))]
          : [distanceView(summary, spec.scale, t, f)]),
      );
      const withheldText = t("team_withheld_cell", { min });
      const statementLabel = (item, i) => [el("span", { class: "okr-muted" }, `${i + 1}. `), item.text];
      section.append(statisticsTable(t("team_statements_title"), t("statement_col"), team.statements.map((item) => ({ ...item, key: item.id })), spec.scale, statementLabel, withheldText));
      const tags = Object.entries(team.by_tag).map(([tag, item]) => ({ ...item, key: tag, text: spec.tag_labels?.[tag] ?? tag }));
      if (tags.length) section.append(statisticsTable(t("team_tags_title"), t("tag_col"), tags, spec.scale, (item) => item.text, withheldText));
    }
    if (survey.gap) section.append(gapView(survey, spec));
    section.append(snapshotView(survey));
    return section;
  }

  function gapView(survey, spec) {
    const gap = survey.gap;
    const own = view.own;
    const area = el("div", { class: "okr-team__gap" }, el("h3", {}, t("team_gap_title")));
    area.append(el("p", { class: "okr-team__gap-source" }, t("team_gap_source", { label: own.label, survey: specs.get(own.survey)?.title ?? own.survey })));
    if (gap.withheld) {
      area.append(el("p", { class: "okr-team__gap-withheld" }, t("team_gap_withheld", { min: survey.aggregate.min_responses, mean: f.number(gap.own_mean) })));
      return area;
    }
    area.append(
      el("p", { class: "okr-team__gap-mean" }, t("team_gap_mean", { own: f.number(gap.own_mean), team: f.number(gap.team_mean) }), " ", gapText(gap.mean_gap, f)),
      el("p", { class: "okr-team__note" }, t("team_gap_intro")),
    );
    const rows = gap.statements.map((item, i) => ({ label: `${i + 1}.`, own: item.own, team: item.team, item }));
    const points = gap.statements.map((item, i) => t("team_gap_point", { number: i + 1, own: f.whole(item.own), team: f.number(item.team) })).join("; ");
    const legend = el(
      "ul",
      { class: "okr-gap__legend", "aria-hidden": "true" },
      el("li", {}, el("span", { class: "okr-gap__key okr-gap__key--own" }), t("team_gap_own_col")),
      el("li", {}, el("span", { class: "okr-gap__key okr-gap__key--team" }), t("team_gap_team_col")),
    );
    area.append(el("figure", { class: "okr-trend okr-gap" }, legend, gapChart(rows, spec.scale, t("team_gap_chart_label", { points })), el("figcaption", {}, t("team_gap_caption"))));
    const tableRows = gap.statements.map((item, i) =>
      el(
        "tr",
        { "data-statement": item.id },
        el("td", {}, el("span", { class: "okr-muted" }, `${i + 1}. `), item.text, item.withheld ? el("span", { class: "okr-team__reason" }, ` (${t("team_withheld_cell", { min: survey.aggregate.min_responses })})`) : null),
        el("td", { class: "okr-num okr-team__gap-own" }, f.whole(item.own)),
        el("td", { class: "okr-num okr-team__gap-team" }, f.number(item.team)),
        el("td", { class: "okr-num okr-team__gap-value" }, item.gap === null ? "–" : gapText(item.gap, f)),
      ),
    );
    area.append(table(t("team_gap_table"), [[t("statement_col")], [t("team_gap_own_col"), true], [t("team_gap_team_col"), true], [t("team_gap_col"), true]], tableRows));
    return area;
  }

  function snapshotView(survey) {
    const team = survey.aggregate;
    const area = el("div", { class: "okr-team__snapshots" }, el("h3", {}, t("team_snapshot_title")), el("p", { class: "okr-team__note" }, t("team_snapshot_intro")));
    if (view.snapshots_problem) {
      const wipe = el("button", { type: "button", class: "md-button okr-team__snapshots-clear" }, t("team_snapshots_clear"));
      wipe.addEventListener("click", () => {
        const problem = writeSnapshots(null);
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
        const text = await removeSnapshot(readSnapshots().text, baseline.id).catch(() => null);
        const problem = text === null ? { reason: "team_snapshot_failed", error: "" } : writeSnapshots(text);
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
    const { available } = readSnapshots();
    const save = el("button", { type: "button", class: "md-button okr-team__snapshot-save", "data-focus-key": `save-${survey.survey}`, disabled: !survey.can_save || !available || Boolean(view.snapshots_problem) }, t("team_snapshot_save"));
    save.addEventListener("click", async () => {
      const savedAt = new Date().toISOString();
      const id = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
      let problem;
      try {
        problem = writeSnapshots(await addSnapshot(readSnapshots().text, team, savedAt, id));
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

  /** The collector's part: counts only, and the bundle to download (or why there is none). */
  function collectorSection(survey) {
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
          problem = writeSnapshots(await recordBundle(readStored(RELEASES_KEY).text, survey.bundle), RELEASES_KEY);
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

  /** The team code of this browser: the public half to give out, as text and as a link. */
  async function showTeamCode(made) {
    const parts = [el("h2", { id: "okr-team-code" }, t("team_code_title")), el("p", {}, t("team_code_intro"))];
    let codes = [];
    const usable = Boolean(globalThis.crypto?.subtle) && typeof indexedDB !== "undefined";
    if (usable) codes = await teamCodes().catch(() => null);
    if (!usable || codes === null) {
      codeArea.replaceChildren(...parts, el("p", { class: "okr-muted" }, t("team_code_unavailable")));
      return;
    }
    const make = el("button", { type: "button", class: "md-button okr-team__code-make" }, t(codes.length ? "team_code_new" : "team_code_make"));
    const message = el("p", { class: "okr-team__code-message", role: "status" });
    make.addEventListener("click", async () => {
      try {
        await makeTeamCode();
        await showTeamCode(true);
      } catch (error) {
        message.textContent = t("team_code_failed", { error: error.message });
      }
    });
    if (codes.length) {
      const [newest] = codes;
      const link = `${siteUrl("results/")}#team-code=${newest.code}`;
      const field = (label, value, css, copyKey) => {
        const input = el("input", { type: "text", readonly: true, value, id: `okr-team-${css}`, class: `okr-team__${css}`, spellcheck: "false" });
        const copy = el("button", { type: "button", class: "md-button okr-team__copy" }, t(copyKey));
        copy.addEventListener("click", async () => {
          input.select();
          const copied = await navigator.clipboard?.writeText(value).then(() => true, () => false);
          message.textContent = copied ? t("team_code_copied") : "";
        });
        return el("p", { class: "okr-team__field okr-team__code-field" }, el("label", { for: input.id }, label), input, copy);
      };
      parts.push(field(t("team_code_label"), newest.code, "code-text", "team_code_copy"), field(t("team_code_link_label"), link, "code-link", "team_code_copy_link"));
      if (codes.length > 1) parts.push(el("p", { class: "okr-team__note" }, t("team_code_older", { count: codes.length - 1 })));
    }
    parts.push(el("p", {}, make), message);
    codeArea.replaceChildren(...parts);
    if (made) codeArea.querySelector(".okr-team__code-text")?.focus();
  }

  function ownView(saved) {
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
        saved.map((result) => el("option", { value: result.id, selected: result.id === ownPick }, `${specs.get(result.survey).title} · ${f.date(result.saved_at)}`)),
      );
      select.addEventListener("change", () => {
        ownPick = select.value;
        update();
      });
      parts.push(el("p", { class: "okr-team__field" }, el("label", { for: select.id }, t("team_own_select")), select));
    } else {
      parts.push(el("p", { class: "okr-muted" }, t("team_own_empty")));
    }
    parts.push(el("p", {}, selfSurveys.map((spec) => el("a", { class: "md-button okr-team__own-fill", href: siteUrl(`templates/${spec.id}/`) }, t("team_own_fill", { survey: spec.title })))));
    return parts;
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
    if (view && (event.key === SNAPSHOT_KEY || event.key === null)) update();
  });

  roles.addEventListener("change", () => {
    role = roles.querySelector(".okr-team__role:checked")?.value ?? "lead";
    dropText.textContent = t(role === "lead" ? "team_drop" : "team_collect_drop");
    for (const key of Object.keys(notices)) delete notices[key];
    update();
  });
  showTeamCode(false);

  startEngine();
  onEngineState((state, detail) => {
    engineState = state;
    root.dataset.engine = state;
    status.classList.toggle("okr-survey__status--failed", state === "failed");
    status.textContent = state === "loading" ? t("team_loading") : state === "ready" ? t("team_ready") : t("team_engine_failed", { error: t(detail) });
    if (state === "failed") status.append(" ", retryButton(t, restartEngine));
    fileInput.disabled = state === "failed";
    update();
  });
}
