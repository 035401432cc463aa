// Browser tests of the built site in headless Chromium (playwright-core, system chromium):
// no page scrolls sideways at 320/360/390/1280 px, chart text is at least 11 CSS px and nothing
// of a chart falls outside its frame at those widths, no console errors, the JavaScript features work (search with and without diacritics
// and aliases, sorting by every column, region filter, compare picker), an embed pasted into a
// plain page elsewhere shows its chart at 360 and 800 px, the province brief prints to two A4
// pages (also with a very long commentary) and the annual report of every edition prints with
// its page breaks. The site is served under a sub-path (/sub/site/) on 127.0.0.1, as a host would.
// Every page type of the built site is visited: one page of each kind of URL found in the output.
// A second site, the bundled one with a very long commentary, is built with CHISO_BIN (default
// target/debug/chiso) and served at the root of a second address (its 404 page is styled there).
// Usage: chiso build && cd tests/a11y && npm ci && node browser.mjs   (CHISO_OUTPUT=dir to choose)
import { chromium } from "playwright-core";
import { readFileSync, existsSync, statSync, writeFileSync, mkdtempSync, readdirSync, cpSync, symlinkSync } from "node:fs";
import { execFileSync } from "node:child_process";
import http from "node:http";
import os from "node:os";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, "..", "..");
const site = path.resolve(process.env.CHISO_OUTPUT || path.join(root, "output"));
const PREFIX = "/sub/site/";
const types = { html: "text/html; charset=utf-8", css: "text/css", js: "text/javascript", svg: "image/svg+xml", png: "image/png", json: "application/json", xml: "application/xml", csv: "text/csv" };
const pasted = new Map(); // path → HTML of "another site" that pastes an embed
// Serves `dir` under `prefix` as a static host does: index.html for folders, 404.html for misses.
async function serve(dir, prefix) {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (pasted.has(url)) { res.writeHead(200, { "content-type": types.html }); return res.end(pasted.get(url)); }
    if (!url.startsWith(prefix)) { res.writeHead(404); return res.end(); }
    let file = path.join(dir, url.slice(prefix.length));
    if (!file.startsWith(dir)) { res.writeHead(400); return res.end(); }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    const found = existsSync(file);
    const body = readFileSync(found ? file : path.join(dir, "404.html"));
    res.writeHead(found ? 200 : 404, { "content-type": found ? types[path.extname(file).slice(1)] || "application/octet-stream" : types.html });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}
let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) passed++; else { failed++; console.log(`FAIL ${what}`); }
}
const { server, origin } = await serve(site, PREFIX);
const base = origin + PREFIX;

// The variant: the bundled content with a very long commentary on the province whose printed
// brief has the most besides it (Hồ Chí Minh: two unit sets, two predecessors), in both
// languages. It shares the card cache (the commentary is not on the cards), so it builds fast.
const variant = (() => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "chiso-long-"));
  cpSync(path.join(root, "content"), path.join(dir, "content"), { recursive: true });
  if (existsSync(path.join(root, "themes"))) cpSync(path.join(root, "themes"), path.join(dir, "themes"), { recursive: true });
  if (existsSync(path.join(root, ".chiso-cache"))) symlinkSync(path.join(root, ".chiso-cache"), path.join(dir, ".chiso-cache"));
  const para = {
    "": "Đoạn nhận định này dài có chủ ý: bản in của trang tỉnh phải gọn trong hai trang giấy A4 cả khi phần nhận định rất dài, và người đọc bản giấy được chỉ đến trang web để đọc toàn văn cùng mọi số liệu.",
    ".en": "This paragraph is long on purpose: the printed brief of a province must keep to two A4 pages even when its commentary is very long, and the reader of the paper is sent to the web page for the full text and every figure.",
  };
  for (const [suffix, text] of Object.entries(para)) {
    writeFileSync(path.join(dir, "content", "commentary", "tinh", `ho-chi-minh${suffix}.md`),
      `+++\ntitle = "Hồ Chí Minh"\ndescription = "…"\n+++\n\n${Array(40).fill(text).join("\n\n")}\n`);
  }
  const bin = process.env.CHISO_BIN || path.join(root, "target", "debug", "chiso");
  execFileSync(bin, ["build", "--root", dir, "--output", path.join(dir, "output")], { stdio: ["ignore", "ignore", "pipe"] });
  return path.join(dir, "output");
})();
const long = await serve(variant, "/");

// One page of every type: every kind of URL the output holds (its slugs and years made `*`:
// `tinh/*/*/index.html`), the first of each, with the embed view of each of its figures
// (`#embed-<name>`: the page showing that figure alone), and beside them pages chosen for what
// they show (the 34-province edition, a merged province, a province-year, the 404 page under the
// sub-path).
const SCHEME = new Set(["tinh", "xep-hang", "chi-so", "so-sanh", "en", "province", "ranking", "indicator", "compare", "index.html", "404.html"]);
function htmlFiles(dir, rel = "") {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)).flatMap((e) =>
    e.isDirectory() ? (e.name === "static" || e.name === "data" ? [] : htmlFiles(dir, rel + e.name + "/")) : e.name.endsWith(".html") ? [rel + e.name] : []);
}
const kindOf = (rel) => {
  const segs = rel.split("/");
  return segs.map((s, i) => (SCHEME.has(s) || s.startsWith("embed-") || (i === 0 && segs.length <= 2) ? s : "*")).join("/");
};
const kinds = new Map();
for (const rel of htmlFiles(site)) if (!kinds.has(kindOf(rel))) kinds.set(kindOf(rel), rel);
const embedViews = [...kinds.values()].flatMap((rel) =>
  [...readFileSync(path.join(site, rel), "utf8").matchAll(/<figure class="figure" id="(embed-[^"]+)"/g)].map((m) => `${rel}#${m[1]}`));
check(embedViews.length >= 15, `${embedViews.length} embed views found in the pages of every kind`);
const pages = [...new Set([
  ...kinds.values(),
  ...embedViews,
  "xep-hang/2024-34/index.html", "xep-hang/2024-34/ha-tang-so/index.html", "tinh/ninh-thuan/index.html", "tinh/ho-chi-minh/index.html",
  "tinh/quang-ngai/2023/index.html", "chi-so/dti/index.html", "nguon-du-lieu/index.html",
  "en/ranking/2024-34/index.html", "en/province/ninh-thuan/index.html", "en/province/quang-ngai/2023/index.html", "en/compare/index.html",
])];
check(kinds.size >= 25, `${kinds.size} kinds of page found in the output`);
// The 404 page links from the site root (it is served at any depth), so it is looked at where the
// site is the root of its host: the variant's address, as a miss in each language.
const visits = [
  ...pages.filter((rel) => !rel.endsWith("404.html")).map((rel) => ({ url: base + rel, rel })),
  { url: long.origin + "/tinh/khong-co-trang-nay/", rel: "404 page", notFound: true },
  { url: long.origin + "/en/province/no-such-page/", rel: "en 404 page", notFound: true },
  { url: long.origin + "/tinh/ho-chi-minh/", rel: "long commentary" },
];
console.log(`${visits.length} pages of ${kinds.size} kinds`);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
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
  for (const { url, rel, notFound } of visits) {
    errors.length = 0;
    // Going from one embed view of a page to another changes only the fragment: no response.
    const response = await page.goto(url, { waitUntil: "load" });
    const status = response ? response.status() : 200;
    check((status === 404) === !!notFound, `${width}px ${rel}: status ${status}`);
    const over = await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll("body *")].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > w + 1 && !el.closest(".table-scroll") && getComputedStyle(el).position !== "fixed";
      }).slice(0, 3).map((el) => el.tagName + "." + el.className);
      return { scroll: document.documentElement.scrollWidth, w, wide };
    });
    check(over.scroll <= over.w, `${width}px ${rel}: page is ${over.scroll}px wide in a ${over.w}px window (${over.wide.join(", ")})`);
    // The 404 page's own request is expected to fail.
    const real = errors.filter((e) => !(notFound && e.includes("404")));
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
    // Charts sit in the layout at about the size they were drawn for: never blown up by more
    // than 10 % (a 640 px drawing shown 1000 px wide has 22 px text and dwarfs the page), and
    // none wider than the window.
    const big = await page.evaluate(() => [...document.querySelectorAll("svg.chart, svg.choropleth")].flatMap((svg) => {
      const r = svg.getBoundingClientRect();
      const drawn = svg.viewBox.baseVal;
      if (!r.width || !drawn || !drawn.width) return [];
      return r.width > drawn.width * 1.1 + 1 ? [`${svg.getAttribute("aria-labelledby").split(" ")[0]} ${Math.round(r.width)}×${Math.round(r.height)} px, drawn ${drawn.width}×${drawn.height}`] : [];
    }));
    check(big.length === 0, `${width}px ${rel}: charts shown larger than drawn: ${big.join("; ")}`);
    // No two labels of a chart run into one another (axis ticks squeezed on a phone, names
    // over values): texts side by side on one line keep at least 2 px apart.
    const clash = await page.evaluate(() => [...document.querySelectorAll("svg.chart")].flatMap((svg) => {
      if (!svg.getBoundingClientRect().width) return [];
      const boxes = [...svg.querySelectorAll("text")].filter((t) => t.textContent.trim()).map((t) => [t.textContent.trim(), t.getBoundingClientRect()]).filter(([, r]) => r.width);
      const out = [];
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const [a, p] = boxes[i], [b, q] = boxes[j];
        const w = Math.min(p.right, q.right) - Math.max(p.left, q.left), h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (h > 0.5 * Math.min(p.height, q.height) && w > -2) out.push(`${svg.getAttribute("aria-labelledby").split(" ")[0]}: "${a}" × "${b}"`);
      }
      return out;
    }));
    check(clash.length === 0, `${width}px ${rel}: chart labels overlap: ${clash.slice(0, 4).join("; ")} (${clash.length})`);
  }
  await context.close();
}

// 2. Search: every alias of content/aliases.csv, as written and typed without diacritics, finds
// its province; so do names typed either way and what people type (the list).
{
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
  // Every unit by its name, typed with and without diacritics, and by its English name.
  for (const line of readFileSync(path.join(root, "content", "units.csv"), "utf8").split("\n").slice(1)) {
    const f = line.split(",");
    // A renamed unit (Thừa Thiên Huế → Huế) is found under its current name.
    if (f.length > 3) queries.push([f[2], nameOf.get(f[1])], [plain(f[2]).toLowerCase(), nameOf.get(f[1])], [f[3], nameOf.get(f[1])]);
  }
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

// 3b. Sorting by rank change, read from what the reader sees ("▲+5", "▼−27", "0", blank): a
// numeric order both ways (−28 … 0 … +26, never +1…+26, −1…−28, 0), rows without a change last.
for (const rel of ["xep-hang/2023/index.html", "xep-hang/2021/index.html"]) {
  const { context, page } = await newPage(1280);
  await page.goto(base + rel);
  const table = page.locator("table.ranking").first();
  const heads = await table.locator("thead th").allTextContents();
  const col = heads.findIndex((h) => h.trim().startsWith("±"));
  check(col >= 0, `${rel}: a rank-change column (${heads.join(" | ")})`);
  for (const dir of ["ascending", "descending"]) {
    await table.locator("thead th").nth(col).locator("button.sort").click();
    const shown = await table.evaluate((t, col) => [...t.tBodies[0].rows].map((r) => {
      const c = r.cells[col].querySelector(".chg");
      if (!c) return null;
      const text = [...c.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
      return parseInt(text.replace("\u2212", "-"), 10);
    }), col);
    const known = shown.filter((k) => k !== null);
    const firstBlank = shown.indexOf(null);
    const sorted = [...known].sort((a, b) => (dir === "ascending" ? a - b : b - a));
    check(known.length > 1 && known.every(Number.isInteger), `${rel}: rank changes read as numbers: ${shown.slice(0, 8).join(", ")}`);
    check(JSON.stringify(known) === JSON.stringify(sorted), `${rel}: sort by rank change ${dir}: ${known.join(", ")}`);
    check(firstBlank < 0 || shown.slice(firstBlank).every((k) => k === null), `${rel}: rows without a change last when ${dir}: ${shown.join(", ")}`);
    if (known.includes(0) && known.some((k) => k > 0) && known.some((k) => k < 0)) {
      const zero = known.indexOf(0);
      check(zero > 0 && zero < known.length - 1, `${rel}: 0 sorts between rises and falls (${dir})`);
    }
  }
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

// 4b. Compare chart at 360 and 1280 px, default selection (it holds a derived 2021 value): the
// points of another unit set (drawn without a line) never hide one another; a derived figure is
// a mark of its own shape (not a dot), its changes are dashed, and the chart's legend says what
// its symbol means in the words of the tables' legend.
for (const width of [360, 1280]) {
  const { context, page } = await newPage(width);
  await page.goto(base + "so-sanh/index.html");
  const seen = await page.evaluate(() => {
    const data = JSON.parse(document.getElementById("compare-data").textContent);
    const svg = document.querySelector("#compare-result figure svg");
    const marks = [...svg.querySelectorAll("circle, path")].map((e) => {
      const r = e.getBoundingClientRect();
      return { set: e.getAttribute("data-set"), unit: e.getAttribute("data-unit"), tag: e.tagName, source: e.getAttribute("data-source"), x: r.left + r.width / 2, y: r.top + r.height / 2, d: r.width };
    });
    const dashed = [...svg.querySelectorAll("line[stroke-dasharray]")].length;
    const legend = svg.closest("figure").querySelector("figcaption").textContent;
    return { data, marks, dashed, legend };
  });
  const lines = new Set(seen.data.editions.map((e) => e[4]));
  const counts = {};
  for (const e of seen.data.editions) counts[e[4]] = (counts[e[4]] || 0) + 1;
  const main = Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
  check(lines.size > 1, `compare ${width}px: the default selection spans two unit sets`);
  const loose = seen.marks.filter((m) => m.set !== main);
  check(loose.length >= 2, `compare ${width}px: ${loose.length} points of another unit set`);
  const hidden = [];
  for (let i = 0; i < loose.length; i++) for (let j = i + 1; j < loose.length; j++) {
    const [a, b] = [loose[i], loose[j]];
    if (Math.hypot(a.x - b.x, a.y - b.y) < (a.d + b.d) / 2 - 1) hidden.push(`${a.unit} × ${b.unit}`);
  }
  check(hidden.length === 0, `compare ${width}px: points of another unit set overlap: ${hidden.join(", ")}`);
  const derived = seen.marks.filter((m) => m.source === "derived");
  const sym = Object.keys(seen.data.marks)[0];
  check(derived.length >= 1 && derived.every((m) => m.tag === "path"), `compare ${width}px: derived points have their own shape (${derived.map((m) => m.tag).join(", ")})`);
  check(seen.dashed >= 1, `compare ${width}px: a change from a derived figure is dashed (${seen.dashed})`);
  check(sym && seen.legend.includes("◆ " + sym + " " + seen.data.marks[sym][1]), `compare ${width}px: the chart's legend explains the derived mark: ${seen.legend}`);
  await context.close();
}

// 5. Embeds pasted into a plain page of another path (another site's blog, outside the site's
// sub-path) show their drawing at 360 and 800 px: a chart (narrow and wide drawings) and a map.
// The embed is the page's own address with `#embed-<name>`: the figure alone, no site chrome.
{
  const { context, page } = await newPage(1280);
  const codes = [];
  for (const [rel, file] of [["tinh/ninh-thuan/index.html", "gia-tri"], ["xep-hang/2023/index.html", "ban-do"]]) {
    await page.goto(base + rel);
    const code = await page.locator(`textarea.embed-code[data-src="#embed-${file}"]`).inputValue();
    check(code.startsWith(`<iframe src="${base + rel}#embed-${file}"`), `embed code has the absolute address: ${code.slice(0, 90)}`);
    codes.push(code);
  }
  pasted.set("/elsewhere/blog/post.html", `<!DOCTYPE html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>A blog</title><link rel="icon" href="data:,"></head><body style="margin:8px"><h1>A story</h1>${codes.join("<p>More text.</p>")}<p>The end.</p></body></html>`);
  await context.close();
  for (const width of [360, 800]) {
    const { context, page, errors } = await newPage(width);
    await page.goto(origin + "/elsewhere/blog/post.html", { waitUntil: "load" });
    for (const [k, what] of [[0, "chart"], [1, "map"]]) {
      const frame = page.frameLocator("iframe").nth(k);
      await frame.locator("figure:target").scrollIntoViewIfNeeded();
      await frame.locator("figure:target svg").first().waitFor({ state: "attached" });
      const shown = await frame.locator("figure:target").evaluate((fig) => {
        const svg = [...fig.querySelectorAll("svg.chart, svg.choropleth")].find((s) => s.getBoundingClientRect().width > 0);
        const seen = (el) => el.getBoundingClientRect().height > 0;
        // Nothing of the page but the figure: no header, navigation, footer or other figure.
        const chrome = [...document.querySelectorAll(".site-header, .site-footer, nav, h1, .figure")].filter((el) => el !== fig && seen(el)).map((el) => el.tagName + "." + el.className);
        const title = fig.querySelector(".embed-title");
        if (!svg) return { w: 0, h: 0, narrow: null, chrome };
        const r = svg.getBoundingClientRect();
        return { w: Math.round(r.width), h: Math.round(r.height), narrow: !!svg.closest(".chart-narrow"), texts: svg.querySelectorAll("text").length, paths: svg.querySelectorAll("path").length, chrome, title: title && seen(title) ? title.textContent : "" };
      });
      check(shown.w > Math.min(width, 700) * 0.7 && shown.h > 100 && shown.texts > 3, `${what} embed at ${width}px shows its drawing: ${JSON.stringify(shown)}`);
      check(shown.chrome.length === 0, `${what} embed at ${width}px shows the figure alone: ${shown.chrome.join(", ")}`);
      check(shown.title.length > 5, `${what} embed at ${width}px shows the chart's title: ${shown.title}`);
      if (what === "chart") check((width === 360) === shown.narrow, `chart embed at ${width}px shows the ${width === 360 ? "narrow" : "wide"} drawing`);
      else check(shown.paths >= 60, `map embed at ${width}px draws the provinces (${shown.paths} paths)`);
      const back = frame.locator("figure:target figcaption a").last();
      check(await back.getAttribute("href") === "index.html" && await back.getAttribute("target") === "_top", `${what} embed links back to its page, in the reader's window`);
      const inner = await frame.locator("body").evaluate((b) => b.ownerDocument.documentElement.scrollWidth <= b.ownerDocument.documentElement.clientWidth);
      check(inner, `${what} embed at ${width}px does not scroll sideways inside its frame`);
    }
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
    check(scroll, `the page with the embeds does not scroll sideways at ${width}px`);
    check(errors.length === 0, `embeds at ${width}px: no console errors: ${errors.join(" | ")}`);
    await context.close();
  }
}

// 6. Print. The province brief fits two A4 pages: for the provinces with the longest commentary
// (read from content/), a merged province with two unit sets and its predecessors, and the
// variant whose commentary is very long, which is cut on paper with a line giving the page's
// address. The annual report of every edition prints without navigation, a full table starting
// a page, no row lost, the regions' table whole on one page.
{
  const dir = mkdtempSync(path.join(os.tmpdir(), "chiso-print-"));
  const pagesOf = (pdf) => Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))[1]);
  const textOf = (pdf, n) => execFileSync("pdftotext", ["-layout", "-f", String(n), "-l", String(n), pdf, "-"], { encoding: "utf8" });
  const flat = (t) => t.replace(/\s+/g, " ").trim();
  const words = (file) => readFileSync(file, "utf8").split("+++").slice(2).join("+++").split(/\s+/).filter(Boolean).length;
  const longest = (suffix) => readdirSync(path.join(root, "content", "commentary", "tinh"))
    .filter((f) => (suffix ? f.endsWith(".en.md") : f.endsWith(".md") && !f.endsWith(".en.md")))
    .map((f) => [words(path.join(root, "content", "commentary", "tinh", f)), f.replace(/(\.en)?\.md$/, "")]).sort((a, b) => b[0] - a[0])[0][1];
  const briefs = [
    [base + `tinh/${longest("")}/index.html`, "longest commentary (vi)"],
    [base + `en/province/${longest(".en")}/index.html`, "longest commentary (en)"],
    [base + "tinh/quang-ngai/index.html", "quang-ngai"],
    [base + "tinh/ho-chi-minh/index.html", "merged province (vi)"],
    [base + "en/province/ho-chi-minh/index.html", "merged province (en)"],
    [long.origin + "/tinh/ho-chi-minh/", "very long commentary (vi)", true],
    [long.origin + "/en/province/ho-chi-minh/", "very long commentary (en)", true],
  ];
  const editions = readdirSync(path.join(site, "xep-hang"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  check(editions.length >= 6, `annual reports of ${editions.length} editions`);
  const reports = [...editions.map((e) => [base + `xep-hang/${e}/index.html`, `report ${e}`]), [base + "en/ranking/2023/index.html", "report 2023 (en)"]];
  const { context, page } = await newPage(1280);
  let k = 0;
  for (const [url, what, veryLong] of [...briefs, ...reports]) {
    const report = what.startsWith("report");
    await page.goto(url, { waitUntil: "load" });
    await page.emulateMedia({ media: "print" });
    const hidden = await page.evaluate(() => [".site-header", ".site-footer", ".fig-dl", ".embed", "nav", ".sort-icon", "section[aria-labelledby=dl-h]"].every((s) =>
      [...document.querySelectorAll(s)].every((el) => el.getBoundingClientRect().height === 0)));
    check(hidden, `print ${what}: no navigation, downloads, sort buttons or embed code`);
    // Chart text on paper: laid out at the width of an A4 page inside its margins (182 mm =
    // 688 CSS px), every printed chart label is at least 8 pt (10.67 CSS px).
    await page.setViewportSize({ width: 688, height: 1000 });
    const printed = await page.evaluate(() => {
      const tiny = [];
      for (const t of document.querySelectorAll("svg.chart text")) {
        if (!t.getBoundingClientRect().width || !t.textContent.trim()) continue;
        const m = t.getScreenCTM();
        const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
        if (px < 10.66) tiny.push(`${t.textContent.trim().slice(0, 16)}=${(px * 0.75).toFixed(1)}pt`);
      }
      const charts = [...document.querySelectorAll("svg.chart")].filter((s) => s.getBoundingClientRect().width > 0).length;
      const c = document.querySelector(".commentary");
      const cut = c ? c.scrollHeight > c.clientHeight + 2 : false;
      const more = document.querySelector(".continued");
      const moreShown = !!more && more.getBoundingClientRect().height > 0;
      const last = c ? c.textContent.trim().split(/\s+/).slice(-6).join(" ") : "";
      const history = !!document.querySelector("table.history") && document.querySelector("table.history").getBoundingClientRect().height > 0;
      const table = document.querySelector("table.ranking");
      // Each row by its name and value (the name's link text, the value cell without marks).
      const rows = table ? [...table.tBodies[0].rows].map((r) => [r.querySelector("th[scope=row] a, th[scope=row]").textContent.trim(), (r.querySelector("td.value") || { textContent: "" }).textContent.trim().split(/[†‡\s]/)[0], (r.cells[0].textContent.match(/\d+/) || [""])[0]]) : [];
      const caption = table && table.caption ? table.caption.textContent.trim() : "";
      const regions = document.querySelector("section[aria-labelledby=reg-h] tbody tr:last-child");
      return { tiny, charts, cut, moreShown, moreText: moreShown ? more.textContent : "", last, history, rows, caption,
        regionHeading: regions ? document.getElementById("reg-h").textContent.trim() : "",
        regionRow: regions ? [...regions.cells].map((c) => c.textContent.trim()) : null };
    });
    check(printed.tiny.length === 0, `print ${what}: chart text below 8 pt: ${printed.tiny.slice(0, 5).join(", ")} (${printed.tiny.length})`);
    await page.setViewportSize({ width: 1280, height: 900 });
    const pdf = path.join(dir, `${k++}.pdf`);
    writeFileSync(pdf, await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true }));
    const n = pagesOf(pdf);
    const texts = Array.from({ length: n }, (_, i) => textOf(pdf, i + 1));
    if (!report) {
      check(n === 2, `print ${what}: ${n} A4 page(s), expected 2`);
      check(printed.charts === 2 && printed.history, `print ${what}: two charts (${printed.charts}) and the history table`);
      // A commentary is printed whole, or cut with a line that sends the reader to the page.
      if (printed.cut) check(printed.moreShown && printed.moreText.includes(veryLong ? long.origin : base), `print ${what}: the cut commentary ends with the page's address: ${printed.moreText}`);
      else check(flat(texts.join(" ")).includes(flat(printed.last)), `print ${what}: the commentary is printed whole (ends "${printed.last}")`);
      if (veryLong) check(printed.cut, `print ${what}: the very long commentary is cut`);
    } else {
      check(n >= 1 && n <= 5, `print ${what}: ${n} A4 page(s), expected at most 5`);
      // Rows are found by their name and value on one line of the page's text.
      const quote = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const rowLine = ([name, value, rank]) => new RegExp(`^\\s*${quote(rank)}\\s.*${quote(name)}.*${quote(value)}`);
      const pageOf = (r) => texts.findIndex((t) => t.split("\n").some((l) => rowLine(r).test(l)));
      const lost = printed.rows.filter((r) => pageOf(r) < 0).map((r) => r[0]);
      check(lost.length === 0, `print ${what}: every row of the table is printed (${printed.rows.length}; missing ${lost.slice(0, 3).join(", ")})`);
      if (printed.rows.length >= 30) {
        const first = pageOf(printed.rows[0]);
        const top = first < 0 ? "" : texts[first].split("\n").find((l) => l.trim());
        check(first > 0 && top.includes(printed.caption), `print ${what}: the full table starts a page (page ${first + 1} starts "${top && top.trim()}")`);
      }
      if (printed.regionRow) {
        const heading = texts.findIndex((t) => flat(t).includes(printed.regionHeading));
        const row = new RegExp(printed.regionRow.slice(1).map(quote).join("\\s+"));
        check(heading >= 0 && row.test(texts[heading]), `print ${what}: the regions' table is whole on one page (heading on page ${heading + 1})`);
      }
    }
    await page.emulateMedia({ media: "screen" });
  }
  await context.close();
}

await browser.close();
server.close();
long.server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
