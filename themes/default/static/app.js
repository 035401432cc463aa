/* chiso — progressive enhancement only: every page is complete without this file.
   Adds: sortable tables, a region filter on ranking tables, and diacritic-insensitive search. */
(function () {
  "use strict";
  var browser = typeof document !== "undefined";
  var doc = browser ? document.documentElement : null;
  var lang = (doc && doc.lang) || "vi";
  var root = (doc && doc.getAttribute("data-root")) || "";
  var collator = new Intl.Collator(lang, { numeric: true });
  // Interface words come from the page (the theme's i18n files, [js] table): none are written here.
  var island = browser && document.getElementById("chiso-strings");
  var T = {};
  try { T = JSON.parse((island && island.textContent) || "{}"); } catch (e) { T = {}; }
  function w(key) { return T[key] || key; }

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
      if (th.querySelector("a")) {
        // A header that is a link keeps it; a separate button sorts (controls must not nest).
        button.textContent = "⇅";
        button.className = "sort sort-icon";
        button.setAttribute("aria-label", w("sort") + ": " + th.textContent.trim());
        th.appendChild(document.createTextNode(" "));
      } else {
        button.title = w("sort");
        while (th.firstChild) button.appendChild(th.firstChild);
      }
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
          // Rows without a figure stay last in both directions.
          if (xs === "" || ys === "") return (xs === "" ? 1 : 0) - (ys === "" ? 1 : 0);
          if (xs !== null && ys !== null) r = parseFloat(xs) - parseFloat(ys);
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
    label.appendChild(document.createTextNode(w("region") + " "));
    var select = document.createElement("select");
    [w("all")].concat(regions).forEach(function (g, i) {
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
    input.placeholder = w("search");
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
        li.textContent = w("none");
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
    if (t.classList.contains("ranking") && t.querySelector("th.region-col")) regionFilter(t);
  });
  search();

  /* Compare: pick 2–4 units; tables and a line chart are rebuilt from the embedded data. */
  function compare() {
    var form = document.querySelector(".compare-picker");
    var dataEl = document.getElementById("compare-data");
    if (!form || !dataEl) return;
    var data = JSON.parse(dataEl.textContent);
    // The root indicator is listed first; its code names the index's values in `values`.
    var ROOT = data.indicators[0][0];
    var fmt = function (v, places) {
      return v === null || v === undefined ? "—" : v.toLocaleString(w("number_locale"), { minimumFractionDigits: places, maximumFractionDigits: places });
    };
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var fromUrl = (new URLSearchParams(window.location.search).get("u") || "").split(",").filter(function (s) { return data.units[s]; });
    (fromUrl.length ? fromUrl : data["default"]).slice(0, 4).forEach(function (slug, i) { selects[i].value = slug; });
    form.hidden = false;
    function el(tag, attrs, text) {
      var e = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      if (text !== undefined) e.textContent = text;
      return e;
    }
    // Provenance marks (render::provenance): a symbol after a figure, its label for tooltips and
    // screen readers, and one legend line per symbol used.
    var usedMarks = [];
    function mark(sym) {
      var m = (data.marks || {})[sym];
      if (usedMarks.indexOf(sym) < 0) usedMarks.push(sym);
      var e = el("sup", { "class": "mark", title: m ? m[0] : "" }, sym);
      if (m) e.appendChild(el("span", { "class": "sr" }, " (" + m[0] + ")"));
      return e;
    }
    function table(caption, rows, chosen) {
      var wrap = el("div", { "class": "table-scroll", tabindex: "0" });
      var t = el("table", { "class": "plain compare" });
      var head = el("tr");
      head.appendChild(el("th", { scope: "col" }, caption));
      chosen.forEach(function (s) { head.appendChild(el("th", { scope: "col", "class": "num" }, data.units[s].name)); });
      t.appendChild(el("thead")).appendChild(head);
      var body = t.appendChild(el("tbody"));
      rows.forEach(function (r) {
        var tr = body.appendChild(el("tr"));
        tr.appendChild(el("th", { scope: "row" }, r.label));
        r.cells.forEach(function (c) {
          var td = tr.appendChild(el("td", { "class": "num" }));
          var v = td.appendChild(el("span", { "class": "v" }, c[0]));
          if (c[2]) v.appendChild(mark(c[2]));
          if (c[1]) {
            var r = td.appendChild(el("span", { "class": "muted" }, " (" + c[1]));
            if (c[3]) r.appendChild(mark(c[3]));
            r.appendChild(document.createTextNode(")"));
          }
        });
      });
      wrap.appendChild(t);
      return wrap;
    }
    function chart(chosen) {
      var eds = data.editions.filter(function (e) { return chosen.some(function (s) { var v = data.units[s].values[e[0]]; return v && v[ROOT] && v[ROOT][0] !== null; }); });
      if (eds.length < 2) return null;
      // Drawn for the width it is shown at (at most 640), so its text stays at 12 px on a phone.
      var W = Math.round(Math.min(640, Math.max(280, (document.getElementById("compare-result").clientWidth || 640) - 18))), H = 316, L = 48, R = 56, Tp = 16, B = 56, colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"];
      // Time-proportional axis: one slot per year, so a missing year leaves a gap; editions of
      // one year in different unit sets stand side by side in the year's slot.
      var y0 = eds[0][3], y1 = eds[eds.length - 1][3], span = y1 - y0 + 1;
      var slot = (W - L - R) / span;
      var sameYear = function (e) { return eds.filter(function (o) { return o[3] === e[3]; }); };
      var x = function (e) {
        var group = sameYear(e), k = group.indexOf(e);
        return L + slot * (e[3] - y0 + 0.5) + (k - (group.length - 1) / 2) * Math.min(slot * 0.5, 28);
      };
      // The main set has the most editions; the others get hollow marks and no line to it.
      var count = {};
      eds.forEach(function (e) { count[e[4]] = (count[e[4]] || 0) + 1; });
      var main = Object.keys(count).sort(function (a, b) { return count[b] - count[a]; })[0];
      var y = function (v) { return Tp + (1 - v) * (H - Tp - B); };
      var ns = "http://www.w3.org/2000/svg";
      var svg = document.createElementNS(ns, "svg");
      svg.setAttribute("viewBox", "0 0 " + W + " " + H);
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", w("chart").replace("{index}", data.index).replace("{units}", chosen.map(function (s) { return data.units[s].name; }).join(", ")));
      function add(tag, attrs, text) { var e = document.createElementNS(ns, tag); Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); if (text !== undefined) e.textContent = text; svg.appendChild(e); return e; }
      [0, 0.25, 0.5, 0.75, 1].forEach(function (v) {
        add("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#d9dee5" });
        add("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end", "font-size": 12, fill: "#5a6472" }, fmt(v, 2));
      });
      eds.forEach(function (e) {
        // Two editions of one year: the second label goes one line lower.
        var row = sameYear(e).indexOf(e);
        add("text", { x: x(e), y: H - B + 18 + row * 16, "text-anchor": "middle", "font-size": 12, fill: "#5a6472", "data-set": e[4] }, W < 480 ? String(e[3]) : e[1]);
      });
      var drawnMarks = [];
      // A point's mark: a dot, hollow for another unit set; a marked (derived) figure is a
      // diamond instead, so that it reads as different without its symbol.
      function point(p, k, set) {
        var attrs = set === main ? { fill: colours[k] } : { fill: "#fff", stroke: colours[k], "stroke-width": 2 };
        attrs["data-set"] = set;
        attrs["data-unit"] = chosen[k];
        if (p[2]) {
          attrs["data-source"] = "derived";
          attrs.d = "M" + p[0] + "," + (p[1] - 6) + "l6,6l-6,6l-6,-6z";
          return add("path", attrs);
        }
        attrs.cx = p[0]; attrs.cy = p[1]; attrs.r = 4;
        return add("circle", attrs);
      }
      chosen.forEach(function (s, k) {
        // One line per unit set; a year without a value breaks it: no change is drawn across a
        // gap, and never from one unit set to another.
        Object.keys(count).forEach(function (set) {
          // The points of a set drawn without a line (another unit set) stand side by side, one
          // slot per selected unit in the legend's order: two units with close values in that
          // edition would otherwise hide one another.
          var dodge = set === main ? 0 : (k - (chosen.length - 1) / 2) * 10;
          var runs = [[]];
          eds.filter(function (e) { return e[4] === set; }).forEach(function (e) {
            var v = data.units[s].values[e[0]];
            if (v && v[ROOT] && v[ROOT][0] !== null) runs[runs.length - 1].push([x(e) + dodge, y(v[ROOT][0]), v[ROOT][2]]);
            else if (runs[runs.length - 1].length) runs.push([]);
          });
          runs.forEach(function (pts) {
            // A change from or to a marked (derived) figure is itself derived: that segment is dashed.
            pts.slice(1).forEach(function (p, i) {
              var q = pts[i], seg = { x1: q[0], y1: q[1], x2: p[0], y2: p[1], stroke: colours[k], "stroke-width": 2.5, "data-set": set };
              if (p[2] || q[2]) seg["stroke-dasharray"] = "5 4";
              add("line", seg);
            });
            pts.forEach(function (p, i) {
              if (p[2]) {
                // The symbol goes on the side away from the line: left of a run's first point.
                var left = i === 0 && pts.length > 1;
                add("text", { x: p[0] + (left ? -8 : 8), y: p[1] - 6, "text-anchor": left ? "end" : "start", "font-size": 13, "font-weight": "bold", fill: colours[k], "data-mark": p[2] }, p[2]);
                if (drawnMarks.indexOf(p[2]) < 0) drawnMarks.push(p[2]);
              }
              point(p, k, set);
            });
          });
        });
      });
      var fig = el("figure", { "class": "figure" });
      fig.appendChild(svg);
      var cap = el("figcaption", { "class": "legend" });
      chosen.forEach(function (s, k) { var i = el("span", { style: "color:" + colours[k] }, "■ "); cap.appendChild(i); cap.appendChild(document.createTextNode(data.units[s].name + "  ")); });
      // Hollow marks: figures of another unit set, shown beside the main series, never joined.
      var others = eds.filter(function (e) { return e[4] !== main; });
      if (others.length && data.sets_note) {
        cap.appendChild(el("span", { "class": "sets-note" }, "○ " + others.map(function (e) { return e[1]; }).join(", ") + ": " + data.sets_note));
      }
      // What a diamond and its symbol mean, in the words of the tables' legend.
      drawnMarks.forEach(function (sym) {
        var m = (data.marks || {})[sym];
        if (m) cap.appendChild(el("span", { "class": "marks-note" }, "◆ " + sym + " " + m[1]));
      });
      fig.appendChild(cap);
      return fig;
    }
    function render() {
      var chosen = selects.map(function (s) { return s.value; }).filter(function (v, i, a) { return v && a.indexOf(v) === i; });
      var out = document.getElementById("compare-result");
      out.innerHTML = "";
      usedMarks = [];
      if (chosen.length < 2) { out.appendChild(el("p", { "class": "notice" }, w("pick"))); return; }
      var links = out.appendChild(el("p", { "class": "compare-selected" }));
      chosen.forEach(function (s, i) { if (i) links.appendChild(document.createTextNode(" · ")); links.appendChild(el("a", { href: data.units[s].href }, data.units[s].name)); });
      var fig = chart(chosen);
      if (fig) out.appendChild(fig);
      var rows = data.editions.filter(function (e) { return chosen.some(function (s) { return data.units[s].values[e[0]] && data.units[s].values[e[0]][ROOT]; }); }).map(function (e) {
        return { label: e[1], cells: chosen.map(function (s) { var v = (data.units[s].values[e[0]] || {})[ROOT]; return v ? [fmt(v[0], data.places), v[1] ? v[1] + "/" + e[2] : "", v[2], v[3]] : ["—", ""]; }) };
      });
      out.appendChild(el("h2", {}, data.index));
      out.appendChild(table(w("edition"), rows, chosen));
      var last = data.editions.slice().reverse().find(function (e) { return chosen.some(function (s) { var v = data.units[s].values[e[0]]; return v && Object.keys(v).length > 1; }); });
      if (last) {
        var ind = data.indicators.slice(1).filter(function (i) { return chosen.some(function (s) { return (data.units[s].values[last[0]] || {})[i[0]]; }); }).map(function (i) {
          return { label: i[1], cells: chosen.map(function (s) { var v = (data.units[s].values[last[0]] || {})[i[0]]; return v ? [fmt(v[0], data.places), v[1] ? v[1] + "/" + last[2] : "", v[2], v[3]] : ["—", ""]; }) };
        });
        out.appendChild(el("h2", {}, w("indicator") + " — " + last[1]));
        out.appendChild(table(w("indicator"), ind, chosen));
      }
      Object.keys(data.marks || {}).forEach(function (sym) {
        if (usedMarks.indexOf(sym) < 0) return;
        var p = out.appendChild(el("p", { "class": "marks-legend" }));
        p.appendChild(el("span", { "class": "mark", "aria-hidden": "true" }, sym));
        p.appendChild(document.createTextNode(" " + data.marks[sym][1]));
      });
      if (window.history && history.replaceState) history.replaceState(null, "", "?u=" + chosen.join(","));
    }
    selects.forEach(function (s) { s.addEventListener("change", render); });
    render();
  }
  compare();

  /* Citation: the page's address and today's date (the build itself has no timestamps). */
  // Wide tables written in Markdown scroll inside the text column; keyboards must reach them.
  document.querySelectorAll(".prose table").forEach(function (t) { t.tabIndex = 0; });
  // Framed elsewhere (an embed view, page#embed-<name>): links open in the reader's window.
  if (window.top !== window.self) {
    var frameBase = document.createElement("base");
    frameBase.target = "_top";
    document.head.appendChild(frameBase);
  }
  // Embed code: without a base URL the build cannot know the site's address; the page does.
  document.querySelectorAll("textarea.embed-code").forEach(function (ta) {
    var abs = new URL(ta.getAttribute("data-src"), window.location.href).href;
    if (/^https?:/.test(abs)) ta.value = ta.value.replace(/src="[^"]*"/, 'src="' + abs + '"');
    ta.addEventListener("focus", function () { ta.select(); });
  });
  document.querySelectorAll(".cite-url").forEach(function (el) { if (!el.textContent.trim()) el.textContent = window.location.href; });
  document.querySelectorAll(".cite-date").forEach(function (el) {
    el.textContent = new Date().toLocaleDateString(w("date_locale"), { day: "numeric", month: "long", year: "numeric" });
  });
})();
