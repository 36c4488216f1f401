/* kg viewer: draws the JSON in #kg-data with vis-network and wires search, filters and the details panel.
 * Every string from the text reaches the page through textContent (or vis tooltips, which use innerText). */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var viewer = (window.kgViewer = { ready: false, readyAt: null, data: data });
  var state = { hiddenTypes: new Set(), hiddenRelations: new Set(), ego: null };
  var nodeById = new Map();
  var edgeById = new Map();
  var edgesOf = new Map();
  data.nodes.forEach(function (n) {
    nodeById.set(n.id, n);
    edgesOf.set(n.id, []);
  });
  data.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    if (edgesOf.has(e.from)) edgesOf.get(e.from).push(e);
    if (e.to !== e.from && edgesOf.has(e.to)) edgesOf.get(e.to).push(e);
  });

  // ------------------------------------------------------------------ small DOM helpers (text only)
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function info(id) { return data.info[id] || {}; }
  function style(type) { return data.styles[type] || { color: "#8a8f98", glyph: "●", label_zh: type, label_en: type }; }
  function relation(type) { return data.relations[type] || { label_zh: type, label_en: type }; }
  function article(index) {
    var row = data.articles[index];
    return row ? { id: row[0], headline: row[1], date: row[2] } : null;
  }
  function typeName(type) { var s = style(type); return s.label_zh + " · " + s.label_en; }

  // ------------------------------------------------------------------ tooltips (plain strings)
  data.nodes.forEach(function (n) {
    var details = info(n.id);
    var lines = [n.label, typeName(n.group) + (details.subtype ? " (" + details.subtype + ")" : "")];
    if (details.aliases && details.aliases.length) lines.push("别名: " + details.aliases.slice(0, 6).join("、"));
    (details.posts || []).slice(0, 3).forEach(function (p) {
      lines.push("职务: " + (p.title || "") + (p.org_label ? " · " + p.org_label : ""));
    });
    if (details.division_code) lines.push("区划代码: " + details.division_code);
    if (details.date) lines.push("日期: " + details.date);
    (details.articles || []).slice(0, 3).forEach(function (i) {
      var a = article(i);
      if (a) lines.push("· " + (a.date ? a.date + " " : "") + a.headline);
    });
    if (details.articles && details.articles.length > 3) lines.push("… " + details.articles.length + " articles");
    n.title = lines.join("\n");
  });
  data.edges.forEach(function (e) {
    var r = relation(e.kgType);
    var from = nodeById.get(e.from), to = nodeById.get(e.to);
    e.title = (from ? from.label : e.from) + " → " + r.label_zh + " / " + r.label_en + " → " + (to ? to.label : e.to);
  });

  // ------------------------------------------------------------------ network with filtered views
  function nodeShown(n) {
    return !!n && !state.hiddenTypes.has(n.group) && (!state.ego || state.ego.has(n.id));
  }
  var container = document.getElementById("kg-network");
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodeView = new vis.DataView(nodes, { filter: nodeShown });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      return !state.hiddenRelations.has(e.kgType) && nodeShown(nodeById.get(e.from)) && nodeShown(nodeById.get(e.to));
    },
  });
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  viewer.network = network;

  function markReady() {
    if (viewer.ready) return;
    viewer.ready = true;
    viewer.readyAt = performance.now();
    document.documentElement.setAttribute("data-kg-ready", "true");
    updateStatus();
  }
  if (data.nodes.length === 0) {
    container.appendChild(el("p", "没有可显示的实体 · No entities to show.", "kg-hint"));
    markReady();
  } else {
    network.once("afterDrawing", function () {
      network.fit(); // the canvas has its final size now
      markReady();
    });
  }

  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    updateStatus();
  }
  viewer.drawnCounts = function () {
    return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
  };

  // ------------------------------------------------------------------ status line and scope
  var statusBox = document.getElementById("kg-status");
  function updateStatus() {
    var text = "实体 " + nodeView.length + " / " + data.nodes.length + " · 关系 " + edgeView.length + " / " +
      data.edges.length;
    if (!viewer.ready) text += " · 布局中 laying out…";
    statusBox.textContent = text;
  }
  (function scope() {
    var s = data.meta.summary || {};
    var box = document.getElementById("kg-scope");
    if (s.focus && s.focus.length) box.appendChild(el("p", "中心 ego: " + s.focus.join("、") + " · " + s.hops + " 跳 hops"));
    if (s.min_degree) box.appendChild(el("p", "最小度 min degree: " + s.min_degree));
    if (s.total_nodes !== undefined && s.shown_nodes < s.total_nodes) {
      box.appendChild(el("p", "显示 shown " + s.shown_nodes + " / " + s.total_nodes + " 实体 entities, " +
        s.shown_edges + " / " + s.total_edges + " 关系 relations"));
    }
  })();
  updateStatus();

  // ------------------------------------------------------------------ filters with a legend
  function countBy(items, key) {
    var counts = new Map();
    items.forEach(function (item) { counts.set(item[key], (counts.get(item[key]) || 0) + 1); });
    return counts;
  }
  function checkbox(list, glyph, color, label, count, onChange, dataset) {
    var li = el("li");
    var lab = el("label");
    var input = el("input");
    input.type = "checkbox";
    input.checked = true;
    Object.keys(dataset).forEach(function (k) { input.dataset[k] = dataset[k]; });
    input.addEventListener("change", function () { onChange(input.checked); });
    lab.appendChild(input);
    var g = el("span", glyph, "kg-glyph");
    g.style.color = color;
    lab.appendChild(g);
    lab.appendChild(el("span", label));
    lab.appendChild(el("span", String(count), "kg-count"));
    li.appendChild(lab);
    list.appendChild(li);
    return input;
  }
  var typeInputs = new Map();
  var typeCounts = countBy(data.nodes, "group");
  Object.keys(data.styles).forEach(function (type) {
    var s = style(type);
    typeInputs.set(type, checkbox(document.getElementById("kg-type-filters"), s.glyph, s.color, typeName(type),
      typeCounts.get(type) || 0, function (on) {
        if (on) state.hiddenTypes.delete(type); else state.hiddenTypes.add(type);
        refresh();
      }, { type: type }));
  });
  var relationCounts = countBy(data.edges, "kgType");
  Object.keys(data.relations).forEach(function (type) {
    var r = relation(type);
    checkbox(document.getElementById("kg-relation-filters"), "→", "#6e7781", r.label_zh + " · " + r.label_en,
      relationCounts.get(type) || 0, function (on) {
        if (on) state.hiddenRelations.delete(type); else state.hiddenRelations.add(type);
        refresh();
      }, { relation: type });
  });

  // ------------------------------------------------------------------ details panel
  var panel = document.getElementById("kg-details");
  function clearPanel() { while (panel.firstChild) panel.removeChild(panel.firstChild); }
  function link(text, onClick) {
    var b = el("button", text, "kg-link");
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  function nodeLink(id, fallback) {
    var n = nodeById.get(id);
    if (!n) return el("span", fallback || id);
    return link(n.label, function () { selectNode(id); });
  }
  function facts(rows) {
    var dl = el("dl", null, "kg-facts");
    rows.forEach(function (row) {
      if (row[1] === undefined || row[1] === null || row[1] === "" ) return;
      dl.appendChild(el("dt", row[0]));
      var dd = el("dd");
      if (row[1] instanceof Node) dd.appendChild(row[1]); else dd.textContent = String(row[1]);
      dl.appendChild(dd);
    });
    return dl;
  }
  function articleItem(index) {
    var a = article(index);
    var li = el("li");
    if (!a) { li.textContent = "?"; return li; }
    if (a.date) li.appendChild(el("span", a.date + " ", "kg-muted"));
    li.appendChild(el("span", a.headline || a.id));
    return li;
  }

  function showNode(id) {
    var n = nodeById.get(id);
    if (!n) return;
    var d = info(id);
    var s = style(n.group);
    clearPanel();
    panel.appendChild(el("h3", n.label));
    var badge = el("span", typeName(n.group) + (d.subtype ? " · " + d.subtype : ""), "kg-badge");
    badge.style.background = s.color;
    panel.appendChild(badge);
    panel.appendChild(facts([
      ["别名 aliases", (d.aliases || []).join("、")],
      ["区划代码 division", d.division_code],
      ["上级 parent", d.parent ? nodeLink(d.parent, d.parent_label || d.parent) : ""],
      ["日期 date", d.date],
      ["金额 amount", d.amount],
      ["提及 mentions", d.mentions],
      ["度 degree", d.degree],
      ["ID", id],
    ]));
    if (d.posts && d.posts.length) {
      panel.appendChild(el("h4", "职务 posts"));
      var posts = el("ul", null, "kg-list");
      d.posts.forEach(function (p) {
        var li = el("li", p.title || "");
        if (p.org_label || p.org) {
          li.appendChild(document.createTextNode(" · "));
          li.appendChild(p.org ? nodeLink(p.org, p.org_label) : el("span", p.org_label));
        }
        posts.appendChild(li);
      });
      panel.appendChild(posts);
    }
    var own = edgesOf.get(id) || [];
    if (own.length) {
      panel.appendChild(el("h4", "关系 relations (" + own.length + ")"));
      var rels = el("ul", null, "kg-list");
      own.slice(0, 80).forEach(function (e) {
        var r = relation(e.kgType);
        var li = el("li");
        var outgoing = e.from === id;
        li.appendChild(link((outgoing ? "→ " : "← ") + r.label_zh + " " + r.label_en, function () { selectEdge(e.id); }));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(nodeLink(outgoing ? e.to : e.from));
        rels.appendChild(li);
      });
      if (own.length > 80) rels.appendChild(el("li", "… " + (own.length - 80) + " more", "kg-muted"));
      panel.appendChild(rels);
    }
    if (d.articles && d.articles.length) {
      panel.appendChild(el("h4", "出现于 articles (" + d.articles.length + ")"));
      var list = el("ul", null, "kg-list");
      d.articles.slice(0, 100).forEach(function (i) { list.appendChild(articleItem(i)); });
      panel.appendChild(list);
    }
    if (d.authored && d.authored.length) {
      panel.appendChild(el("h4", "撰稿 authored"));
      var authored = el("ul", null, "kg-list");
      d.authored.forEach(function (h) { authored.appendChild(el("li", h)); });
      panel.appendChild(authored);
    }
    var ego = el("button", state.ego ? "显示全部 show all" : "只看邻居 neighbours only", "kg-button");
    ego.type = "button";
    ego.addEventListener("click", function () { setEgo(state.ego ? null : id); showNode(id); });
    panel.appendChild(ego);
  }

  function showEdge(edgeId) {
    var e = edgeById.get(edgeId);
    if (!e) return;
    var d = data.edgeInfo[edgeId] || {};
    var r = relation(e.kgType);
    clearPanel();
    var head = el("h3");
    head.appendChild(nodeLink(e.from));
    head.appendChild(document.createTextNode(" → " + r.label_zh + " → "));
    head.appendChild(nodeLink(e.to));
    panel.appendChild(head);
    panel.appendChild(facts([
      ["关系 relation", r.label_zh + " / " + r.label_en + " (" + e.kgType + ")"],
      ["职务 title", d.title],
      ["金额 amount", d.amount],
    ]));
    var evidence = d.evidence || [];
    panel.appendChild(el("h4", "出处 evidence (" + evidence.length + ")"));
    if (!evidence.length) panel.appendChild(el("p", "没有出处 · no evidence recorded", "kg-hint"));
    evidence.forEach(function (ev) {
      var box = el("div", null, "kg-evidence");
      var a = ev.article === null || ev.article === undefined ? null : article(ev.article);
      if (a) {
        var title = el("div");
        title.appendChild(el("strong", a.headline || a.id));
        if (a.date) title.appendChild(el("span", " " + a.date, "kg-muted"));
        box.appendChild(title);
      }
      box.appendChild(el("blockquote", ev.sentence || ""));
      if (ev.rule) box.appendChild(el("div", "rule: " + ev.rule, "kg-muted"));
      panel.appendChild(box);
    });
  }

  function showHint() {
    clearPanel();
    panel.appendChild(el("p", "点击节点或连线查看详情与出处。 Click a node or an edge for details and evidence.", "kg-hint"));
  }

  function reveal(id) {
    var n = nodeById.get(id);
    if (!n) return;
    if (state.hiddenTypes.has(n.group)) {
      state.hiddenTypes.delete(n.group);
      typeInputs.get(n.group).checked = true;
    }
    if (state.ego && !state.ego.has(id)) state.ego = null;
    refresh();
  }
  function selectNode(id) {
    if (!nodeById.has(id)) return;
    reveal(id);
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300 } });
    showNode(id);
  }
  function selectEdge(edgeId) {
    var e = edgeById.get(edgeId);
    if (!e) return;
    reveal(e.from);
    reveal(e.to);
    if (state.hiddenRelations.has(e.kgType)) {
      state.hiddenRelations.delete(e.kgType);
      var box = document.querySelector('input[data-relation="' + CSS.escape(e.kgType) + '"]');
      if (box) box.checked = true;
      refresh();
    }
    network.selectEdges([edgeId]);
    showEdge(edgeId);
  }
  function setEgo(id) {
    if (id === null) {
      state.ego = null;
    } else {
      state.ego = new Set([id]);
      (edgesOf.get(id) || []).forEach(function (e) { state.ego.add(e.from); state.ego.add(e.to); });
    }
    refresh();
    network.fit({ animation: { duration: 300 } });
  }
  viewer.selectNode = selectNode;
  viewer.selectEdge = selectEdge;
  viewer.setEgo = setEgo;

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else showHint();
  });

  // ------------------------------------------------------------------ search by name or alias
  var searchIndex = data.nodes.map(function (n) {
    var names = [n.label].concat(info(n.id).aliases || []);
    return { id: n.id, names: names, folded: names.map(function (x) { return String(x).toLowerCase(); }) };
  });
  function search(query) {
    var q = String(query).trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    searchIndex.forEach(function (entry) {
      var best = -1, matched = null;
      entry.folded.forEach(function (name, i) {
        var rank = name === q ? 0 : name.indexOf(q) === 0 ? 1 : name.indexOf(q) > 0 ? 2 : -1;
        if (rank >= 0 && (best < 0 || rank < best)) { best = rank; matched = entry.names[i]; }
      });
      if (best >= 0) hits.push({ id: entry.id, rank: best, matched: matched });
    });
    hits.sort(function (a, b) {
      var na = nodeById.get(a.id), nb = nodeById.get(b.id);
      return a.rank - b.rank || nb.value - na.value || (na.label < nb.label ? -1 : na.label > nb.label ? 1 : 0);
    });
    return hits.slice(0, 30);
  }
  viewer.search = function (query) { return search(query).map(function (h) { return h.id; }); };

  var input = document.getElementById("kg-search");
  var results = document.getElementById("kg-search-results");
  var current = [];
  var active = 0;
  function renderResults() {
    while (results.firstChild) results.removeChild(results.firstChild);
    results.hidden = current.length === 0 && !input.value.trim();
    if (!current.length && input.value.trim()) results.appendChild(el("li", "无结果 · no match", "kg-muted"));
    current.forEach(function (hit, i) {
      var n = nodeById.get(hit.id);
      var s = style(n.group);
      var li = el("li");
      if (i === active) li.className = "active";
      var g = el("span", s.glyph + " ", "kg-glyph");
      g.style.color = s.color;
      li.appendChild(g);
      li.appendChild(el("span", n.label));
      if (hit.matched !== n.label) li.appendChild(el("span", "(" + hit.matched + ")", "kg-muted"));
      li.appendChild(el("span", s.label_zh, "kg-muted"));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(i); });
      results.appendChild(li);
    });
  }
  function pick(i) {
    var hit = current[i];
    if (!hit) return;
    results.hidden = true;
    selectNode(hit.id);
  }
  input.addEventListener("input", function () {
    current = search(input.value);
    active = 0;
    renderResults();
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); if (!current.length) current = search(input.value); pick(active); }
    else if (ev.key === "ArrowDown") { ev.preventDefault(); active = Math.min(active + 1, current.length - 1); renderResults(); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); active = Math.max(active - 1, 0); renderResults(); }
    else if (ev.key === "Escape") { results.hidden = true; }
  });
  input.addEventListener("blur", function () { results.hidden = true; });
  input.addEventListener("focus", function () { if (current.length) results.hidden = false; });
})();
