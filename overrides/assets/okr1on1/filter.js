// @ts-check
// Template overview: filter the cards by situation. Without JavaScript every card stays visible.
function setupFilter(root) {
  const buttons = [...root.querySelectorAll(".okr-filter__button")];
  const cards = [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(".okr-card[data-situations]"))];
  const apply = (situation) => {
    for (const button of buttons) button.setAttribute("aria-pressed", String(button.dataset.situation === situation));
    for (const card of cards) card.hidden = situation !== "" && !card.dataset.situations.split(" ").includes(situation);
  };
  for (const button of buttons) {
    button.addEventListener("click", () => {
      apply(button.dataset.situation);
      history.replaceState(null, "", button.dataset.situation ? `#${button.dataset.situation}` : location.pathname);
    });
  }
  root.hidden = false;
  const fromHash = decodeURIComponent(location.hash.slice(1));
  apply(buttons.some((b) => b.dataset.situation === fromHash) ? fromHash : "");
}

const filter = document.querySelector(".okr-filter");
if (filter) setupFilter(filter);
