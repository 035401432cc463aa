// Runs axe-core (WCAG 2.x A/AA rules) over the main page types of the built site, in both
// languages, light and dark colour schemes, desktop and phone widths. Exits 1 on any serious or
// critical finding. Usage: cargo run --release -- build && cd tests/a11y && npm install && node axe.mjs
import { chromium } from "playwright-core";
import { readFileSync, existsSync, statSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const site = process.env.CHISO_OUTPUT || path.join(here, "..", "..", "output");
const axeSource = readFileSync(path.join(here, "node_modules", "axe-core", "axe.min.js"), "utf8");
const pages = [
  "index.html", "xep-hang/2023/index.html", "xep-hang/2024-34/ha-tang-so/index.html", "tinh/ninh-thuan/index.html",
  "tinh/quang-ngai/2023/index.html", "chi-so/dti/index.html", "tinh/index.html", "so-sanh/index.html",
  "phuong-phap/index.html", "tinh/ninh-thuan/index.html#embed-gia-tri",
  "en/index.html", "en/ranking/2023/index.html", "en/province/ninh-thuan/index.html", "en/compare/index.html",
];
// Serve the site on loopback (as a host would: 404.html for misses), so root-relative 404 links work.
const types = { html: "text/html; charset=utf-8", css: "text/css", js: "text/javascript", svg: "image/svg+xml", png: "image/png", json: "application/json" };
const server = http.createServer((req, res) => {
  let file = path.join(site, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (!file.startsWith(site)) { res.writeHead(400); return res.end(); }
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
  const found = existsSync(file);
  const body = readFileSync(found ? file : path.join(site, "404.html"));
  res.writeHead(found ? 200 : 404, { "content-type": found ? types[path.extname(file).slice(1)] || "application/octet-stream" : types.html });
  res.end(body);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/`;
pages.push("tinh/khong-co-trang-nay/");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let bad = 0;
for (const scheme of ["light", "dark"]) {
  for (const width of [1280, 360]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
    const page = await context.newPage();
    for (const rel of pages) {
      await page.goto(base + rel);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }));
      for (const v of result.violations) {
        const serious = v.impact === "serious" || v.impact === "critical";
        if (serious) bad++;
        console.log(`${serious ? "FAIL" : "note"} ${scheme} ${width}px ${rel}: [${v.impact}] ${v.id} — ${v.help} (${v.nodes.length}×) e.g. ${v.nodes[0].target.join(" ")}`);
      }
    }
    await context.close();
  }
}
await browser.close();
server.close();
console.log(bad ? `${bad} serious or critical finding(s)` : "axe: no serious or critical finding");
process.exit(bad ? 1 : 0);
