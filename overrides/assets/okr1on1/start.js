// Loaded from <head> on pages with a widget (overrides/main.html): starts the scoring engine before
// the page has finished parsing, instead of when the widget mounts. The widget then finds it running.
import { startEngine } from "./engine.js";

startEngine();
