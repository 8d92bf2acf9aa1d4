// @ts-check
// Written inline at the top of <head> on every page (overrides/main.html; the page's CSP carries its hash).
// On a page with a widget it creates the scoring engine's worker before the parser gets to the stylesheets
// and the theme's scripts, without a request of its own (a module script would wait until the parser
// lets it run). engine.js takes the worker over, with the messages it sent before then.
// On every page it registers the site's service worker (sw.js, offline.py), once the page has loaded and
// the engine has started, so that keeping the site for offline use never competes with them.
(() => {
  const { worker: workerPath, pyodide, sizes, start, sw, updateText, updateReload } = document.currentScript.dataset;
  let engineSettled = Promise.resolve();
  if (workerPath) {
    try {
      const url = new URL(workerPath, document.baseURI);
      // Pyodide's folder, one for both editions (the build writes it into the page).
      url.searchParams.set("pyodide", new URL(pyodide, document.baseURI).href);
      if (sizes) url.searchParams.set("sizes", sizes); // of Pyodide's files, so that the worker can say how far it is
      if (start) url.searchParams.set("start", start); // how it chooses between the snapshot and a start from scratch
      url.searchParams.set("hold", ""); // its files come at once, its CPU once the page is drawn (below)
      // A reader who asks to save data gets the engine's snapshot (4 MB) only from the browser's cache.
      if (navigator.connection?.saveData) url.searchParams.set("save-data", "");
      // From a blob: URL, so the worker runs under this page's Content-Security-Policy (a worker from its own
      // URL would run under none: a meta policy does not reach it, and a static host sends no header). The
      // blob only imports worker.js, whose import.meta.url stays its own.
      const source = new Blob([`import ${JSON.stringify(url.href)};`], { type: "text/javascript" });
      const worker = new Worker(URL.createObjectURL(source), { type: "module" });
      const early = [];
      const keep = (event) => {
        if (event.type === "error") event.preventDefault(); // engine.js reports it
        early.push(event);
      };
      worker.addEventListener("message", keep);
      worker.addEventListener("error", keep);
      engineSettled = new Promise((resolve) => {
        const settled = ({ data }) => {
          if (data?.type !== "ready" && data?.type !== "failed") return;
          worker.removeEventListener("message", settled);
          resolve();
        };
        worker.addEventListener("message", settled);
        worker.addEventListener("error", () => resolve(), { once: true });
      });
      // Compiling Pyodide's WebAssembly and starting Python take every core a phone has: the page's first
      // layout and the theme's scripts come first. The worker goes on once the page is idle after
      // DOMContentLoaded (without requestIdleCallback: after the next frame), at most IDLE_MS after it (a page
      // that is never idle, or hidden and so never drawn). A second "go" changes nothing.
      const IDLE_MS = 2000;
      const go = () => worker.postMessage({ type: "go" });
      const drawn = () => {
        if (globalThis.requestIdleCallback) requestIdleCallback(go);
        else requestAnimationFrame(() => setTimeout(go));
        setTimeout(go, IDLE_MS);
      };
      if (document.readyState === "loading") addEventListener("DOMContentLoaded", () => setTimeout(drawn), { once: true });
      else drawn();
      globalThis.okr1on1EarlyWorker = {
        worker,
        handOver(onMessage, onError) {
          worker.removeEventListener("message", keep);
          worker.removeEventListener("error", keep);
          for (const event of early) (event.type === "error" ? onError : onMessage)(event);
        },
      };
    } catch {
      // engine.js starts the worker when the widget mounts, and reports what goes wrong.
    }
  }
  // A page of a build that has no service worker (`mkdocs serve` while editing) has an empty build id.
  if (!sw || !("serviceWorker" in navigator)) return;
  const offerReload = (registration) => {
    if (!navigator.serviceWorker.controller || document.querySelector(".okr-update")) return;
    const bar = document.createElement("div");
    bar.className = "okr-update";
    bar.setAttribute("role", "status");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary okr-update__reload";
    button.textContent = updateReload;
    button.addEventListener("click", () => {
      button.disabled = true;
      // The new build takes over, then this page loads again from it (never old files under a new page).
      const waiting = registration.waiting;
      if (!waiting) return location.reload();
      navigator.serviceWorker.addEventListener("controllerchange", () => location.reload());
      waiting.postMessage("activate");
    });
    bar.append(Object.assign(document.createElement("span"), { textContent: updateText }), " ", button);
    document.body.append(bar);
  };
  const register = async () => {
    if (!(/** @type {HTMLMetaElement | null} */ (document.querySelector('meta[name="okr1on1-build"]'))?.content)) return;
    const registration = await navigator.serviceWorker.register(new URL(sw, document.baseURI));
    // A newer build's worker may be installing already (the browser looked for one as this page loaded).
    const watch = (installing) => installing?.addEventListener("statechange", () => installing.state === "installed" && offerReload(registration));
    if (registration.waiting) offerReload(registration);
    else watch(registration.installing);
    registration.addEventListener("updatefound", () => watch(registration.installing));
    // Another tab took the new build: this page's files are no longer kept, so offer to reload it too.
    navigator.serviceWorker.addEventListener("controllerchange", () => offerReload(registration));
  };
  const loaded = new Promise((resolve) => {
    if (document.readyState === "complete") resolve(undefined);
    else addEventListener("load", () => resolve(undefined), { once: true });
  });
  // Not before the engine is up (at most a minute): its files come first.
  const waited = Promise.race([engineSettled, new Promise((resolve) => {
    setTimeout(resolve, 60_000);
  })]);
  Promise.all([loaded, waited]).then(register).catch((error) => console.warn(`okr1on1 offline: ${error?.message ?? error}`));
})();
