// @ts-check
// The engine's memory snapshot for worker.js: Pyodide's memory with the engine imported, made at build
// time (pyodide_bundle.py), fetched while Pyodide starts, and given up on when the link is too slow for it.
// A restore saves the CPU of a start from scratch (SCRATCH_EXTRA_S, in Python) but costs the snapshot's
// bytes: on a slow link those take longer than the start they save, so the worker starts from scratch and
// the service worker keeps the snapshot, once the engine is up, for the next visit (start.js).
import { fetchFile, sizeOf, wireBytes, wireLoaded } from "./worker-fetch.js";

const MANIFEST = "okr1on1-engine.json"; // names the engine's memory snapshot and its sha256 (the build writes it)

/** Why the snapshot was given up on: not a failure, the start from scratch is then the quicker one. */
export class SlowLink extends Error {}

/** The body of `response`, file `name`, read whole. After `rule.probe_ms` of it (from its first bytes on, so
 *  that a worker busy meanwhile, compiling Pyodide's JavaScript, does not count as a slow link), it is
 *  given up on when the rest of it, less what a start from scratch fetches instead (`rule.scratch_files`),
 *  would take longer than `rule.scratch_extra_s` at the rate all of the start's files arrived at in the
 *  probe's second half, the WebAssembly's too (a copy in the browser's cache, or one on a fast link, is
 *  whole by then). Not its first half: the page's own files and Pyodide's JavaScript (an import, which
 *  the worker cannot count) share the link then, and its first bytes come slower than the rest. */
async function readJudged(response, name, rule) {
  let encoding = response.headers.get("Content-Encoding");
  const reader = /** @type {ReadableStream<Uint8Array>} */ (response.body).getReader();
  let body = new Uint8Array(sizeOf(name, encoding)); // written as it comes: one copy of the memory, not two
  let received = 0;
  let since = 0;
  let half = null; // [ms, bytes on the wire] at the probe's half way
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    if (!since) {
      since = performance.now();
      // The gzipped file, gzipped again by a host on the fly: its bytes are the file's, not the memory's.
      if (read.value[0] === 0x1f && read.value[1] === 0x8b) encoding = null;
    }
    if (received + read.value.byteLength > body.length) body = grown(body, received + read.value.byteLength);
    body.set(read.value, received);
    received += read.value.byteLength;
    const now = performance.now();
    if (rule && !half && now - since >= rule.probe_ms / 2) half = [now, wireLoaded()];
    // (With the WebAssembly in already, from the browser's cache, the rate is the snapshot's own: a
    // snapshot from the cache is whole by then, one from a slow link is still judged.) Judged over a
    // whole half of the probe from `half` on, however late that came: a worker held up past the half way
    // reads what piled up meanwhile at once, which over a shorter time would look like a fast link.
    if (rule && half && now - half[0] >= rule.probe_ms / 2) {
      const rate = ((wireLoaded() - half[1]) / (now - half[0])) * 1000; // bytes a second on the wire, all files
      const rest = wireBytes(name, encoding, Infinity) - wireBytes(name, encoding, received);
      // What the start from scratch would fetch instead (the WebAssembly's data, the trimmed library).
      const instead = rule.scratch_files.reduce((sum, file) => sum + wireBytes(file, encoding, Infinity), 0);
      if ((rest - instead) / rate > rule.scratch_extra_s) {
        await reader.cancel();
        throw new SlowLink(`${name}: ${Math.round(rest / 1024)} KiB to come at ${Math.round(rate / 1024)} KiB/s`);
      }
      rule = null; // judged once
    }
  }
  return received === body.length ? body : body.slice(0, received);
}

/** `body` copied into a buffer of at least `length` bytes. */
function grown(body, length) {
  const bigger = new Uint8Array(Math.max(length, body.length * 2));
  bigger.set(body);
  return bigger;
}

/** Pyodide's memory from the build's snapshot: the copy the service worker keeps (a later visit, the other
 *  edition), else from the network, judged by `rule` (pyodide_bundle.start_rule; see readJudged). With
 *  `saveData` only a copy in the browser's cache will do. Rejects when it cannot be had (a host that
 *  dropped it, say), or is not worth waiting for (SlowLink). Resolves to {memory, patch} (see layData). */
export async function fetchSnapshot(indexURL, rule, saveData) {
  const manifest = await (await fetchFile(new URL(MANIFEST, indexURL))).json();
  const patch = fetchPatch(new URL(manifest.patch, indexURL), manifest.patch_integrity);
  patch.catch(() => {}); // awaited below, once the snapshot is in
  const memory = await fetchMemory(indexURL, manifest, rule, saveData);
  return { memory, patch: await patch };
}

/** The snapshot's patch (wasm_split.patch): the service worker's copy, else the network's, checked. */
async function fetchPatch(url, integrity) {
  const kept = await globalThis.caches?.match(url.href).catch(() => undefined);
  return new Uint8Array(await (kept ?? (await fetchFile(url, { integrity }))).arrayBuffer());
}

/** Memory as Pyodide's WebAssembly alone would leave it, for its constructors (wasm_split.py): `heap`
 *  filled from the `memory` of the snapshot up to the data image's end, the `patch` laid over it. */
export function layData(heap, { memory, patch }) {
  const view = new DataView(patch.buffer, patch.byteOffset, patch.byteLength);
  const from = view.getUint32(4, true); // where the memory begins in the snapshot, after Pyodide's header
  heap.set(memory.subarray(from, from + view.getUint32(0, true)));
  for (let at = 8; at < patch.byteLength; ) {
    const address = view.getUint32(at, true);
    const length = view.getUint32(at + 4, true);
    heap.set(patch.subarray(at + 8, at + 8 + length), address);
    at += 8 + length;
  }
}

/** The snapshot's memory (see fetchSnapshot). */
async function fetchMemory(indexURL, { snapshot, integrity }, rule, saveData) {
  const url = new URL(snapshot, indexURL);
  const kept = await globalThis.caches?.match(url.href).catch(() => undefined);
  // No `integrity` on the fetch: the browser would hold the body back until all of it is in, so the link
  // could not be judged by its first bytes; its sha256 is checked below instead. Where WebCrypto is not
  // (plain http, not localhost) the browser checks it, and the link is not judged.
  const checkHere = Boolean(globalThis.crypto?.subtle);
  const init = {
    ...(checkHere ? {} : { integrity }),
    ...(saveData ? { cache: /** @type {RequestCache} */ ("only-if-cached"), mode: /** @type {RequestMode} */ ("same-origin") } : {}),
  };
  const body = kept ? new Uint8Array(await kept.arrayBuffer()) : await readJudged(await fetchFile(url, init), snapshot, checkHere ? rule : null);
  // Either body the build made (the memory, or the gzipped file as it lies): another build's is refused.
  // (The service worker checked its copy as it kept it.)
  const digest = checkHere && !kept ? `sha256-${btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest("SHA-256", body))))}` : null;
  if (digest && !integrity.split(" ").includes(digest)) throw new Error(`${snapshot}: not this build's`);
  // A host that sent it as it lies (gzip, no Content-Encoding): inflated here. The memory itself begins
  // with Pyodide's magic number, never with gzip's 1f 8b.
  if (body[0] !== 0x1f || body[1] !== 0x8b) return body;
  return new Uint8Array(await new Response(new Blob([body]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
}
