// @ts-check
// The forms of "My OKRs": set up a quarter, the weekly check-in, closing the quarter. They only collect
// what was typed; the engine (okr_checkins.py) checks it and says what is wrong.
import { el, localDay, newId } from "./ui.js";

let fieldCount = 0;
const fieldId = () => `okr-f-${++fieldCount}`;

/** A labelled input: returns the wrapper; `input` is reachable as wrapper.input. */
function field(label, attrs, tag = "input") {
  const id = fieldId();
  const input = el(tag, { id, ...attrs });
  const wrapper = el("div", { class: "okr-okrs__field" }, el("label", { for: id }, label), input);
  wrapper.input = input;
  return wrapper;
}

/** A group of radio buttons; `choices` are [value, label]. */
function radios(legend, name, choices, checked) {
  return el(
    "fieldset",
    { class: "okr-okrs__radios" },
    el("legend", {}, legend),
    choices.map(([value, label]) => el("label", {}, el("input", { type: "radio", name, value, checked: value === checked }), ` ${label}`)),
  );
}

const numberOrNull = (input) => (input.value.trim() === "" || Number.isNaN(input.valueAsNumber) ? null : input.valueAsNumber);

function formShell(title, intro, submitLabel, t, onSubmit, onCancel) {
  const form = el("form", { class: "okr-okrs__form", novalidate: true });
  const submit = el("button", { type: "submit", class: "md-button md-button--primary" }, submitLabel);
  const cancel = el("button", { type: "button", class: "md-button" }, t("cancel"));
  cancel.addEventListener("click", onCancel);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onSubmit();
  });
  const section = el("section", { class: "okr-okrs__form-section" }, el("h2", { tabindex: "-1" }, title), intro ? el("p", {}, intro) : null, form);
  return { section, form, actions: el("div", { class: "okr-okrs__actions" }, submit, cancel) };
}

/** The set-up of a quarter (new or edited): ids of what exists stay, so check-ins stay attached. */
export function setupForm(definition, t, rules, onSave, onCancel) {
  const values = { max_objectives: rules.max_objectives, max_key_results: rules.max_key_results };
  const { section, form, actions } = formShell(t("setup_title"), t("setup_intro", values), t("save_setup"), t, save, onCancel);
  const name = field(t("name_label"), { type: "text", maxlength: rules.max_title, value: definition.name ?? "", autocomplete: "off" });
  const start = field(t("start_label"), { type: "date", value: definition.start, required: true });
  const end = field(t("end_label"), { type: "date", value: definition.end, required: true });
  const objectives = el("div", { class: "okr-okrs__objectives" });
  const addObjective = el("button", { type: "button", class: "md-button okr-okrs__add-objective" }, t("add_objective"));

  function renumber() {
    [...objectives.children].forEach((box, i) => {
      box.querySelector(":scope > legend").textContent = t("objective_legend", { number: i + 1 });
      box.querySelector(":scope > .okr-okrs__remove").textContent = t("remove_objective", { number: i + 1 });
      box.querySelector(":scope > .okr-okrs__remove").hidden = objectives.children.length === 1;
      const krs = box.querySelector(".okr-okrs__kr-boxes");
      [...krs.children].forEach((kr, j) => {
        kr.querySelector(":scope > legend").textContent = t("key_result_legend", { number: j + 1 });
        kr.querySelector(":scope > .okr-okrs__remove").textContent = t("remove_key_result", { number: j + 1 });
        kr.querySelector(":scope > .okr-okrs__remove").hidden = krs.children.length === 1;
      });
      box.querySelector(".okr-okrs__add-kr").hidden = krs.children.length >= rules.max_key_results;
    });
    addObjective.hidden = objectives.children.length >= rules.max_objectives;
  }

  function keyResultBox(kr = {}) {
    const id = kr.id ?? newId();
    const box = el("fieldset", { class: "okr-okrs__kr-box", "data-id": id }, el("legend", {}));
    const title = field(t("key_result_title"), { type: "text", class: "okr-okrs__kr-title-input", maxlength: rules.max_title, value: kr.title ?? "", autocomplete: "off" });
    const type = radios(t("type_label"), `type-${id}`, [["metric", t("type_metric")], ["milestone", t("type_milestone")]], kr.type ?? "metric");
    const startValue = field(t("start_value"), { type: "number", step: "any", class: "okr-okrs__start", value: kr.start ?? "" });
    const target = field(t("target_value"), { type: "number", step: "any", class: "okr-okrs__target", value: kr.target ?? "" });
    const unit = field(t("unit_label"), { type: "text", class: "okr-okrs__unit", maxlength: rules.max_unit, value: kr.unit ?? "" });
    const better = radios(t("better_label"), `better-${id}`, [["higher", t("better_higher")], ["lower", t("better_lower")]], kr.better ?? "higher");
    const metric = el("div", { class: "okr-okrs__metric" }, startValue, target, unit, better);
    const remove = el("button", { type: "button", class: "md-button okr-okrs__remove" });
    remove.addEventListener("click", () => {
      const list = box.parentElement;
      box.remove();
      renumber();
      list.querySelector("input")?.focus();
    });
    const showMetric = () => (metric.hidden = type.querySelector("input:checked")?.value !== "metric");
    type.addEventListener("change", showMetric);
    showMetric();
    box.append(title, type, metric, remove);
    box.read = () => {
      const kind = type.querySelector("input:checked")?.value;
      const entry = { id, title: title.input.value, type: kind };
      if (kind === "metric") Object.assign(entry, { start: numberOrNull(startValue.input), target: numberOrNull(target.input), unit: unit.input.value, better: better.querySelector("input:checked")?.value });
      return entry;
    };
    return box;
  }

  function objectiveBox(objective = {}) {
    const id = objective.id ?? newId();
    const box = el("fieldset", { class: "okr-okrs__objective-box", "data-id": id }, el("legend", {}));
    const title = field(t("objective_title"), { type: "text", class: "okr-okrs__objective-title", maxlength: rules.max_title, value: objective.title ?? "", autocomplete: "off" });
    const kind = radios(t("kind_label"), `kind-${id}`, [["committed", t("kind_committed_hint")], ["aspirational", t("kind_aspirational_hint")]], objective.kind ?? "committed");
    const krs = el("div", { class: "okr-okrs__kr-boxes" }, (objective.key_results?.length ? objective.key_results : [{}]).map(keyResultBox));
    const addKr = el("button", { type: "button", class: "md-button okr-okrs__add-kr" }, t("add_key_result"));
    addKr.addEventListener("click", () => {
      const added = keyResultBox();
      krs.append(added);
      renumber();
      added.querySelector("input").focus();
    });
    const remove = el("button", { type: "button", class: "md-button okr-okrs__remove" });
    remove.addEventListener("click", () => {
      box.remove();
      renumber();
      objectives.querySelector("input")?.focus();
    });
    box.append(title, kind, krs, addKr, remove);
    box.read = () => ({
      id,
      title: title.input.value,
      kind: kind.querySelector("input:checked")?.value,
      lesson: objective.lesson ?? "",
      key_results: [...krs.children].map((kr) => kr.read()),
    });
    return box;
  }

  (definition.objectives.length ? definition.objectives : [{}]).forEach((o) => objectives.append(objectiveBox(o)));
  addObjective.addEventListener("click", () => {
    const added = objectiveBox();
    objectives.append(added);
    renumber();
    added.querySelector("input").focus();
  });
  renumber();
  form.append(el("div", { class: "okr-okrs__dates" }, name, start, end), objectives, addObjective, actions);

  function save() {
    onSave({
      id: definition.id,
      name: name.input.value,
      start: start.input.value,
      end: end.input.value,
      objectives: [...objectives.children].map((box) => box.read()),
    });
  }
  return section;
}

/** The confidence scale of tip 5: 1–10, labelled at 1, 5 and 10 (the survey widget's look). */
function confidenceScale(t, name, checked) {
  const options = [];
  for (let value = 1; value <= 10; value += 1) {
    const label = [1, 5, 10].includes(value) ? el("span", { class: "okr-scale__label" }, t(`confidence_${value}`)) : null;
    options.push(el("label", { class: "okr-scale__option" }, el("input", { type: "radio", name, value, checked: value === checked }), el("span", { class: "okr-scale__value" }, String(value)), label));
  }
  return el("fieldset", { class: "okr-okrs__confidence" }, el("legend", {}, `${t("confidence_label")}: ${t("confidence_question")}`), el("div", { class: "okr-scale" }, options));
}

/** The weekly check-in: per key result its value (or done) and confidence, a note; wins, blockers, next. */
export function checkinForm(quarterView, t, onSave, onCancel) {
  const { section, form, actions } = formShell(t("checkin_title"), t("checkin_intro"), t("save_checkin"), t, save, onCancel);
  const today = localDay();
  const q = quarterView.quarter;
  const day = field(t("checkin_date"), { type: "date", class: "okr-okrs__date", value: today < q.end ? (today > q.start ? today : q.start) : q.end, min: q.start, max: today < q.end ? today : q.end, required: true });
  form.append(day);
  const readers = [];
  for (const objective of quarterView.objectives) {
    const group = el("div", { class: "okr-okrs__checkin-objective" }, el("h3", {}, objective.title));
    for (const kr of objective.key_results) {
      const box = el("fieldset", { class: "okr-okrs__checkin-kr", "data-key-result": kr.id }, el("legend", {}, kr.title));
      let read;
      if (kr.type === "metric") {
        const value = field(`${t("current_value")}${kr.unit ? ` (${kr.unit})` : ""}`, { type: "number", step: "any", class: "okr-okrs__value", value: kr.value ?? kr.start });
        box.append(value);
        read = () => ({ value: numberOrNull(value.input) });
      } else {
        const done = el("input", { type: "checkbox", class: "okr-okrs__done", id: fieldId(), checked: Boolean(kr.done) });
        box.append(el("div", { class: "okr-okrs__field" }, el("label", { for: done.id }, done, ` ${t("done_label")}`)));
        read = () => ({ done: done.checked });
      }
      const scale = confidenceScale(t, `confidence-${kr.id}`, kr.confidence);
      const note = field(t("note_hint"), { class: "okr-okrs__note", rows: 2, maxlength: 1000 }, "textarea");
      box.append(scale, note);
      readers.push([kr.id, () => {
        const picked = scale.querySelector("input:checked");
        return { ...read(), confidence: picked ? Number(picked.value) : null, note: note.input.value };
      }]);
      group.append(box);
    }
    form.append(group);
  }
  const week = (key) => field(t(`${key}_label`), { class: `okr-okrs__${key}`, rows: 2, maxlength: 1000 }, "textarea");
  const wins = week("wins");
  const blockers = week("blockers");
  const next = week("next");
  form.append(wins, blockers, next, actions);

  function save() {
    onSave({
      id: newId(),
      date: day.input.value,
      saved_at: new Date().toISOString(),
      key_results: Object.fromEntries(readers.map(([id, read]) => [id, read()])),
      wins: wins.input.value,
      blockers: blockers.input.value,
      next: next.input.value,
    });
  }
  return section;
}

/** Close the quarter: a grade per key result (suggested: its progress), a lesson per objective. */
export function closeForm(quarterView, t, onSave, onCancel) {
  const { section, form, actions } = formShell(t("close_title"), t("close_intro"), t("close_save"), t, save, onCancel);
  const grades = [];
  const lessons = [];
  for (const objective of quarterView.objectives) {
    const box = el("fieldset", { class: "okr-okrs__close-objective" }, el("legend", {}, objective.title));
    for (const kr of objective.key_results) {
      const grade = field(`${t("grade_label")}: ${kr.title}`, { type: "number", min: 0, max: 1, step: 0.1, class: "okr-okrs__grade-input", value: kr.grade });
      grades.push([kr.id, grade.input]);
      box.append(grade);
    }
    const lesson = field(t("lesson_label"), { type: "text", class: "okr-okrs__lesson", maxlength: 300, value: objective.lesson ?? "" });
    lessons.push([objective.id, lesson.input]);
    box.append(lesson);
    form.append(box);
  }
  const carry = el("input", { type: "checkbox", id: fieldId(), class: "okr-okrs__carry", checked: true });
  form.append(el("p", {}, el("label", { for: carry.id }, carry, ` ${t("carry_over")}`)), actions);

  function save() {
    onSave(
      Object.fromEntries(grades.map(([id, input]) => [id, numberOrNull(input)])),
      Object.fromEntries(lessons.map(([id, input]) => [id, input.value])),
      carry.checked,
    );
  }
  return section;
}
