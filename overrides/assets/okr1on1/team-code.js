// @ts-check
// The team code of this browser (team view): made here, its private half kept in IndexedDB (sealed.js);
// the public half shown to give out, as text and as a link that fills it in on the results page.
import { makeTeamCode } from "./sealed.js";
import { keyStoreAvailable, teamCodes } from "./team-keys.js";
import { el, siteUrl } from "./ui.js";

/** The team code of this browser: the public half to give out, as text and as a link. */
export async function showTeamCode(codeArea, t, made) {
  const parts = [el("h2", { id: "okr-team-code" }, t("team_code_title")), el("p", {}, t("team_code_intro"))];
  let codes = [];
  const usable = Boolean(globalThis.crypto?.subtle) && keyStoreAvailable();
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
      await showTeamCode(codeArea, t, true);
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
