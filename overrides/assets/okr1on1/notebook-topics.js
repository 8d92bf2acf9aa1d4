// @ts-check
// One notebook's topics for the next 1:1: mine and theirs, and sending mine to the other person by link
// (the topics in the fragment, never sent to a server) or by file.
import { notebookCall } from "./engine.js";
import { receive } from "./notebook-received.js";
import { download } from "./share.js";
import { el, fileText, localDay, newId } from "./ui.js";

/** The topics for the next 1:1 of `doc` (`summary` the engine's view of it): add, remove, send by link
 *  or file, receive a file. */
export function topicsSection(ctx, doc, summary) {
  const { t, config, view, button, field, say, sayProblem, changed, flush, replace } = ctx;
  const name = doc.name;
  const topicList = summary.topics.length
    ? el("ul", { class: "okr-nb-topics" }, summary.topics.map((topic) => {
        const remove = button("×", "okr-nb-remove", { "aria-label": t("topic_remove", { text: topic.text }) });
        remove.addEventListener("click", async () => {
          doc.topics = doc.topics.filter((candidate) => candidate.id !== topic.id);
          changed(doc.id);
          await flush();
          ctx.render();
        });
        const who = topic.source === "theirs" ? t("topic_theirs", { name }) : t("topic_mine");
        return el("li", {}, topic.text, " ", el("span", { class: `okr-nb-badge okr-nb-badge--${topic.source}` }, who), " ", remove);
      }))
    : el("p", {}, t("topics_empty"));
  const topicInput = el("input", { type: "text", id: "okr-nb-topic", maxlength: config.max_text, autocomplete: "off" });
  const topicForm = el("form", { class: "okr-nb-form okr-nb-form--inline", novalidate: true }, field(topicInput.id, t("topic_new"), topicInput),
    el("button", { type: "submit", class: "md-button" }, t("topic_add")));
  topicForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = topicInput.value.trim();
    if (!text) return topicInput.focus();
    try {
      await replace(await notebookCall("add_topics", doc, [{ id: newId(), text }], "mine", new Date().toISOString()));
      await ctx.render();
      view.querySelector("#okr-nb-topic")?.focus();
    } catch (error) {
      sayProblem(error);
    }
  });

  const mine = summary.topics.filter((topic) => topic.source === "mine").map(({ id, text }) => ({ id, text }));
  const linkOutput = el("input", { type: "text", id: "okr-nb-link", readonly: true, class: "okr-nb-link" });
  const linkField = field(linkOutput.id, t("send_link_label"), linkOutput);
  linkField.hidden = true;
  const makeLink = button(t("send_link"), "okr-nb-make-link");
  const copy = button(t("send_copy"), "okr-nb-copy");
  copy.hidden = true;
  makeLink.addEventListener("click", async () => {
    if (!mine.length) return say("warning", t("send_title"), t("send_none"));
    try {
      const fragment = await notebookCall("topics_fragment", mine, new Date().toISOString());
      linkOutput.value = `${location.origin}${location.pathname}#${fragment}`;
      linkField.hidden = false;
      copy.hidden = false;
      linkOutput.focus();
      linkOutput.select();
    } catch (error) {
      sayProblem(error);
    }
  });
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(linkOutput.value);
      say("success", t("send_title"), t("send_copied"));
    } catch {
      linkOutput.select(); // the person copies it with the keyboard
    }
  });
  const sendFile = button(t("send_file"), "okr-nb-send-file");
  sendFile.addEventListener("click", async () => {
    if (!mine.length) return say("warning", t("send_title"), t("send_none"));
    try {
      download(`okr1on1-topics-${localDay()}.json`, "application/json", await notebookCall("topics_file", mine, new Date().toISOString()));
    } catch (error) {
      sayProblem(error);
    }
  });
  const topicsFile = el("input", { type: "file", accept: ".json,application/json", id: "okr-nb-topics-file", class: "okr-sr" });
  topicsFile.addEventListener("change", async () => {
    const text = await fileText(topicsFile);
    if (text !== null) receive(ctx, text, doc.id);
  });

  return (
    el("section", { class: "okr-nb-section", "aria-labelledby": "okr-nb-topics-title" },
      el("h3", { id: "okr-nb-topics-title" }, t("topics_title")),
      el("p", {}, t("topics_intro", { name })),
      topicList, topicForm,
      el("h4", {}, t("send_title")),
      el("p", {}, t("send_intro", { name })),
      el("p", { class: "okr-nb-actions" }, makeLink, " ", copy, " ", sendFile, " ", topicsFile, el("label", { for: topicsFile.id, class: "md-button" }, t("receive_file"))),
      linkField)
  );
}
