// ESLint over the site's browser modules (overrides/assets/okr1on1): the recommended rules plus those
// that catch real mistakes in code that runs as ES modules in pages and in a module worker.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "site/", ".cache/", ".venv/"] },
  js.configs.recommended,
  {
    files: ["overrides/assets/okr1on1/**/*.js", "bench/fixtures/**/*.js"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.browser, ...globals.worker },
    },
  },
  {
    files: ["overrides/assets/okr1on1/**/*.js", "bench/fixtures/**/*.js", "**/*.mjs"],
    rules: {
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
      "no-undef": "error",
      eqeqeq: ["error", "always"],
      "prefer-const": "error",
      "no-var": "error",
      "no-implicit-globals": "error",
      "no-use-before-define": ["error", { functions: false, classes: true, variables: false }],
      "no-promise-executor-return": "error",
      "no-self-compare": "error",
      "no-template-curly-in-string": "error",
      "no-unmodified-loop-condition": "error",
      "no-unreachable-loop": "error",
      "array-callback-return": "error",
      "no-constructor-return": "error",
      "no-throw-literal": "error",
      "no-useless-concat": "error",
      "no-new-wrappers": "error",
      "no-eval": "error",
      "no-implied-eval": "error",
    },
  },
  {
    // The service worker, which the build writes into sw.js after the line that defines BUILD (offline.py).
    files: ["src/okr1on1/site/service_worker.js"],
    languageOptions: { ecmaVersion: 2023, sourceType: "script", globals: { ...globals.serviceworker, BUILD: "readonly" } },
    rules: { "no-unused-vars": "error", "no-undef": "error", eqeqeq: ["error", "always"], "prefer-const": "error", "no-var": "error" },
  },
  {
    // Node scripts: the build's engine snapshot and the tests that run the engine or pdf.js in Node.
    files: ["eslint.config.js", "**/*.mjs"],
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: globals.node },
  },
];
