// @ts-check
// Topics received by link (#topics=…) or file from the other person: read by the engine, then added where
// the person chooses.
import { notebookCall } from "./engine.js";
import { el, newId } from "./ui.js";

// Topics from a link or a file: read by the engine, then added where the person chooses.
export async function receive(ctx, text, intoId = null) {
  const { state, sayProblem } = ctx;
  try {
    state.received = { ...(await notebookCall("read_topics", text)), intoId };
  } catch (error) {
    state.received = null;
    sayProblem(error);
    return;
  }
  ctx.render();
}

/** The topics received, and where to add them: a notebook of this browser, or a new one. */
export function renderReceived(ctx) {
  const { t, count, config, docs, view, state, button, field, say, sayProblem, replace } = ctx;
  const { topics, intoId } = state.received;
  const choice = el("select", { id: "okr-nb-received-into" },
    [...docs.values()].map((doc) => el("option", { value: doc.id, selected: doc.id === intoId }, t("with", { name: doc.name }))),
    el("option", { value: "" }, t("received_new")));
  const nameInput = el("input", { type: "text", id: "okr-nb-received-name", maxlength: config.max_name, autocomplete: "off" });
  const nameField = field(nameInput.id, t("new_name"), nameInput);
  const showName = () => (nameField.hidden = choice.value !== "");
  choice.addEventListener("change", showName);
  showName();
  const add = el("button", { type: "submit", class: "md-button md-button--primary okr-nb-received-add" }, t("received_add"));
  const ignore = button(t("received_ignore"));
  const form = el("form", { class: "okr-nb-form", novalidate: true }, field(choice.id, t("received_into"), choice), nameField, el("p", {}, add, " ", ignore));
  const done = () => {
    state.received = null;
    if (ctx.route().topics) history.replaceState(null, "", location.pathname + location.search);
  };
  ignore.addEventListener("click", () => {
    done();
    ctx.render();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      let doc = docs.get(choice.value);
      if (!doc) {
        const name = nameInput.value.trim();
        if (!name) {
          say("warning", t("refused_title"), t("name_missing", { max: config.max_name }));
          return nameInput.focus();
        }
        doc = await notebookCall("new", newId(), name, new Date().toISOString());
      }
      const updated = await notebookCall("add_topics", doc, topics, "theirs", new Date().toISOString());
      await replace(updated);
      done();
      ctx.go(`#nb=${encodeURIComponent(updated.id)}`);
      say("success", t("received_title"), count("received_added", topics.length, { name: updated.name }));
    } catch (error) {
      sayProblem(error);
    }
  });
  view.replaceChildren(
    el("h2", { id: "okr-nb-received-title", tabindex: "-1" }, t("received_title")),
    el("p", {}, count("received_intro", topics.length)),
    el("ul", { class: "okr-nb-topics" }, topics.map((topic) => el("li", {}, topic.text))),
    form,
  );
}
