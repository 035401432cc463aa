/* chiso — progressive enhancement only: every page is complete without this file.
   Adds: sortable tables, a region filter on ranking tables, and diacritic-insensitive search. */
(function () {
  "use strict";
  var browser = typeof document !== "undefined";
  var doc = browser ? document.documentElement : null;
  var lang = (doc && doc.lang) || "vi";
  var root = (doc && doc.getAttribute("data-root")) || "";
  var collator = new Intl.Collator(lang === "vi" ? "vi" : "en", { numeric: true });
  var T = lang === "vi"
    ? { all: "Tất cả các vùng", region: "Lọc theo vùng", search: "Tìm tỉnh, chỉ số, bài viết", none: "Không tìm thấy", sort: "Sắp xếp" }
    : { all: "All regions", region: "Filter by region", search: "Search provinces, indicators, pages", none: "Nothing found", sort: "Sort" };

  /** Lower-case, no diacritics, đ → d: the same folding as chiso's text::fold. */
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
  }

  /** Whether every word of the query starts a word of the entry's folded key. */
  function matches(key, query) {
    var words = key.split(/[^a-z0-9]+/);
    return fold(query).split(/[^a-z0-9]+/).filter(Boolean).every(function (q) {
      return words.some(function (w) { return w.indexOf(q) === 0; });
    });
  }
  // Under node (tests), export the matcher instead of touching a page.
  if (!browser) { module.exports = { fold: fold, matches: matches }; return; }

  /* Sortable tables: a button in each header; rows sort by data-sort (numbers) or text. */
  function sortable(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head || !table.tBodies[0]) return;
    Array.prototype.forEach.call(head.cells, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.title = T.sort;
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.cells, function (c) { c.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col], y = b.cells[col];
          var xs = x && x.getAttribute("data-sort"), ys = y && y.getAttribute("data-sort");
          var r;
          if (xs !== null && ys !== null && xs !== "" && ys !== "") r = parseFloat(xs) - parseFloat(ys);
          else if (xs === "" || ys === "") r = (xs === "" ? 1 : 0) - (ys === "" ? 1 : 0);
          else r = collator.compare(x ? x.textContent.trim() : "", y ? y.textContent.trim() : "");
          return asc ? r : -r;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  /* Region filter above a ranking table with a region column. */
  function regionFilter(table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows).filter(function (r) { return r.getAttribute("data-region"); });
    var regions = [];
    rows.forEach(function (r) { var g = r.getAttribute("data-region"); if (regions.indexOf(g) < 0) regions.push(g); });
    if (regions.length < 2) return;
    regions.sort(collator.compare);
    var label = document.createElement("label");
    label.className = "region-filter";
    label.appendChild(document.createTextNode(T.region + " "));
    var select = document.createElement("select");
    [T.all].concat(regions).forEach(function (g, i) {
      var o = document.createElement("option");
      o.value = i === 0 ? "" : g;
      o.textContent = g;
      select.appendChild(o);
    });
    select.addEventListener("change", function () {
      rows.forEach(function (r) { r.hidden = select.value !== "" && r.getAttribute("data-region") !== select.value; });
    });
    label.appendChild(select);
    var wrap = table.closest(".table-scroll") || table;
    wrap.parentNode.insertBefore(label, wrap);
  }

  /* Search: the index is a script (works from disk, where fetch() is not allowed). */
  function search() {
    var box = document.querySelector(".search");
    if (!box) return;
    box.hidden = false;
    var input = box.querySelector("input");
    var list = box.querySelector("ul");
    input.placeholder = T.search;
    var loaded = false;
    function load(then) {
      if (loaded) return then();
      var s = document.createElement("script");
      s.src = root + "search/" + lang + ".js";
      s.onload = function () { loaded = true; then(); };
      document.head.appendChild(s);
    }
    function show() {
      var q = input.value;
      list.innerHTML = "";
      if (fold(q).length < 2) { list.hidden = true; return; }
      // Title matches first (the province itself before pages that mention it).
      var all = (window.CHISO_SEARCH || []).filter(function (e) { return matches(e.k, q); });
      var hits = all.filter(function (e) { return matches(fold(e.t), q); })
        .concat(all.filter(function (e) { return !matches(fold(e.t), q); })).slice(0, 12);
      if (!hits.length) {
        var li = document.createElement("li");
        li.className = "none";
        li.textContent = T.none;
        list.appendChild(li);
      }
      hits.forEach(function (e) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + e.u;
        a.textContent = e.t;
        li.appendChild(a);
        if (e.d) { var d = document.createElement("span"); d.textContent = " " + e.d; li.appendChild(d); }
        list.appendChild(li);
      });
      list.hidden = false;
    }
    input.addEventListener("input", function () { load(show); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { var a = list.querySelector("a"); if (a) { ev.preventDefault(); window.location.href = a.href; } }
      if (ev.key === "Escape") { list.hidden = true; }
    });
  }

  document.querySelectorAll("table.ranking, table.sortable").forEach(function (t) {
    sortable(t);
    if (t.classList.contains("ranking")) regionFilter(t);
  });
  search();

  /* Citation: the page's address and today's date (the build itself has no timestamps). */
  document.querySelectorAll(".cite-url").forEach(function (el) { if (!el.textContent.trim()) el.textContent = window.location.href; });
  document.querySelectorAll(".cite-date").forEach(function (el) {
    el.textContent = new Date().toLocaleDateString(lang === "vi" ? "vi-VN" : "en-GB", { day: "numeric", month: "long", year: "numeric" });
  });
})();
