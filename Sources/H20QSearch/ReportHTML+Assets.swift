/// The HTML report's style sheet and script, inlined in the page so that it needs no network.
/// The script draws only text nodes (`textContent`, never `innerHTML`): titles and story text
/// from the archive cannot inject markup.
extension ReportHTML {
    static let style = """
        body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:0 16px;color:#222}
        header h1{margin:16px 0 0}nav a{margin-right:12px}section{margin:24px 0}
        #filter{width:100%;font-size:16px;padding:6px 8px;box-sizing:border-box}
        ol#list{padding-left:0;list-style:none}li.cluster{border-bottom:1px solid #ddd;padding:6px 0}
        li.cluster>button{all:unset;cursor:pointer;display:block;width:100%}
        li.cluster .title{font-weight:600}.meta{color:#666;font-size:13px}
        table{border-collapse:collapse;font-size:13px;margin:6px 0}td,th{padding:3px 8px;text-align:left;vertical-align:top}
        tr.member{cursor:pointer}tr.member:hover,tr.member.open{background:#eef4ff}
        .diff{display:grid;grid-template-columns:1fr 1fr;gap:12px;font-size:13px;margin:8px 0 12px}
        .diff>div{border:1px solid #ccc;padding:6px 10px;max-height:480px;overflow:auto}
        .diff h4{margin:2px 0 6px}ins{background:#c8f0c8;text-decoration:none}del{background:#f6c6c6}
        #pager button{margin-right:6px}.note{color:#666;font-size:13px}
        .bar{display:inline-block;height:12px;vertical-align:middle}.first{background:#4a7bd0}.copies{background:#e39b3b}
        """

    static let script = #"""
        (function () {
          "use strict";
          var errors = [];
          function report(message) { errors.push(String(message)); document.body.setAttribute("data-errors", errors.join(" | ")); }
          window.addEventListener("error", function (event) { report(event.message); });
          function el(tag, className, text) {
            var node = document.createElement(tag);
            if (className) node.className = className;
            if (text !== undefined && text !== null) node.textContent = text;
            return node;
          }
          var index = [];
          document.querySelectorAll("script.index").forEach(function (block) {
            var entries = JSON.parse(block.textContent);
            for (var i = 0; i < entries.length; i++) index.push(entries[i]);
          });
          index.forEach(function (c) { c.haystack = (c.title + " " + c.ids.join(" ") + " " + c.sources.join(" ")).toLowerCase(); });
          var summary = JSON.parse(document.getElementById("summary-data").textContent);
          document.getElementById("summary").textContent = summary.clusters + " clusters, " + summary.members + " members";
          var PAGE = 100, page = 0, shown = index;
          var filter = document.getElementById("filter"), list = document.getElementById("list");
          var count = document.getElementById("count"), pager = document.getElementById("pager");

          function applyFilter() {
            var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
            shown = words.length === 0 ? index : index.filter(function (c) {
              return words.every(function (w) { return c.haystack.indexOf(w) >= 0; });
            });
            page = 0;
            render();
          }

          function render() {
            list.textContent = "";
            var start = page * PAGE, end = Math.min(shown.length, start + PAGE);
            count.textContent = shown.length === index.length
              ? index.length + " clusters"
              : shown.length + " of " + index.length + " clusters match";
            for (var i = start; i < end; i++) list.appendChild(clusterItem(shown[i]));
            pager.textContent = "";
            var pages = Math.ceil(shown.length / PAGE);
            if (pages > 1) {
              var back = el("button", null, "Previous"), next = el("button", null, "Next");
              back.disabled = page === 0; next.disabled = page >= pages - 1;
              back.onclick = function () { page--; render(); };
              next.onclick = function () { page++; render(); };
              pager.appendChild(back); pager.appendChild(next);
              pager.appendChild(el("span", "meta", "page " + (page + 1) + " of " + pages));
            }
          }

          function clusterItem(c) {
            var item = el("li", "cluster"), head = el("button");
            head.appendChild(el("span", "title", c.title));
            head.appendChild(el("div", "meta", c.size + " members · cluster " + c.id + " · " + c.sources.join(", ")));
            item.appendChild(head);
            var body = null;
            head.onclick = function () {
              if (body) { item.removeChild(body); body = null; return; }
              body = clusterBody(JSON.parse(document.getElementById("c" + c.n).textContent));
              item.appendChild(body);
            };
            return item;
          }

          function clusterBody(detail) {
            var box = el("div"), table = el("table"), diff = el("div");
            var header = el("tr");
            ["", "similarity", "jaccard", "containment", "published", "source", "id", "what differs"].forEach(function (h) { header.appendChild(el("th", null, h)); });
            table.appendChild(header);
            detail.members.forEach(function (m) {
              var row = el("tr", "member"), d = m.member;
              [d.id === detail.canonical ? "*" : "", d.similarity.toFixed(3), d.jaccard.toFixed(3), d.containment.toFixed(3),
               (d.published || "undated").slice(0, 10), d.source || "-", d.id, d.differences.changes.join("; ")
              ].forEach(function (text) { row.appendChild(el("td", null, text)); });
              row.onclick = function () {
                table.querySelectorAll("tr.open").forEach(function (r) { r.classList.remove("open"); });
                row.classList.add("open");
                diff.textContent = "";
                diff.appendChild(sideBySide(detail, m));
              };
              table.appendChild(row);
            });
            box.appendChild(table); box.appendChild(diff);
            return box;
          }

          // Two columns: the canonical story with deletions marked, the member with insertions.
          function sideBySide(detail, m) {
            var grid = el("div", "diff"), left = el("div"), right = el("div");
            left.appendChild(el("h4", null, "canonical: " + detail.canonical));
            right.appendChild(el("h4", null, m.member.id));
            grid.appendChild(left); grid.appendChild(right);
            if (!m.body) {
              right.appendChild(el("p", "note", m.member.id === detail.canonical ? "the canonical story" : "an exact copy: the same text"));
              draw(left, detail.title, [[0, detail.title.length]], [], true, "h3");
              draw(left, detail.words, [[0, detail.words.length]], detail.paragraphs, true, "p");
              return grid;
            }
            draw(left, detail.title, m.title, [], true, "h3");
            draw(right, detail.title, m.title, [], false, "h3");
            draw(left, detail.words, m.body, detail.paragraphs, true, "p");
            draw(right, detail.words, m.body, detail.paragraphs, false, "p");
            return grid;
          }

          // Writes one side of a diff into `column`: `canonical` draws kept and deleted words,
          // otherwise kept and inserted ones; a new block starts at each paragraph.
          function draw(column, words, runs, paragraphs, canonical, tag) {
            var starts = {};
            paragraphs.forEach(function (p) { starts[p] = true; });
            var block = null, at = 0;
            function open() { block = el(tag); column.appendChild(block); }
            function word(text, mark, breakBefore) {
              if (!block || breakBefore) open();
              else block.appendChild(document.createTextNode(" "));
              block.appendChild(mark ? el(mark, null, text) : document.createTextNode(text));
            }
            runs.forEach(function (run) {
              var kind = run[0];
              if (kind === 0 || (kind === -1 && canonical)) {
                for (var i = 0; i < run[1]; i++, at++) word(words[at], kind === -1 ? "del" : null, at > 0 && starts[at]);
              } else if (kind === -1) {
                at += run[1];
              } else if (!canonical) {
                run[1].split("\n").forEach(function (line, n) {
                  line.split(" ").filter(Boolean).forEach(function (w, k) { word(w, "ins", n > 0 && k === 0); });
                });
              }
            });
          }

          function histogram() {
            var svgNS = "http://www.w3.org/2000/svg", width = 600, height = 180, pad = 28;
            var svg = document.createElementNS(svgNS, "svg");
            svg.setAttribute("width", width); svg.setAttribute("height", height + pad);
            var max = Math.max.apply(null, summary.bins.concat([1])), barWidth = (width - pad) / summary.bins.length;
            summary.bins.forEach(function (n, i) {
              var bar = document.createElementNS(svgNS, "rect"), h = n / max * height;
              bar.setAttribute("x", pad + i * barWidth + 1); bar.setAttribute("y", height - h);
              bar.setAttribute("width", barWidth - 2); bar.setAttribute("height", h);
              bar.setAttribute("fill", i / 20 >= summary.threshold ? "#4a7bd0" : "#e39b3b");
              var tip = document.createElementNS(svgNS, "title");
              tip.textContent = (i / 20).toFixed(2) + "–" + ((i + 1) / 20).toFixed(2) + ": " + n + " members";
              bar.appendChild(tip); svg.appendChild(bar);
            });
            [0, 0.2, 0.4, 0.6, 0.8, 1].forEach(function (x) {
              var label = document.createElementNS(svgNS, "text");
              label.setAttribute("x", pad + x * (width - pad) - 8); label.setAttribute("y", height + 18);
              label.setAttribute("font-size", "11"); label.textContent = x.toFixed(1); svg.appendChild(label);
            });
            var line = document.createElementNS(svgNS, "line"), x = pad + summary.threshold * (width - pad);
            line.setAttribute("x1", x); line.setAttribute("x2", x); line.setAttribute("y1", 0); line.setAttribute("y2", height);
            line.setAttribute("stroke", "#c00"); line.setAttribute("stroke-dasharray", "4 3");
            svg.appendChild(line);
            document.getElementById("histogram").appendChild(svg);
          }

          function sources() {
            var chart = document.getElementById("source-chart"), table = el("table");
            var most = Math.max.apply(null, summary.sources.sources.map(function (s) { return s.stories; }).concat([1]));
            var header = el("tr");
            ["source", "stories", "first published here", "republications", "republications of"].forEach(function (h) { header.appendChild(el("th", null, h)); });
            table.appendChild(header);
            summary.sources.sources.forEach(function (s) {
              var name = s.source === null ? "(no source)" : s.source;
              var line = el("div");
              var first = el("span", "bar first"), copies = el("span", "bar copies");
              first.style.width = (s.firstPublished / most * 300) + "px";
              copies.style.width = (s.republications / most * 300) + "px";
              line.appendChild(first); line.appendChild(copies);
              line.appendChild(el("span", "meta", " " + name + ": " + s.firstPublished + " first, " + s.republications + " republished"));
              chart.appendChild(line);
              var row = el("tr");
              [name, s.stories, s.firstPublished, s.republications,
               s.republicationsOf.map(function (c) { return (c.source === null ? "(no source)" : c.source) + " " + c.count; }).join(", ")
              ].forEach(function (text) { row.appendChild(el("td", null, String(text))); });
              table.appendChild(row);
            });
            document.getElementById("source-table").appendChild(table);
          }

          function compilations() {
            var box = document.getElementById("compilation-list");
            if (summary.compilations.length === 0) box.appendChild(el("p", "note", "No compilations."));
            summary.compilations.forEach(function (c) {
              box.appendChild(el("h3", null, c.title));
              box.appendChild(el("div", "meta", c.id));
              var items = el("ul");
              c.contains.forEach(function (s) { items.appendChild(el("li", null, s.containment.toFixed(2) + "  " + s.title + " (" + s.id + ")")); });
              box.appendChild(items);
            });
          }

          // A link can carry a filter and open a cluster's member: #q=words&cluster=6&member=2.
          var asked = {};
          location.hash.replace(/^#/, "").split("&").forEach(function (part) {
            var pair = part.split("=");
            if (pair.length === 2) asked[pair[0]] = decodeURIComponent(pair[1]);
          });
          filter.addEventListener("input", applyFilter);
          if (asked.q) filter.value = asked.q;
          applyFilter();
          histogram(); sources(); compilations();
          if (asked.cluster) {
            var at = shown.findIndex(function (c) { return String(c.id) === asked.cluster; });
            if (at >= 0) {
              page = Math.floor(at / PAGE); render();
              var item = list.children[at % PAGE];
              item.querySelector("button").click();
              var rows = item.querySelectorAll("tr.member");
              var row = rows[Math.min(rows.length - 1, Number(asked.member || 1))];
              if (row) row.click();
            }
          }
          document.body.setAttribute("data-ready", "true");
          document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
        })();
        """#
}
