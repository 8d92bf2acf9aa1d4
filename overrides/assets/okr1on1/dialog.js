// @ts-check
// The one "are you sure" dialog of every page (delete a result, a quarter, everything; replace a week).
import { el } from "./ui.js";

let dialogCount = 0;

/** A modal question in `root`; resolves true when confirmed. Focus starts on Cancel and returns where it
 *  was; Escape cancels. The dialog is gone once answered. */
export function confirmDialog(root, title, text, confirmLabel, cancelLabel) {
  const before = /** @type {HTMLElement | null} */ (document.activeElement);
  const confirm = el("button", { type: "button", class: "md-button md-button--primary okr-dialog__confirm" }, confirmLabel);
  const cancel = el("button", { type: "button", class: "md-button okr-dialog__cancel" }, cancelLabel);
  const titleId = `okr-dialog-title-${++dialogCount}`;
  const dialog = el("dialog", { class: "okr-dialog md-typeset", "aria-labelledby": titleId }, el("h2", { id: titleId }, title), el("p", {}, text), el("div", { class: "okr-dialog__actions" }, cancel, confirm));
  root.append(dialog);
  return new Promise((resolve) => {
    const finish = (answer) => {
      dialog.close();
      dialog.remove();
      if (before?.isConnected) before.focus();
      resolve(answer);
    };
    confirm.addEventListener("click", () => finish(true));
    cancel.addEventListener("click", () => finish(false));
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      finish(false);
    });
    dialog.showModal();
    cancel.focus();
  });
}
