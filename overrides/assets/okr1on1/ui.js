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
