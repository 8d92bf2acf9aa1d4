// @ts-check
// The set-up of a quarter in "My OKRs": its name and dates, its objectives and their key results. The
// limits come from the engine (`rules`, okr_checkins.py); it checks what was typed and says what is wrong.
import { field, formShell, numberOrNull, radios } from "./okr-forms.js";
import { el, newId } from "./ui.js";

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
