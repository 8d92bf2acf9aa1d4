// Fill a PDF form in pdf.js and run its JavaScript (keystroke, validate and calculate actions) in
// pdf.js's own scripting sandbox (QuickJS), the way Firefox's PDF viewer runs it.
//
// stdin:  {pdf: base64, fill: [[field name, value], ...]} in the order a person fills them in; a value
//         for a radio group is the export value of the button to click.
// stdout: {values: {field name: value shown}, alerts: [message, ...]}
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { pdf, fill } = JSON.parse(input);

// The sandbox talks to a window: events out, alerts, timers.
const alerts = [];
const win = new EventTarget();
Object.assign(win, { CustomEvent, URL, console, setTimeout, clearTimeout, setInterval, clearInterval });
win.alert = (message) => alerts.push(message);
win.confirm = () => false;
win.prompt = () => null;
globalThis.window = win;
const { QuickJSSandbox } = await import("pdfjs-dist/legacy/build/pdf.sandbox.mjs");

const doc = await getDocument({ data: new Uint8Array(Buffer.from(pdf, "base64")), isEvalSupported: false }).promise;
const objects = await doc.getFieldObjects();
const byId = new Map();
for (const [name, widgets] of Object.entries(objects)) for (const widget of widgets) byId.set(widget.id, name);
const values = Object.fromEntries(Object.entries(objects).map(([name, widgets]) => [name, widgets.find((w) => w.value !== undefined)?.value ?? ""]));
win.addEventListener("updatefromsandbox", ({ detail }) => {
  if (detail.command === "alert") alerts.push(detail.value);
  const name = byId.get(detail.id);
  if (name && "value" in detail) values[name] = detail.formattedValue ?? detail.value;
});

const sandbox = await QuickJSSandbox();
const { info } = await doc.getMetadata();
sandbox.create({
  objects,
  calculationOrder: (await doc.getCalculationOrderIds()) ?? [],
  appInfo: { platform: "Linux", language: "nl-NL" },
  docInfo: { ...info, baseURL: "", filesize: 0, title: info.Title, author: info.Author, numPages: doc.numPages, URL: "", actions: await doc.getJSActions() },
});
sandbox.dispatchEvent({ id: "doc", name: "Open" });
for (const [name, value] of fill) {
  const widgets = objects[name];
  if (!widgets) throw new Error(`no field ${name}`);
  const radio = widgets.find((w) => w.type === "radiobutton" && w.exportValues === value);
  if (radio) {
    sandbox.dispatchEvent({ id: radio.id, name: "Action", value: true });
  } else {
    const id = widgets.find((w) => w.type === "text").id;
    // Typed character by character (the keystroke check sees each), then committed (validate, calculate).
    let typed = "";
    for (const change of String(value)) {
      sandbox.dispatchEvent({ id, name: "Keystroke", value: typed, change, willCommit: false, selStart: typed.length, selEnd: typed.length });
      await new Promise((resolve) => { setTimeout(resolve, 0); });
      typed = values[name] ?? typed;
    }
    // What the box holds then (characters the keystroke check refused are not in it) is committed.
    sandbox.dispatchEvent({ id, name: "Keystroke", value: typed, change: "", willCommit: true, commitKey: 2, selStart: 0, selEnd: 0 });
  }
  await new Promise((resolve) => { setTimeout(resolve, 0); });
}
await new Promise((resolve) => { setTimeout(resolve, 20); });
sandbox.nukeSandbox();
process.stdout.write(JSON.stringify({ values, alerts }));
process.exit(0);
