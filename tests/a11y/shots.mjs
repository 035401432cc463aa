// Screenshots of every page type at 360 and 1280 px and PDFs of the print pages, for a person to
// look at (not a test). Usage: CHISO_OUTPUT=dir SHOTS=/tmp/shots node shots.mjs [page ...]
import { chromium } from "playwright-core";
import { readFileSync, existsSync, statSync, mkdirSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const site = path.resolve(process.env.CHISO_OUTPUT || path.join(here, "..", "..", "output"));
const out = process.env.SHOTS || "/tmp/chiso-shots";
mkdirSync(out, { recursive: true });
const types = { html: "text/html; charset=utf-8", css: "text/css", js: "text/javascript", svg: "image/svg+xml", png: "image/png" };
const server = http.createServer((req, res) => {
  let file = path.join(site, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
  const found = existsSync(file);
  res.writeHead(found ? 200 : 404, { "content-type": found ? types[path.extname(file).slice(1)] || "application/octet-stream" : types.html });
  res.end(readFileSync(found ? file : path.join(site, "404.html")));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/`;
const pages = process.argv.length > 2 ? process.argv.slice(2) : [
  "index.html", "xep-hang/index.html", "xep-hang/2023/index.html", "xep-hang/2024-34/index.html", "xep-hang/2024-34/ha-tang-so/index.html",
  "tinh/index.html", "tinh/ninh-thuan/index.html", "tinh/ho-chi-minh/index.html", "tinh/quang-ngai/2023/index.html",
  "chi-so/index.html", "chi-so/dti/index.html", "so-sanh/index.html", "phuong-phap/index.html", "nguon-du-lieu/index.html",
  "tinh/ninh-thuan/index.html#embed-gia-tri", "xep-hang/2023/index.html#embed-ban-do", "tinh/khong-co-trang-nay/",
  "en/index.html", "en/province/ho-chi-minh/index.html", "en/ranking/2024-34/index.html",
];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const name = (rel) => rel.replace(/\/index\.html$|\.html$|\/$/g, "").replace(/\//g, "_") || "home";
for (const width of [360, 1280]) {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  for (const rel of pages) {
    await page.goto(base + rel, { waitUntil: "load" });
    await page.screenshot({ path: path.join(out, `${name(rel)}-${width}.png`), fullPage: true });
  }
  await context.close();
}
const page = await browser.newPage();
for (const rel of ["tinh/ninh-thuan/index.html", "en/province/ho-chi-minh/index.html", "xep-hang/2023/index.html", "xep-hang/2024-34/index.html"]) {
  await page.goto(base + rel, { waitUntil: "load" });
  await page.pdf({ path: path.join(out, `${name(rel)}.pdf`), format: "A4", printBackground: true, preferCSSPageSize: true });
}
await browser.close();
server.close();
console.log(`screenshots in ${out}`);
