// Browser features the modules use that TypeScript's DOM library does not declare (yet).
interface Navigator {
  /** The Network Information API (Chromium): `saveData` is the reader's "save data" wish. */
  readonly connection?: { readonly saveData?: boolean };
}
