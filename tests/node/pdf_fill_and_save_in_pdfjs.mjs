// Type into a PDF form's text fields in pdf.js and save the document, as Firefox's PDF viewer saves a
// filled form: pdf.js draws each filled field's appearance itself, with the font its /DA names.
//
// stdin:  {pdf: base64, fill: [[field name, value], ...]}
// stdout: the saved PDF, base64
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { pdf, fill } = JSON.parse(input);

const doc = await getDocument({ data: new Uint8Array(Buffer.from(pdf, "base64")), isEvalSupported: false, verbosity: 0 }).promise;
const objects = await doc.getFieldObjects();
for (const [name, value] of fill) {
  const widget = objects[name]?.find((w) => w.type === "text");
  if (!widget) throw new Error(`no text field ${name}`);
  doc.annotationStorage.setValue(widget.id, { value });
}
const saved = await doc.saveDocument();
// Exit once the output is written: a large one is flushed after write() returns.
process.stdout.write(Buffer.from(saved).toString("base64"), () => process.exit(0));
