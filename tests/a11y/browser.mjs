// Browser tests of the built site in headless Chromium (playwright-core, system chromium):
// no page scrolls sideways at 320/360/390/1280 px, chart text is at least 11 CSS px and nothing
// of a chart falls outside its frame at those widths, no console errors, the JavaScript features work (search with and without diacritics
// and aliases, sorting by every column, region filter, compare picker), an embed pasted into a
// plain page elsewhere shows its chart at 360 and 800 px, and the province brief prints to two
// A4 pages. The site is served under a sub-path (/sub/site/) on 127.0.0.1, as a host would.
// Usage: chiso build && cd tests/a11y && npm ci && node browser.mjs   (CHISO_OUTPUT=dir to choose)
import { chromium } from "playwright-core";
import { readFileSync, existsSync, statSync, writeFileSync, mkdtempSync } from "node:fs";
import { execFileSync } from "node:child_process";
import http from "node:http";
import os from "node:os";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const site = path.resolve(process.env.CHISO_OUTPUT || path.join(here, "..", "..", "output"));
const PREFIX = "/sub/site/";
const types = { html: "text/html; charset=utf-8", css: "text/css", js: "text/javascript", svg: "image/svg+xml", png: "image/png", json: "application/json", xml: "application/xml", csv: "text/csv" };
const pasted = new Map(); // path → HTML of "another site" that pastes an embed
const server = http.createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (pasted.has(url)) { res.writeHead(200, { "content-type": types.html }); return res.end(pasted.get(url)); }
  if (!url.startsWith(PREFIX)) { res.writeHead(404); return res.end(); }
  let file = path.join(site, url.slice(PREFIX.length));
  if (!file.startsWith(site)) { res.writeHead(400); return res.end(); }
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
  const found = existsSync(file);
  const body = readFileSync(found ? file : path.join(site, "404.html"));
  res.writeHead(found ? 200 : 404, { "content-type": found ? types[path.extname(file).slice(1)] || "application/octet-stream" : types.html });
  res.end(body);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;
const base = origin + PREFIX;

// One page of every type, in both languages.
const pages = [
  "index.html", "xep-hang/2023/index.html", "xep-hang/2024-34/index.html", "xep-hang/2024-34/ha-tang-so/index.html",
  "tinh/ninh-thuan/index.html", "tinh/ho-chi-minh/index.html", "tinh/quang-ngai/2023/index.html", "chi-so/dti/index.html",
  "tinh/index.html", "chi-so/index.html", "xep-hang/index.html", "so-sanh/index.html", "phuong-phap/index.html",
  "nguon-du-lieu/index.html", "tinh/ninh-thuan/embed-gia-tri.html", "xep-hang/2023/embed-ban-do.html", "tinh/khong-co-trang-nay/",
  "en/index.html", "en/ranking/2024-34/index.html", "en/province/ninh-thuan/index.html", "en/province/quang-ngai/2023/index.html",
  "en/indicator/dti/index.html", "en/compare/index.html",
];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) passed++; else { failed++; console.log(`FAIL ${what}`); }
}
async function newPage(width, height = 900) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  return { context, page, errors };
}

// 1. Layout at four widths: no sideways scrolling, no console errors, nothing of a chart cut,
// chart text at 11 px or more.
for (const width of [320, 360, 390, 1280]) {
  const { context, page, errors } = await newPage(width);
  for (const rel of pages) {
    errors.length = 0;
    await page.goto(base + rel, { waitUntil: "load" });
    const over = await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll("body *")].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > w + 1 && !el.closest(".table-scroll") && getComputedStyle(el).position !== "fixed";
      }).slice(0, 3).map((el) => el.tagName + "." + el.className);
      return { scroll: document.documentElement.scrollWidth, w, wide };
    });
    check(over.scroll <= over.w, `${width}px ${rel}: page is ${over.scroll}px wide in a ${over.w}px window (${over.wide.join(", ")})`);
    // Missing favicon requests are not the site's errors; the 404 page's own request is expected.
    const real = errors.filter((e) => !(rel.includes("khong-co") && e.includes("404")));
    check(real.length === 0, `${width}px ${rel}: console errors: ${real.join(" | ")}`);
    // Nothing of a chart is cut: every label and mark of a shown drawing lies inside its frame
    // (an SVG clips what falls outside its viewBox, which no overflow check sees).
    const cut = await page.evaluate(() => {
      const out = [];
      for (const svg of document.querySelectorAll("svg.chart")) {
        const f = svg.getBoundingClientRect();
        if (!f.width) continue;
        for (const el of svg.querySelectorAll("text, circle, rect, line, polyline, polygon, path")) {
          const r = el.getBoundingClientRect();
          if (!r.width && !r.height) continue;
          if (r.left < f.left - 1 || r.right > f.right + 1 || r.top < f.top - 1 || r.bottom > f.bottom + 1) {
            out.push(`${svg.getAttribute("aria-labelledby").split(" ")[0]}: ${el.tagName} ${(el.textContent || "").trim().slice(0, 24)}`);
          }
        }
      }
      return out;
    });
    check(cut.length === 0, `${width}px ${rel}: chart content cut at the frame: ${cut.slice(0, 6).join("; ")} (${cut.length})`);
    {
      const small = await page.evaluate(() => {
        const out = [];
        for (const t of document.querySelectorAll("svg text")) {
          const r = t.getBoundingClientRect();
          if (!r.width || !t.textContent.trim()) continue;
          const m = t.getScreenCTM();
          const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
          if (px < 10.95) out.push(`${t.textContent.trim().slice(0, 20)}=${px.toFixed(1)}px`);
        }
        return out;
      });
      check(small.length === 0, `${width}px ${rel}: chart text below 11 px: ${small.slice(0, 5).join(", ")} (${small.length})`);
    }
  }
  await context.close();
}

// 2. Search: every alias of content/aliases.csv, as written and typed without diacritics, finds
// its province; so do names typed either way and what people type (the issue's list).
{
  const root = path.join(here, "..", "..");
  const nameOf = new Map();
  for (const line of readFileSync(path.join(root, "content", "units.csv"), "utf8").split("\n").slice(1)) {
    const f = line.split(",");
    if (f.length > 2) nameOf.set(f[1], f[2]); // slug → name_vi (the last period's name)
  }
  const plain = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D");
  const queries = [];
  for (const line of readFileSync(path.join(root, "content", "aliases.csv"), "utf8").split("\n").slice(1)) {
    if (!line.trim()) continue;
    const [slug, alias] = line.split(",");
    check(nameOf.has(slug), `aliases.csv: ${slug} is a unit`);
    queries.push([alias, nameOf.get(slug)], [plain(alias), nameOf.get(slug)]);
  }
  check(queries.length >= 40, `${queries.length / 2} aliases read from content/aliases.csv`);
  for (const q of [["hcm", "Hồ Chí Minh"], ["sai gon", "Hồ Chí Minh"], ["hue", "Huế"], ["Huế", "Huế"], ["Đà Nẵng", "Đà Nẵng"],
    ["da nang", "Đà Nẵng"], ["dak lak", "Đắk Lắk"], ["quang ngai", "Quảng Ngãi"], ["Ho Chi Minh City", "Hồ Chí Minh"]]) queries.push(q);
  const { context, page } = await newPage(1280);
  await page.goto(base + "index.html");
  for (const [query, expect] of queries) {
    await page.fill("#search-q", "");
    await page.fill("#search-q", query);
    const hits = await page.locator(".search li a").allTextContents();
    check(hits.some((h) => h.includes(expect)), `search "${query}" finds ${expect}: ${hits.slice(0, 4).join(", ")}`);
  }
  await context.close();
}

// 3. Sorting by every column of a ranking table (including rank change), region filter.
{
  const { context, page } = await newPage(1280);
  await page.goto(base + "xep-hang/2023/index.html");
  const table = page.locator("table.ranking").first();
  const columns = await table.locator("thead th").count();
  check(columns >= 6, `ranking table has ${columns} columns`);
  for (let col = 0; col < columns; col++) {
    const header = (await table.locator("thead th").nth(col).textContent()).trim();
    for (const dir of ["ascending", "descending"]) {
      await table.locator("thead th").nth(col).locator("button.sort").click();
      const keys = await table.evaluate((t, col) => [...t.tBodies[0].rows].map((r) => {
        const c = r.cells[col];
        const s = c.getAttribute("data-sort");
        return s !== null && s !== "" ? parseFloat(s) : s === "" ? null : c.textContent.trim();
      }), col);
      const known = keys.filter((k) => k !== null);
      const numeric = known.every((k) => typeof k === "number");
      const cmp = numeric ? (a, b) => a - b : new Intl.Collator("vi").compare;
      const sorted = [...known].sort(cmp);
      if (dir === "descending") sorted.reverse();
      check(known.length > 1 && JSON.stringify(known) === JSON.stringify(sorted), `sort "${header}" ${dir}: ${known.slice(0, 6).join(", ")}…`);
    }
  }
  const total = await table.locator("tbody tr").count();
  const select = page.locator(".region-filter select");
  const region = await select.locator("option").nth(2).getAttribute("value");
  await select.selectOption(region);
  const visible = await table.locator("tbody tr:not([hidden])").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-region")));
  check(visible.length > 0 && visible.length < total && visible.every((r) => r === region), `region filter "${region}": ${visible.length} of ${total}`);
  await context.close();
}

// 4. Compare picker: choosing a province puts it into the comparison.
{
  const { context, page } = await newPage(1280);
  await page.goto(base + "so-sanh/index.html");
  await page.locator(".compare-picker select").nth(3).selectOption("da-nang");
  const chosen = await page.locator("#compare-result .compare-selected").textContent();
  check(chosen.includes("Đà Nẵng"), `compare picker adds Đà Nẵng: ${chosen}`);
  const head = await page.locator("#compare-result table thead").first().textContent();
  check(head.includes("Đà Nẵng"), "compare table has a Đà Nẵng column");
  await context.close();
}

// 5. An embed pasted into a plain page of another path shows its chart at 360 and 800 px.
{
  const { context, page } = await newPage(1280);
  await page.goto(base + "tinh/ninh-thuan/index.html");
  const code = await page.locator("textarea.embed-code").first().inputValue();
  check(code.startsWith("<iframe src=\"" + base + "tinh/ninh-thuan/embed-"), `embed code has the absolute address: ${code.slice(0, 90)}`);
  pasted.set("/elsewhere/blog/post.html", `<!DOCTYPE html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>A blog</title><link rel="icon" href="data:,"></head><body style="margin:8px"><h1>A story</h1>${code}<p>More text.</p></body></html>`);
  await context.close();
  for (const width of [360, 800]) {
    const { context, page, errors } = await newPage(width);
    await page.goto(origin + "/elsewhere/blog/post.html", { waitUntil: "load" });
    const frame = page.frameLocator("iframe");
    await frame.locator("figure").waitFor();
    const shown = await frame.locator("figure").evaluate(() => {
      const svg = [...document.querySelectorAll("svg.chart")].find((s) => s.getBoundingClientRect().width > 0);
      if (!svg) return { w: 0, h: 0, narrow: null };
      const r = svg.getBoundingClientRect();
      return { w: r.width, h: r.height, narrow: !!svg.closest(".chart-narrow"), texts: svg.querySelectorAll("text").length };
    });
    check(shown.w > width * 0.7 && shown.h > 100 && shown.texts > 3, `embed at ${width}px shows the chart: ${JSON.stringify(shown)}`);
    check((width === 360) === shown.narrow, `embed at ${width}px shows the ${width === 360 ? "narrow" : "wide"} drawing`);
    const back = await frame.locator("figcaption a").last().getAttribute("href");
    check(back === "index.html", `embed links back to its page: ${back}`);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
    check(scroll, `the page with the embed does not scroll sideways at ${width}px`);
    check(errors.length === 0, `embed at ${width}px: no console errors: ${errors.join(" | ")}`);
    await context.close();
  }
}

// 6. Print: the province brief fits two A4 pages, the annual report prints without navigation.
{
  const dir = mkdtempSync(path.join(os.tmpdir(), "chiso-print-"));
  const pagesOf = (pdf) => Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))[1]);
  const { context, page } = await newPage(1280);
  for (const [rel, max, min] of [["tinh/ninh-thuan/index.html", 2, 2], ["en/province/ho-chi-minh/index.html", 2, 2], ["tinh/quang-ngai/index.html", 2, 2], ["xep-hang/2023/index.html", 5, 3]]) {
    await page.goto(base + rel, { waitUntil: "load" });
    await page.emulateMedia({ media: "print" });
    const hidden = await page.evaluate(() => [".site-header", ".site-footer", ".fig-dl", ".embed", "nav"].every((s) =>
      [...document.querySelectorAll(s)].every((el) => el.getBoundingClientRect().height === 0)));
    check(hidden, `print ${rel}: no navigation, downloads or embed code`);
    // Chart text on paper: laid out at the width of an A4 page inside its margins (182 mm =
    // 688 CSS px), every printed chart label is at least 8 pt (10.67 CSS px).
    await page.setViewportSize({ width: 688, height: 1000 });
    const tiny = await page.evaluate(() => {
      const out = [];
      for (const t of document.querySelectorAll("svg.chart text")) {
        if (!t.getBoundingClientRect().width || !t.textContent.trim()) continue;
        const m = t.getScreenCTM();
        const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
        if (px < 10.66) out.push(`${t.textContent.trim().slice(0, 16)}=${(px * 0.75).toFixed(1)}pt`);
      }
      return out;
    });
    check(tiny.length === 0, `print ${rel}: chart text below 8 pt: ${tiny.slice(0, 5).join(", ")} (${tiny.length})`);
    await page.setViewportSize({ width: 1280, height: 900 });
    const pdf = path.join(dir, rel.replace(/\//g, "_") + ".pdf");
    writeFileSync(pdf, await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true }));
    const n = pagesOf(pdf);
    check(n >= min && n <= max, `print ${rel}: ${n} A4 page(s), expected ${min === max ? max : `${min}–${max}`}`);
    await page.emulateMedia({ media: "screen" });
  }
  await context.close();
}

await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
