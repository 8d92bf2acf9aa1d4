// @ts-check
// How the engine's worker fetches (worker.js imports it): a fetch that gives up on a file that stalls,
// and the progress of the start in bytes, which the page shows (engine.js, survey.js).
// A file that sends nothing for this long (no answer, or no bytes while they are awaited) has stalled:
// an optional one (the snapshot, its manifest) is dropped, a required one fails the start.
const STALL_MS = 20_000;

const pageFetch = globalThis.fetch; // the browser's, before worker.js puts its own in Pyodide's way
let stalled = null; // the name of the first file that stalled

/** The name of the first file that stalled (null: none did). */
export const stalledFile = () => stalled;
let lastReport = 0;

/** Tell the page that bytes arrive (at most once a second): its own watchdog waits while they do. */
function alive() {
  const now = performance.now();
  if (now - lastReport < 1000) return;
  lastReport = now;
  postMessage({ type: "alive" });
}

// Bytes of Pyodide's files on the wire so far, of those asked for, against their sizes (the build gives them
// to the page, start.js passes them on as ?sizes= on worker.js's address, which worker.js hands to knowSizes):
// per file its `size`, per Content-Encoding its bytes on the wire (`br`, `gzip`) and `content`, the body the
// browser hands over when it came encoded (pyodide_bundle.PyodideBundle.sizes).
/** @type {Record<string, {size: number, content: number, br?: number, gzip?: number}>} */
let sizes = {};

/** The size of each of Pyodide's files, by name. */
export function knowSizes(known) {
  sizes = known;
}

/** Bytes on the wire for `content` bytes of the body of file `name` (Infinity: all of it), as it came
 *  with `encoding` (the response's Content-Encoding, null: none); 0 for a file the build did not size. */
export function wireBytes(name, encoding, content) {
  const entry = sizes[name];
  if (!entry) return 0;
  const wire = (encoding && entry[encoding]) || entry.size;
  const body = sizeOf(name, encoding);
  return Math.round((Math.min(content, body) / body) * wire);
}
/** The size of the body the browser hands over for file `name` as it came with `encoding` (0: not sized). */
export function sizeOf(name, encoding) {
  const entry = sizes[name];
  return !entry ? 0 : encoding && entry[encoding] ? entry.content : entry.size;
}
const bytes = { loaded: 0, total: 0, open: 0 };
// How the host sends what it has copies of, as its first answer said (until then: brotli, which a host that
// negotiates sends), so that the total counts each file on the wire from its request on.
let likely = "br";
let lastProgress = 0;

/** Tell the page how far the start is (at most four times a second, and whenever a file completes):
 *  "download" while a file asked for is not all in (bytes loaded of total), then "start" (Python starts). */
function report(force) {
  const now = performance.now();
  if (!force && now - lastProgress < 250) return;
  lastProgress = now;
  const phase = bytes.open > 0 ? "download" : "start";
  postMessage({ type: "progress", phase, loaded: Math.min(bytes.loaded, bytes.total), total: bytes.total });
}

/** One of Pyodide's files (by its name in `sizes`), counted from its request on: a file that has not
 *  answered yet is still to come, as brotli where the build made a copy (what a host that negotiates
 *  sends). `answered(encoding)` sets its size on the wire; `arrived(n)` counts n bytes of its body;
 *  `closed(kept)` ends it once (a file that failed or was refused is taken out of the total). A file the
 *  build did not size is not counted. */
function counted(url) {
  const name = new URL(url).pathname.split("/").pop() ?? "";
  let encoding = likely && sizes[name]?.[likely] ? likely : null;
  let size = wireBytes(name, encoding, Infinity);
  let open = Boolean(size);
  let body = 0;
  let loaded = 0;
  if (open) {
    bytes.open += 1;
    bytes.total += size;
  }
  const count = (wire) => {
    bytes.loaded += wire - loaded;
    loaded = wire;
  };
  return {
    answered(answer) {
      if (!open) return;
      if (sizes[name]?.br) likely = answer;
      encoding = answer;
      const wire = wireBytes(name, encoding, Infinity);
      bytes.total += wire - size;
      size = wire;
    },
    arrived(chunk) {
      if (!open) return;
      body += chunk;
      count(wireBytes(name, encoding, body));
      report(false);
    },
    closed(kept) {
      if (!open) return;
      open = false;
      bytes.open -= 1;
      if (kept) count(size);
      else {
        bytes.total -= size;
        count(0);
      }
      report(true);
    },
  };
}

/** fetch() that gives up on a file that stalls: no answer, or no bytes while its body is being read,
 *  for STALL_MS. (A body nobody reads yet does not count: the timer runs only while bytes are awaited.) */
export async function fetchUnlessStalled(input, init = {}) {
  const url = String(input?.url ?? input);
  const controller = new AbortController();
  let timer = 0;
  const watch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled ??= url.split("/").pop();
      controller.abort(new Error(`stalled: ${url}`));
    }, STALL_MS);
  };
  watch();
  const file = counted(url);
  let response;
  try {
    response = await pageFetch(input, { ...init, signal: controller.signal });
  } catch (error) {
    file.closed(false);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  alive();
  if (!response.ok || !response.body) {
    file.closed(false);
    return response;
  }
  file.answered(response.headers.get("Content-Encoding"));
  const reader = response.body.getReader();
  const body = new ReadableStream({
    async pull(stream) {
      watch();
      try {
        const { done, value } = await reader.read();
        clearTimeout(timer);
        alive();
        if (done) file.closed(true);
        else file.arrived(value.byteLength);
        if (done) stream.close();
        else stream.enqueue(value);
      } catch (error) {
        clearTimeout(timer);
        file.closed(false);
        stream.error(error);
      }
    },
    cancel(reason) {
      clearTimeout(timer);
      file.closed(false);
      return reader.cancel(reason);
    },
  });
  return withBody(response, body);
}

/** `response` with another body, and its own address (Pyodide reads it). */
function withBody(response, body) {
  const copy = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  Object.defineProperty(copy, "url", { value: response.url });
  return copy;
}

/** `response` read as it arrives, whoever reads it and whenever: its bytes count towards the link's speed
 *  (wireLoaded) while Pyodide waits for the snapshot before it reads the WebAssembly. */
export function readAhead(response) {
  if (!response.body) return response;
  const [kept, ahead] = response.body.tee();
  ahead.pipeTo(new WritableStream()).catch(() => {});
  return withBody(response, kept);
}

/** Bytes of Pyodide's files on the wire so far (the link's speed is judged by it: worker-snapshot.js). */
export const wireLoaded = () => bytes.loaded;

/** fetch() that rejects, in Pyodide's words, when the server answers with an error (a 404, say). */
export async function fetchFile(url, init) {
  const response = await fetchUnlessStalled(url, init);
  if (!response.ok) throw new Error(`Failed to load '${url}': request failed.`);
  return response;
}
