// @ts-check
// Small DOM and formatting helpers shared by the widgets. Every text goes in as a text node.

const SVG_NS = "http://www.w3.org/2000/svg";

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function setAttributes(node, attrs) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "style" || name.startsWith("on")) throw new Error(`refusing attribute ${name}`);
    node.setAttribute(name, value === true ? "" : String(value));
  }
  return node;
}

/** An HTML element: `el("p", {class: "x"}, "text", child)`. */
export function el(tag, attrs, ...children) {
  return append(setAttributes(document.createElement(tag), attrs), children);
}

/** An SVG element (created with createElementNS). */
export function svg(tag, attrs, ...children) {
  return append(setAttributes(document.createElementNS(SVG_NS, tag), attrs), children);
}

/** The widget texts of `root` (JSON island) as `t(key, {name: value})`, filling in `{name}`. A text
 *  with a `{count}` has its singular form under `<key>.one`, chosen when `count` is 1 (as
 *  `Content.counted` does in Python). */
export function textsOf(root) {
  const texts = JSON.parse(root.querySelector(":scope > .okr-survey__texts").textContent);
  return (key, values = {}) => {
    const form = values.count === 1 && `${key}.one` in texts ? `${key}.one` : key;
    return (texts[form] ?? key).replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
  };
}

/** Number formatting in the page's language (nl: decimal comma). The engine's floats are unrounded.
 *  Each format is made when first used: making them loads the language's data, about 0.1 s of the
 *  page's thread that a page still loading (and starting Pyodide) need not spend; `prepare()` makes
 *  them all at a quiet moment. */
export function formats(lang) {
  const lazy = (make) => {
    let made;
    return () => (made ??= make());
  };
  const oneDecimal = lazy(() => new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  const signed = lazy(() => new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "exceptZero" }));
  const signedWhole = lazy(() => new Intl.NumberFormat(lang, { maximumFractionDigits: 0, signDisplay: "exceptZero" }));
  const whole = lazy(() => new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }));
  const percent = lazy(() => new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }));
  const date = lazy(() => new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }));
  const shortDate = lazy(() => new Intl.DateTimeFormat(lang, { day: "numeric", month: "short" }));
  const time = lazy(() => new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" }));
  const dash = "–";
  return {
    number: (value) => (value === null || value === undefined ? dash : oneDecimal().format(value)),
    whole: (value) => (value === null || value === undefined ? dash : whole().format(value)),
    signed: (value) => (value === null || value === undefined ? dash : signed().format(value)),
    signedWhole: (value) => (value === null || value === undefined ? dash : signedWhole().format(value)),
    percent: (value) => (value === null || value === undefined ? dash : percent().format(value)),
    date: (iso) => date().format(new Date(iso)),
    shortDate: (iso) => shortDate().format(new Date(iso)),
    time: (iso) => time().format(new Date(iso)),
    prepare: () => [oneDecimal, signed, signedWhole, whole, percent, date, shortDate, time].forEach((make) => make()),
  };
}

/** The site root URL of this edition, from Material's page configuration. */
export function siteUrl(path) {
  const config = document.getElementById("__config");
  const base = config ? JSON.parse(config.textContent).base : ".";
  return new URL(`${base}/${path}`, location.href).href;
}

/** A Material admonition: `kind` is note, warning, failure, question, success... */
export function admonition(kind, title, ...children) {
  return el("div", { class: `admonition ${kind}` }, el("p", { class: "admonition-title" }, title), ...children);
}

/** A table; `headers` are [text, numeric?] pairs (numeric columns align right). */
export function table(caption, headers, rows) {
  const head = headers.map(([text, numeric]) => el("th", { scope: "col", class: numeric ? "okr-num" : null }, text));
  return el("div", { class: "okr-table" }, el("table", {}, caption ? el("caption", {}, caption) : null, el("thead", {}, el("tr", {}, head)), el("tbody", {}, rows)));
}

/** The Retry button of a failed engine: `restart` starts it again without reloading (what was typed stays). */
export function retryButton(t, restart) {
  const button = el("button", { type: "button", class: "md-button okr-engine__retry" }, t("engine_retry"));
  button.addEventListener("click", restart);
  return button;
}

/** Mark `root` as mounted and take away its no-JavaScript fallback (`empty`, a selector); false when it
 *  was mounted already (a page that Material's instant navigation shows again). */
export function mountOnce(root, empty) {
  if (root.dataset.mounted) return false;
  root.dataset.mounted = "true";
  root.querySelector(empty)?.remove();
  return true;
}

/** A JSON island of `root`: the data the build wrote into the page (`:scope > .<className>`). */
export function island(root, className) {
  return JSON.parse(root.querySelector(`:scope > .${className}`).textContent);
}

/** The page's texts as the build wrote them (the engine fills them into downloads). */
export const pageTexts = (root) => island(root, "okr-survey__texts");

/** A new id (a result, a snapshot, a notebook, a quarter…): random, and stable once saved. */
export function newId() {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Today in the reader's own calendar, YYYY-MM-DD (a check-in's week, a notebook's dates are their own days). */
export function localDay(date = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A signed change, coloured up / down / same (`whole`: no decimals, for single answers). */
export function changeText(value, f, whole = false) {
  return el("span", { class: `okr-change okr-change--${value > 0 ? "up" : value < 0 ? "down" : "same"}` }, whole ? f.signedWhole(value) : f.signed(value));
}

/** One key figure: label, value and (optionally) its unit. */
export function kpi(label, value, unit, extraClass = "") {
  return el("div", { class: `okr-kpi ${extraClass}` }, el("span", { class: "okr-kpi__label" }, label), el("span", { class: "okr-kpi__value" }, value), unit ? el("span", { class: "okr-kpi__unit" }, unit) : null);
}

/** The engine's status line: `show(state, detail)` says loading / ready / failed in the page's words
 *  (`keys` {loading, ready, failed}) and offers Retry when it failed. */
export function engineStatus(status, t, keys, restart) {
  return (state, detail) => {
    status.classList.toggle("okr-survey__status--failed", state === "failed");
    status.textContent = state === "loading" ? t(keys.loading) : state === "ready" ? t(keys.ready) : t(keys.failed, { error: t(detail) });
    if (state === "failed") status.append(" ", retryButton(t, restart));
  };
}

/** Today's date in UTC, YYYY-MM-DD: the day in the names of the results' export files. */
export const utcDay = () => new Date().toISOString().slice(0, 10);

/** The text of the file picked in `input` (null when none was chosen); the input is emptied, so the same
 *  file can be picked again. */
export function fileText(input) {
  const file = input.files?.[0];
  input.value = "";
  return file ? file.text() : Promise.resolve(null);
}
