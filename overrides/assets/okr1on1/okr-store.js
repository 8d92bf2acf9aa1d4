// @ts-check
// My OKRs' one localStorage key (okr1on1.okr_checkins, STORAGE.md "My OKRs"), through storage.js. The
// engine reads, checks and makes every document; this file only gets and writes the text.
import { readKey, writeKey } from "./storage.js";

/** The stored text (null when there is none); throws StorageProblem("storage_unavailable"). */
export const readOkrs = (key) => readKey(key);

/** Write the engine's new text with one setItem (null: remove the key); throws StorageProblem("save_failed"),
 *  whose text says already that what was saved before is unchanged (full storage included). */
export const writeOkrs = (key, text) => writeKey(key, text, "save_failed", { quota: "save_failed" });
