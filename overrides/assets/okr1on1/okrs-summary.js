// @ts-check
// The 1:1 summary of "My OKRs": the engine's lines (okr_checkins.okr_summary) drawn as headings, lists and
// quotes, to print or download as Markdown.
import { download } from "./share.js";
import { el } from "./ui.js";

/** The summary panel for the engine's `answer` (null: nothing to sum up yet); `close()` closes it. */
export function summarySection({ t, button }, answer, close) {
  const section = el("section", { class: "okr-okrs__summary", "aria-labelledby": "okr-okrs-summary" }, el("h2", { id: "okr-okrs-summary", tabindex: "-1" }, t("summary_title")));
  if (!answer) {
    section.append(el("p", {}, t("summary_none")), button(t("summary_close"), "", close));
    return section;
  }
  const body = el("div", { class: "okr-okrs__summary-body" });
  let list = null;
  for (const line of answer.lines) {
    if (line.kind === "item" || line.kind === "alert") {
      list ??= body.appendChild(el("ul", {}));
      list.append(el("li", { class: line.kind === "alert" ? "okr-okrs__alert" : null }, line.kind === "alert" ? el("strong", {}, line.text) : line.text));
      continue;
    }
    if (line.kind === "quote") {
      (list?.lastElementChild ?? body).append(el("blockquote", {}, line.text));
      continue;
    }
    list = null;
    const tag = { title: "h3", heading: "h4" }[line.kind] ?? "p";
    body.append(el(tag, { class: `okr-okrs__line--${line.kind}` }, line.text));
  }
  const printButton = button(t("summary_print"), "md-button--primary okr-okrs__print", () => {
    document.documentElement.classList.add("okr-print-summary");
    addEventListener("afterprint", () => document.documentElement.classList.remove("okr-print-summary"), { once: true });
    print();
  });
  const downloadButton = button(t("summary_download"), "okr-okrs__download", () =>
    download(`okr1on1-summary-${answer.summary.week}.md`, "text/markdown", answer.markdown),
  );
  section.append(el("p", { class: "okr-muted okr-okrs__who" }, t("summary_who")), body, el("div", { class: "okr-okrs__actions" }, printButton, downloadButton, button(t("summary_close"), "", close)));
  return section;
}
