// The site's service worker: one for both editions, at the site's root (it may be published under a
// sub-path; its scope is the folder it lies in). The build writes BUILD above this text: the build's id
// and its files, each with its sha256 (okr1on1.site.offline).
//
// - Install: every listed file into this build's own cache, fetched with its sha256 as Subresource
//   Integrity (a file of another build is refused: one cache never mixes two builds); a file an older
//   build's cache holds with the same sha256 is copied from there, not downloaded again. A reader who
//   asks to save data gets Pyodide kept only once a page has fetched it.
// - Pages: network first (a page of this build), the kept copy when the network fails or is slow, or when
//   the server has a newer build (whose files this cache does not hold): the browser then installs that
//   build's worker beside this one, and the page offers a reload (start.js).
// - Every other file: the kept copy first; one not listed (a download) is kept once fetched.
// - Activate (after the reader's reload): the older builds' caches are deleted.
const PREFIX = "okr1on1-";
const CACHE = `${PREFIX}${BUILD.build}`;
const ROOT = new URL("./", self.location.href).href;
const MANIFEST = `${ROOT}okr1on1-offline.json`; // this build's list, kept in its cache (for the next build's install)
const KEPT = new Map(BUILD.files.map(([path, integrity]) => [new URL(path, ROOT).href, integrity]));
const PYODIDE = `${ROOT}assets/pyodide/`;
const PAGE_WAIT_MS = 4000; // a page from the network that takes longer: the kept copy (a train's weak signal)
const BUILD_META = /<meta name="okr1on1-build" content="([^"]*)">/;
const PARALLEL = 4;

const withoutSearch = (url) => url.split(/[?#]/)[0];

/** Where an older build's cache holds a listed file with the same sha256: url → that cache. */
async function olderCopies() {
  const copies = new Map();
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const cache = await caches.open(name);
    const listed = await cache.match(MANIFEST);
    if (!listed) continue;
    for (const [path, integrity] of (await listed.json()).files) {
      const url = new URL(path, ROOT).href;
      if (KEPT.get(url) === integrity && !copies.has(url)) copies.set(url, cache);
    }
  }
  return copies;
}

async function keep(cache, copies, url, integrity) {
  if (await cache.match(url)) return; // kept by an install that was cut short
  const older = await copies.get(url)?.match(url);
  if (older) return cache.put(url, older);
  const response = await fetch(url, { integrity, cache: "no-cache" });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  await cache.put(url, response);
}

async function install() {
  const cache = await caches.open(CACHE);
  const copies = await olderCopies();
  const saveData = Boolean(self.navigator.connection?.saveData);
  const queue = [...KEPT].filter(([url]) => !(saveData && url.startsWith(PYODIDE)));
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) await keep(cache, copies, ...item);
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  await cache.put(MANIFEST, new Response(JSON.stringify(BUILD), { headers: { "Content-Type": "application/json" } }));
}

self.addEventListener("install", (event) => event.waitUntil(install()));

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    })(),
  );
});

// The page's reload button (start.js): this build takes over from the one the page runs.
self.addEventListener("message", (event) => {
  if (event.data === "activate") self.skipWaiting();
});

/** The edition's own 404 page, for an address this build does not have, with the network cut. */
async function notFound(cache, url) {
  for (let folder = new URL("./", url).href; folder.startsWith(ROOT); folder = new URL("../", folder).href) {
    const page = await cache.match(`${folder}404.html`);
    if (page) return new Response(page.body, { status: 404, headers: page.headers });
    if (folder === ROOT) break;
  }
  return null;
}

async function page(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(withoutSearch(request.url));
  const network = fetch(request).then(async (response) => {
    const build = BUILD_META.exec(await response.clone().text())?.[1];
    if (build && build !== BUILD.build) {
      self.registration.update(); // the newer build's worker installs beside this one
      if (kept) return kept;
    }
    return response;
  });
  try {
    if (!kept) return await network;
    network.catch(() => {});
    const slow = new Promise((resolve) => setTimeout(() => resolve(kept), PAGE_WAIT_MS));
    return await Promise.race([network, slow]);
  } catch {
    return kept ?? (await notFound(cache, request.url)) ?? Response.error();
  }
}

/** `response`, kept when it is this build's file (one of its sha256s checked: the snapshot has two, see
 *  offline.py) or a file the list does not name. */
async function keptAfterFetch(cache, url, response) {
  const integrity = KEPT.get(url);
  if (integrity) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await response.clone().arrayBuffer()));
    if (!integrity.split(" ").includes(`sha256-${btoa(String.fromCharCode(...digest))}`)) return;
  }
  await cache.put(url, response);
}

async function file(event) {
  const { request } = event;
  const url = withoutSearch(request.url);
  const cache = await caches.open(CACHE);
  const kept = await cache.match(url);
  // Asked with a query (worker.js?pyodide=…, which the worker reads from its own address): a copy without
  // the kept file's address, so the browser gives it the address that was asked for.
  if (kept) return url === request.url ? kept : new Response(kept.body, { status: kept.status, statusText: kept.statusText, headers: kept.headers });
  const response = await fetch(request);
  if (response.ok && response.type === "basic" && !request.headers.has("range")) {
    event.waitUntil(keptAfterFetch(cache, url, response.clone()));
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(ROOT)) return;
  event.respondWith(request.mode === "navigate" ? page(request) : file(event));
});
