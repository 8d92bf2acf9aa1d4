// @ts-check
// Written inline at the top of <head> on pages with a widget (overrides/main.html; the page's CSP
// carries its hash): it creates the scoring engine's worker before the parser gets to the stylesheets
// and the theme's scripts, without a request of its own (a module script would wait until the parser
// lets it run). engine.js takes the worker over, with the messages it sent before then.
(() => {
  try {
    const { worker: workerPath, pyodide } = document.currentScript.dataset;
    const url = new URL(workerPath, document.baseURI);
    // Pyodide's folder, one for both editions (the build writes it into the page).
    url.searchParams.set("pyodide", new URL(pyodide, document.baseURI).href);
    // A reader who asks to save data gets the engine's snapshot (6 MB) only from the browser's cache.
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
})();
