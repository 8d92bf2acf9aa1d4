// @ts-check
// The team page's stored documents, through storage.js: the lead's snapshots and the collector's record
// of released bundles (one key, one versioned document each, written with one setItem; see STORAGE.md),
// and what the lead's page showed, for this tab only. The engine makes and checks every document.
import { readKey, writeKey } from "./storage.js";

/** The team snapshots. */
export const SNAPSHOT_KEY = "okr1on1.team-snapshots";
/** The collector's record of the bundles it made (response tokens only), so no later bundle can be told apart from them. */
export const RELEASES_KEY = "okr1on1.collector-releases";
/** What the lead's page showed (response tokens per figure), for this tab only: a reload does not forget it. */
const SHOWN_KEY = "okr1on1.team-shown";

/** What the lead's page showed before in this tab ({} when nothing, or when the tab keeps nothing). */
export function shownBefore() {
  try {
    return JSON.parse(readKey(SHOWN_KEY, { session: true })) ?? {};
  } catch {
    return {};
  }
}

/** Keep what the lead's page shows now for this tab; where the tab keeps nothing, a reload forgets it. */
export function keepShown(released) {
  try {
    writeKey(SHOWN_KEY, JSON.stringify(released), "save_failed", { session: true });
  } catch {
    // kept in memory only: a reload forgets it
  }
}

/** The stored text of `key` and whether the browser lets the page read it at all. */
export function readTeamKey(key = SNAPSHOT_KEY) {
  try {
    return { text: readKey(key), available: true };
  } catch {
    return { text: null, available: false };
  }
}

/** Write the complete new document (null: remove it); returns {reason, error} (a widget text key and the
 *  browser's message) when the browser refused, else null. */
export function writeTeamKey(text, key = SNAPSHOT_KEY) {
  try {
    writeKey(key, text, "team_snapshot_failed");
    return null;
  } catch (error) {
    return { reason: error.reason, error: error.detail };
  }
}
