// Builds the dashboard into the Python package (src/newsevents/api/static), where `newsevents serve`
// finds it: one script (d3 modules and the world-atlas shapes bundled in), one style sheet, the page.
// Run by `make assets` after `npm ci`; nothing is fetched at run time.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "newsevents", "api", "static");
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, "src", "main.js"), join(here, "src", "style.css")],
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020"],
  outdir: out,
  entryNames: "[name]",
  legalComments: "eof",
  logLevel: "warning",
});
copyFileSync(join(here, "index.html"), join(out, "index.html"));
console.log(`dashboard built into ${out}`);
