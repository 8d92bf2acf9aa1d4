// @ts-check
// The forms of "My OKRs" and their parts: the weekly check-in and closing the quarter here, the set-up of
// a quarter in okr-setup-form.js. They only collect what was typed; the engine (okr_checkins.py) checks
// it and says what is wrong.
import { el, localDay, newId } from "./ui.js";

let fieldCount = 0;
const fieldId = () => `okr-f-${++fieldCount}`;

/** A labelled input: returns the wrapper; `input` is reachable as wrapper.input. */
export function field(label, attrs, tag = "input") {
  const id = fieldId();
  const input = el(tag, { id, ...attrs });
  const wrapper = el("div", { class: "okr-okrs__field" }, el("label", { for: id }, label), input);
  wrapper.input = input;
  return wrapper;
}

/** A group of radio buttons; `choices` are [value, label]. */
export function radios(legend, name, choices, checked) {
  return el(
    "fieldset",
    { class: "okr-okrs__radios" },
    el("legend", {}, legend),
    choices.map(([value, label]) => el("label", {}, el("input", { type: "radio", name, value, checked: value === checked }), ` ${label}`)),
  );
}

export const numberOrNull = (input) => (input.value.trim() === "" || Number.isNaN(input.valueAsNumber) ? null : input.valueAsNumber);

export function formShell(title, intro, submitLabel, t, onSubmit, onCancel) {
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

/** The confidence scale of tip 5 (the engine's `rules`: 1–10), labelled at 1, 5 and 10 as the texts are
 *  (the survey widget's look). */
function confidenceScale(t, rules, name, checked) {
  const options = [];
  for (let value = rules.confidence_min; value <= rules.confidence_max; value += 1) {
    const label = [1, 5, 10].includes(value) ? el("span", { class: "okr-scale__label" }, t(`confidence_${value}`)) : null;
    options.push(el("label", { class: "okr-scale__option" }, el("input", { type: "radio", name, value, checked: value === checked }), el("span", { class: "okr-scale__value" }, String(value)), label));
  }
  return el("fieldset", { class: "okr-okrs__confidence" }, el("legend", {}, `${t("confidence_label")}: ${t("confidence_question")}`), el("div", { class: "okr-scale" }, options));
}

/** The weekly check-in: per key result its value (or done) and confidence, a note; wins, blockers, next. */
export function checkinForm(quarterView, t, rules, onSave, onCancel) {
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
      const scale = confidenceScale(t, rules, `confidence-${kr.id}`, kr.confidence);
      const note = field(t("note_hint"), { class: "okr-okrs__note", rows: 2, maxlength: rules.max_note }, "textarea");
      box.append(scale, note);
      readers.push([kr.id, () => {
        const picked = scale.querySelector("input:checked");
        return { ...read(), confidence: picked ? Number(picked.value) : null, note: note.input.value };
      }]);
      group.append(box);
    }
    form.append(group);
  }
  const week = (key) => field(t(`${key}_label`), { class: `okr-okrs__${key}`, rows: 2, maxlength: rules.max_note }, "textarea");
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
export function closeForm(quarterView, t, rules, onSave, onCancel) {
  const { section, form, actions } = formShell(t("close_title"), t("close_intro"), t("close_save"), t, save, onCancel);
  const grades = [];
  const lessons = [];
  for (const objective of quarterView.objectives) {
    const box = el("fieldset", { class: "okr-okrs__close-objective" }, el("legend", {}, objective.title));
    for (const kr of objective.key_results) {
      const grade = field(`${t("grade_label")}: ${kr.title}`, { type: "number", min: rules.grade_min, max: rules.grade_max, step: rules.grade_step, class: "okr-okrs__grade-input", value: kr.grade });
      grades.push([kr.id, grade.input]);
      box.append(grade);
    }
    const lesson = field(t("lesson_label"), { type: "text", class: "okr-okrs__lesson", maxlength: rules.max_lesson, value: objective.lesson ?? "" });
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
