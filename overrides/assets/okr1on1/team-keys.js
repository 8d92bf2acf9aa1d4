// @ts-check
// The team codes of this browser in IndexedDB (database "okr1on1", store "team-keys"): each with its
// private key, made non-extractable (sealed.js), so it can open files but never leave the browser.
const DB = "okr1on1";
const STORE = "team-keys";

/** Whether this browser has IndexedDB at all (a private window of some browsers has none). */
export const keyStoreAvailable = () => typeof indexedDB !== "undefined";

function database() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "code" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function inStore(mode, work) {
  const db = await database();
  try {
    return await new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

/** The team codes this browser holds (newest first): `{code, kind, created_at}`; the private keys stay inside. */
export async function teamCodes() {
  const keys = await inStore("readonly", (store) => store.getAll());
  return keys.sort((a, b) => b.created_at.localeCompare(a.created_at));
}

/** Keep a new team code with its key pair. */
export const addTeamKey = (entry) => inStore("readwrite", (store) => store.add(entry));
