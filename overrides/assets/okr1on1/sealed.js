// @ts-check
// Sealed share files (STORAGE.md, "Sealed files"): a collector, or a team lead, makes a team code in their
// browser: the public half of a key pair (X25519 where the browser has it, else ECDH on P-256). A member's
// share file is encrypted to that code (AES-GCM with a key from ECDH + HKDF-SHA-256); only the browser
// that holds the private key, kept non-extractable in IndexedDB, can open it. Encryption needs the keys
// where they are, in the browser: this is the one format rule the engine cannot hold. The keys are
// kept by team-keys.js.
import { readKey, writeKey } from "./storage.js";
import { addTeamKey, keyStoreAvailable, teamCodes } from "./team-keys.js";

const SEALED_FORMAT = "okr1on1-sealed";
const VERSION = 1;
const INFO = new TextEncoder().encode("okr1on1-sealed/1");
const PAD = 1024; // the plaintext is padded to a multiple of this: the size tells nothing of the answers
const KINDS = {
  x: { alg: "X25519", params: { name: "X25519" }, size: 32 },
  p: { alg: "P-256", params: { name: "ECDH", namedCurve: "P-256" }, size: 65 },
};
const CODE = /^okr1-([xp])\.([A-Za-z0-9_-]{43,87})$/;

const subtle = () => globalThis.crypto?.subtle;

function b64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function unb64url(text) {
  const plain = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(plain, (char) => char.charCodeAt(0));
}

function joined(...parts) {
  const all = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    all.set(new Uint8Array(part), at);
    at += part.byteLength;
  }
  return all;
}

/** `{kind, raw}` of a team code, of a link that carries one (`#team-code=`), or null. */
export function parseTeamCode(text) {
  let code = String(text ?? "").trim();
  const inLink = code.match(/[#&]team-code=([^&\s]+)/);
  if (inLink) code = decodeURIComponent(inLink[1]);
  const match = code.match(CODE);
  if (!match) return null;
  try {
    const raw = unb64url(match[2]);
    return raw.length === KINDS[match[1]].size ? { kind: match[1], raw, code } : null;
  } catch {
    return null;
  }
}

/** The team code carried by this page's address (`#team-code=…`), kept for this tab only. */
export function codeFromLink() {
  const key = "okr1on1.team-code";
  try {
    const found = parseTeamCode(location.hash);
    if (found) {
      writeKey(key, found.code, "save_failed", { session: true });
      history.replaceState(null, "", location.pathname + location.search); // not left in the address bar
    }
    return parseTeamCode(readKey(key, { session: true }))?.code ?? null;
  } catch {
    return parseTeamCode(location.hash)?.code ?? null;
  }
}

async function x25519() {
  try {
    await subtle().generateKey(KINDS.x.params, false, ["deriveBits"]);
    return true;
  } catch {
    return false;
  }
}

/** A new team code: the key pair is made here, the private key cannot be exported, and is kept in IndexedDB. */
export async function makeTeamCode() {
  const kind = (await x25519()) ? "x" : "p";
  const pair = /** @type {CryptoKeyPair} */ (await subtle().generateKey(KINDS[kind].params, false, ["deriveBits"]));
  const raw = await subtle().exportKey("raw", pair.publicKey);
  const entry = { code: `okr1-${kind}.${b64url(raw)}`, kind, publicRaw: new Uint8Array(raw), privateKey: pair.privateKey, created_at: new Date().toISOString() };
  await addTeamKey(entry);
  return entry;
}

async function aesKey(kind, privateKey, publicKey, salt, usage) {
  const shared = await subtle().deriveBits({ name: KINDS[kind].params.name, public: publicKey }, privateKey, 256);
  const base = await subtle().importKey("raw", shared, "HKDF", false, ["deriveKey"]);
  return subtle().deriveKey({ name: "HKDF", hash: "SHA-256", salt, info: INFO }, base, { name: "AES-GCM", length: 256 }, false, [usage]);
}

const additionalData = (alg) => new TextEncoder().encode(`${SEALED_FORMAT}/${VERSION}/${alg}`);

/** `text` sealed to the team `code`: the JSON text of a sealed file. */
export async function seal(text, code) {
  const target = parseTeamCode(code);
  if (!target) throw new Error("not a team code");
  const { alg, params } = KINDS[target.kind];
  const recipient = await subtle().importKey("raw", target.raw, params, false, []);
  const ephemeral = await subtle().generateKey(params, true, ["deriveBits"]);
  const ephemeralRaw = await subtle().exportKey("raw", ephemeral.publicKey);
  const key = await aesKey(target.kind, ephemeral.privateKey, recipient, joined(ephemeralRaw, target.raw), "encrypt");
  const plain = new TextEncoder().encode(text);
  const padded = new Uint8Array(Math.ceil((plain.length + 1) / PAD) * PAD).fill(0x20); // JSON allows trailing spaces
  padded.set(plain);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await subtle().encrypt({ name: "AES-GCM", iv, additionalData: additionalData(alg) }, key, padded);
  return `${JSON.stringify({ format: SEALED_FORMAT, version: VERSION, alg, epk: b64url(ephemeralRaw), iv: b64url(iv), data: b64url(data) })}\n`;
}

/** A loaded file's text opened with this browser's keys: `{sealed: null}` when it is not sealed,
 *  `{sealed: "opened", text}`, or `{sealed: "no_key"}` when no key of this browser opens it. */
export async function openIfSealed(text) {
  let envelope;
  try {
    envelope = typeof text === "string" && text.includes(SEALED_FORMAT) ? JSON.parse(text) : null;
  } catch {
    envelope = null;
  }
  if (envelope?.format !== SEALED_FORMAT) return { sealed: null };
  const kind = Object.keys(KINDS).find((name) => KINDS[name].alg === envelope.alg);
  if (!kind || !subtle() || !keyStoreAvailable()) return { sealed: "no_key" };
  let codes;
  try {
    codes = (await teamCodes()).filter((entry) => entry.kind === kind);
  } catch {
    return { sealed: "no_key" };
  }
  for (const entry of codes) {
    try {
      const ephemeral = unb64url(envelope.epk);
      const publicKey = await subtle().importKey("raw", ephemeral, KINDS[kind].params, false, []);
      const key = await aesKey(kind, entry.privateKey, publicKey, joined(ephemeral, entry.publicRaw), "decrypt");
      const plain = await subtle().decrypt({ name: "AES-GCM", iv: unb64url(envelope.iv), additionalData: additionalData(envelope.alg) }, key, unb64url(envelope.data));
      return { sealed: "opened", text: new TextDecoder().decode(plain).trimEnd() };
    } catch {
      // not this key: the next one
    }
  }
  return { sealed: "no_key" };
}
