// The graph page's behaviour: merged edges, in-page filters, search, focus and clustering (vis-network).
// Everything that came from article text reaches the page as JSON and is shown through textContent only.
(function () {
  "use strict";
  const t0 = performance.now();
  const data = JSON.parse(document.getElementById("nkg-data").textContent);
  const DIM_NODE = {background: "#e4e4e4", border: "#d0d0d0"};
  const DIM_EDGE = {color: "#dddddd", highlight: "#dddddd", hover: "#dddddd", opacity: 0.5};
  const READABLE_PX = 13;      // on-screen size of node labels at the default zoom (graphs up to 200 nodes)
  const LEGIBLE_MAX = 200;
  const LABEL_PX = 130;        // on-screen width a label wraps at
  const TOOLTIP_QUOTES = 2;    // evidence sentences per relation in a tooltip (the side panel has them all)
  const CLUSTER_SCALE = 0.5;   // large graphs: below this zoom (labels too small to read), communities are one node each
  const details = document.getElementById("nkg-details");

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function byName(name) { return document.querySelectorAll("#nkg-legend input[name=" + name + "]"); }

  const nodeById = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  const degree = new Map();
  data.relations.forEach(function (r) {
    [r.from, r.to].forEach(function (id) { degree.set(id, (degree.get(id) || 0) + 1); });
  });

  // ---- months of the date slider: every month from the first to the last dated statement
  const months = (function () {
    let lo = null, hi = null;
    data.relations.forEach(function (r) {
      r.st.forEach(function (s) {
        if (s[0]) { lo = !lo || s[0] < lo ? s[0] : lo; hi = !hi || s[0] > hi ? s[0] : hi; }
      });
    });
    if (!lo) { return []; }
    const out = [];
    let y = Number(lo.slice(0, 4)), m = Number(lo.slice(5, 7));
    for (;;) {
      const month = String(y).padStart(4, "0") + "-" + String(m).padStart(2, "0");
      out.push(month);
      if (month >= hi.slice(0, 7)) { return out; }
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
  })();
  const maxArticles = data.relations.reduce(function (best, r) {
    return Math.max(best, new Set(r.st.map(function (s, i) { return s[2] === null ? "s" + i : s[2]; })).size);
  }, 1);

  const state = {
    cls: new Set(), quad: new Set(), relation: new Set(),
    from: 0, to: Math.max(0, months.length - 1), minConf: 0, minArticles: 1,
    focus: null, hops: 1, near: null, hover: null, expanded: new Set(), clustered: false, bends: new Map(),
  };

  // ---- filters: which statements of a relation pass, and what they add up to
  function measure(rel) {
    if (!state.quad.has(rel.quad) || !state.relation.has(rel.relation)) { return null; }
    if (!state.cls.has(nodeById.get(rel.from).cls) || !state.cls.has(nodeById.get(rel.to).cls)) { return null; }
    const dated = months.length && (state.from > 0 || state.to < months.length - 1);
    const lo = dated ? months[state.from] + "-01" : null, hi = dated ? months[state.to] + "-31" : null;
    let count = 0, first = null, last = null;
    const articles = new Set(), kept = new Set();
    rel.st.forEach(function (s, i) {
      const day = s[0], conf = s[1];
      if (dated && (!day || day < lo || day > hi)) { return; }
      if (state.minConf > 0 && (conf === null || conf < state.minConf - 1e-9)) { return; }
      count += 1;
      kept.add(i);
      articles.add(s[2] === null ? "s" + i : s[2]);
      if (day) { first = !first || day < first ? day : first; last = !last || day > last ? day : last; }
    });
    if (!count || articles.size < state.minArticles) { return null; }
    return {rel: rel, count: count, articles: articles.size, first: first, last: last, kept: kept};
  }

  function pairKey(a, b) { return a < b ? a + "\u0000" + b : b + "\u0000" + a; }

  function edgeFor(members, pair, index) {
    const lead = members.slice().sort(function (a, b) { return b.articles - a.articles || b.count - a.count; })[0];
    const forward = members.every(function (m) { return m.rel.from === members[0].rel.from; });
    const articles = members.reduce(function (n, m) { return Math.max(n, m.articles); }, 1);
    const colour = data.colours[lead.rel.quad];
    const edge = {
      id: index === undefined ? "p:" + pair : "r:" + members[0].rel.id,
      from: members[0].rel.from, to: members[0].rel.to, pair: pair, members: members,
      text: members.length === 1 ? members[0].rel.relation
        : members.length + " relations: " + members.map(function (m) { return m.rel.relation; }).join(", "),
      base: {color: colour, highlight: colour, hover: colour, opacity: 0.85},
      dashes: members.every(function (m) { return m.rel.quad === "structural"; }),
      width: Math.round((1 + 2.2 * Math.log2(1 + articles)) * 100) / 100,
      arrows: forward ? "to" : "to, from",
      title: el("div", "nkg-tip"),
      label: "",
    };
    edge.color = edge.base;
    if (index !== undefined) { edge.smooth = {enabled: true, type: "curvedCW", roundness: 0.12 + 0.18 * index}; }
    else if (state.bends.has(edge.id)) { edge.smooth = state.bends.get(edge.id); }
    return edge;
  }

  // ---- an edge that passes under an actor it does not link is bent around it, where a bend clears it
  const BENDS = [["curvedCW", 0.25], ["curvedCCW", 0.25], ["curvedCW", 0.5], ["curvedCCW", 0.5]];
  function passesUnder(id) {
    const edge = network.body.edges[id];
    const positions = network.getPositions();
    for (let k = 1; k < 24; k += 1) {
      const p = edge.edgeType.getPoint(k / 24);
      for (const n of network.body.nodeIndices) {
        if (n === edge.fromId || n === edge.toId) { continue; }
        const q = positions[n], r = network.body.nodes[n].options.size + 3;
        if ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y) < r * r) { return true; }
      }
    }
    return false;
  }
  function unbury() {
    if (data.nodes.length > LEGIBLE_MAX) { return; }
    edges.getIds({filter: function (e) { return !e.smooth && e.from !== e.to; }}).forEach(function (id) {
      if (!passesUnder(id)) { return; }
      for (const bend of BENDS) {
        const smooth = {enabled: true, type: bend[0], roundness: bend[1]};
        edges.update({id: id, smooth: smooth});
        if (!passesUnder(id)) { state.bends.set(id, smooth); return; }
      }
      edges.update({id: id, smooth: {enabled: false}});
    });
    window.nkg.bent = state.bends.size;
  }

  function computeEdges() {
    const pairs = new Map();
    data.relations.forEach(function (rel) {
      const m = measure(rel);
      if (!m) { return; }
      const key = pairKey(rel.from, rel.to);
      if (!pairs.has(key)) { pairs.set(key, []); }
      pairs.get(key).push(m);
    });
    const out = [];
    pairs.forEach(function (members, key) {
      if (members.length > 1 && state.expanded.has(key)) {
        members.forEach(function (m, i) { out.push(edgeFor([m], key, i)); });
      } else {
        out.push(edgeFor(members, key));
      }
    });
    return out;
  }

  // ---- the network: nodes through a DataView (hidden by the filters), edges recomputed from the relations
  const shown = new Set();
  data.nodes.forEach(function (n) { n.base = n.color; n.title = el("div", "nkg-tip"); });
  const nodes = new vis.DataSet(data.nodes);
  const nodeView = new vis.DataView(nodes, {filter: function (n) { return shown.has(n.id); }});
  const edges = new vis.DataSet([]);

  function readFilters() {
    ["cls", "quad", "relation"].forEach(function (name) {
      state[name] = new Set(Array.prototype.filter.call(byName(name), function (b) { return b.checked; })
        .map(function (b) { return b.value; }));
    });
    state.from = Number(document.getElementById("nkg-from").value);
    state.to = Number(document.getElementById("nkg-to").value);
    if (state.from > state.to) { state.to = state.from; document.getElementById("nkg-to").value = state.to; }
    state.minConf = Number(document.getElementById("nkg-conf").value);
    state.minArticles = Number(document.getElementById("nkg-corr").value);
    document.getElementById("nkg-from-out").textContent = months[state.from] || "";
    document.getElementById("nkg-to-out").textContent = months[state.to] || "";
    document.getElementById("nkg-conf-out").textContent = state.minConf.toFixed(2);
    document.getElementById("nkg-corr-out").textContent = String(state.minArticles);
  }

  function applyFilters() {
    if (state.clustered) { uncluster(); }
    refilter();
    if (window.nkg.state === "stabilized") { clusterForZoom(); }
  }
  function refilter() {
    readFilters();
    const next = computeEdges();
    const keep = new Set(next.map(function (e) { return e.id; }));
    edges.remove(edges.getIds({filter: function (e) { return !keep.has(e.id); }}));
    edges.update(next);
    const linked = new Set();
    next.forEach(function (e) { linked.add(e.from); linked.add(e.to); });
    shown.clear();
    data.nodes.forEach(function (n) {
      if (state.cls.has(n.cls) && (linked.has(n.id) || !degree.get(n.id))) { shown.add(n.id); }
    });
    nodeView.refresh();
    if (state.focus && !shown.has(state.focus)) { setFocus(null); details.hidden = true; }
    restyle();
    if (state.focus) { focusPanel(state.focus); }  // the panel follows the filters
    const summary = document.getElementById("nkg-summary");
    summary.textContent = "showing " + plural(shown.size, "actor") + " and " + plural(next.length, "edge") +
      " of " + data.nodes.length + " actors and " + data.relations.length + " relations (asserted statements only)";
  }

  // ---- focus and hover: dim all but the neighbourhood, show the labels of its edges
  function adjacency() {
    const adj = new Map();
    edges.forEach(function (e) {
      [[e.from, e.to], [e.to, e.from]].forEach(function (p) {
        if (!adj.has(p[0])) { adj.set(p[0], []); }
        adj.get(p[0]).push(p[1]);
      });
    });
    return adj;
  }
  function neighbourhood(id, hops) {
    const adj = adjacency();
    const seen = new Set([id]);
    let frontier = [id];
    for (let h = 0; h < hops; h += 1) {
      const next = [];
      frontier.forEach(function (n) {
        (adj.get(n) || []).forEach(function (m) { if (!seen.has(m)) { seen.add(m); next.push(m); } });
      });
      frontier = next;
    }
    return seen;
  }
  function restyle() {
    state.near = state.focus ? neighbourhood(state.focus, state.hops) : null;
    const near = state.near;
    const nodeChanges = [];
    nodes.forEach(function (n) {
      const colour = near && !near.has(n.id) ? DIM_NODE : n.base;
      const font = {color: near && !near.has(n.id) ? "#c8c8c8" : "#222222"};
      if (n.color !== colour) { nodeChanges.push({id: n.id, color: colour, font: font}); }
    });
    nodes.update(nodeChanges);
    const edgeChanges = [];
    edges.forEach(function (e) {
      const inside = !near || (near.has(e.from) && near.has(e.to));
      const hovered = state.hover && (state.hover === e.id || state.hover === e.from || state.hover === e.to);
      const label = (near && inside) || hovered || e.id.slice(0, 2) === "r:" ? e.text : "";
      const colour = inside ? e.base : DIM_EDGE;
      if (e.label !== label || e.color !== colour) { edgeChanges.push({id: e.id, label: label, color: colour}); }
    });
    edges.update(edgeChanges);
  }

  // ---- tooltips and the side panel, built as DOM from text
  function articleCite(a, eventDay) {
    const article = a === null ? null : data.articles[a];
    const parts = [];
    if (article) {
      parts.push(article.title);
      if (article.date) { parts.push("published " + article.date); }
    }
    if (eventDay && (!article || eventDay !== article.date)) { parts.push("event date " + eventDay); }
    return el("cite", null, parts.join(" \u00b7 "));
  }
  function relationBlock(m, parent, quotes) {
    const rel = m.rel;
    const head = nodeById.get(rel.from).label + " \u2192 " + rel.relation + " \u2192 " + nodeById.get(rel.to).label;
    parent.appendChild(el("div", "nkg-tip-head", head));
    const span = [m.first, m.last].filter(Boolean).filter(function (d, i, a) { return a.indexOf(d) === i; });
    const meta = [rel.quad === "structural" ? "structural relation" : rel.quad.replace(/([A-Z])/g, " $1").toLowerCase(),
      plural(m.count, "statement") + " in " + plural(m.articles, "article")];
    if (span.length) { meta.push(span.join(" \u2013 ")); }
    parent.appendChild(el("div", "nkg-tip-meta", meta.join(" \u00b7 ")));
    const evidence = rel.ev.filter(function (ev) { return m.kept.has(ev[3]); });  // of the statements shown
    evidence.slice(0, quotes || evidence.length).forEach(function (ev) {
      const q = el("blockquote", null, ev[0]);
      q.appendChild(articleCite(ev[1], ev[2]));
      parent.appendChild(q);
    });
    if (quotes && evidence.length > quotes) {
      parent.appendChild(el("div", "nkg-tip-meta", "+" + (evidence.length - quotes) + " more: click the edge"));
    }
  }
  function edgeTip(e, target, quotes) {
    target.textContent = "";
    e.members.forEach(function (m) { relationBlock(m, target, quotes); });
    return target;
  }
  function relationsOf(id) {
    const groups = new Map();
    edges.forEach(function (e) {
      if (e.from !== id && e.to !== id) { return; }
      e.members.forEach(function (m) {
        if (!groups.has(m.rel.relation)) { groups.set(m.rel.relation, []); }
        groups.get(m.rel.relation).push(m);
      });
    });
    return Array.from(groups.entries()).sort(function (a, b) { return b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1); });
  }
  function nodeTip(n, target, groups) {
    target.textContent = "";
    const t = n.tip;
    target.appendChild(el("div", "nkg-tip-head", t.label));
    target.appendChild(el("div", "nkg-tip-meta", t.meta));
    if (t.qid && /^Q[0-9]+$/.test(t.qid)) {
      const a = el("a", null, "Wikidata " + t.qid);
      a.href = "https://www.wikidata.org/wiki/" + t.qid;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      target.appendChild(a);
    }
    if (t.aliases && t.aliases.length) { target.appendChild(el("div", "nkg-tip-meta", "also: " + t.aliases.join(", "))); }
    if (groups) {
      target.appendChild(el("div", "nkg-tip-meta", groups.map(function (g) { return g[0] + " (" + g[1].length + ")"; })
        .join(", ") || "no relation shown"));
    }
    return target;
  }

  function pin(content) {
    details.textContent = "";
    const close = el("button", "close", "\u00d7");
    close.type = "button";
    close.title = "close";
    close.addEventListener("click", function () { details.hidden = true; setFocus(null); });
    details.appendChild(close);
    details.appendChild(content);
    details.hidden = false;
  }
  function focusPanel(id) {
    const n = nodeById.get(id);
    const box = el("div", "nkg-tip nkg-focus");
    const groups = relationsOf(id);
    nodeTip(n, box, null);
    const partners = new Set();
    groups.forEach(function (g) { g[1].forEach(function (m) { partners.add(m.rel.from === id ? m.rel.to : m.rel.from); }); });
    box.appendChild(el("div", "nkg-tip-meta", plural(groups.reduce(function (k, g) { return k + g[1].length; }, 0), "relation") +
      " with " + plural(partners.size, "actor") + "; showing " + plural(state.near.size - 1, "actor") +
      " within " + plural(state.hops, "hop") + " (double-click for one more)"));
    groups.forEach(function (g, i) {
      const section = el("details", "nkg-group");
      section.open = i < 3;
      section.dataset.relation = g[0];
      section.appendChild(el("summary", null, g[0] + " (" + g[1].length + ")"));
      g[1].forEach(function (m) { relationBlock(m, section); });
      box.appendChild(section);
    });
    pin(box);
  }

  function setFocus(id, hops) {
    state.focus = id;
    state.hops = hops || 1;
    restyle();
    if (id) { focusPanel(id); }
    window.nkg.focus = id ? {id: id, hops: state.hops, near: Array.from(state.near)} : null;
  }

  // ---- clustering of large graphs when zoomed out
  function uncluster() {
    const where = {releaseFunction: function (_centre, positions) { return positions; }};  // back where they were
    network.body.nodeIndices.slice().forEach(function (id) { if (network.isCluster(id)) { network.openCluster(id, where); } });
    state.clustered = false;
  }
  function clusterForZoom() {
    if (!data.large) { return; }
    const zoomedOut = network.getScale() < CLUSTER_SCALE;
    if (zoomedOut && !state.clustered) {
      const groups = new Map();
      nodeView.forEach(function (n) {
        if (n.community === null || n.community === undefined) { return; }
        if (!groups.has(n.community)) { groups.set(n.community, []); }
        groups.get(n.community).push(n);
      });
      const fontSize = Math.round(READABLE_PX / network.getScale());
      groups.forEach(function (members, c) {
        if (members.length < 3) { return; }
        const lead = members.reduce(function (a, b) { return b.size > a.size ? b : a; });
        network.cluster({
          joinCondition: function (o) { return nodeById.get(o.id) && nodeById.get(o.id).community === c && shown.has(o.id); },
          clusterNodeProperties: {
            id: "cluster:" + c, label: lead.label + " +" + (members.length - 1), shape: "dot",
            size: (6 + 2 * Math.sqrt(members.length)) / network.getScale(), color: {background: "#d5dde8", border: "#6f86a6"},
            borderWidth: 2, font: {size: fontSize}, members: members.length,
          },
          clusterEdgeProperties: {color: {color: "#b8b8b8", opacity: 0.5}, label: ""},
        });
      });
      state.clustered = true;
    } else if (!zoomedOut && state.clustered) {
      uncluster();
    }
    window.nkg.clusters = network.body.nodeIndices.filter(function (id) { return network.isCluster(id); }).length;
  }

  // ---- search: names and aliases, suggested by a datalist, jump and zoom to the actor
  const names = new Map();
  const list = document.getElementById("nkg-names");
  data.nodes.slice().sort(function (a, b) { return b.size - a.size; }).forEach(function (n) {
    [n.label].concat(n.tip.aliases || []).forEach(function (name, i) {
      const key = String(name).toLowerCase();
      if (names.has(key)) { return; }
      names.set(key, n.id);
      const option = el("option");
      option.value = String(name);
      if (i) { option.label = name + " \u2192 " + n.label; }
      list.appendChild(option);
    });
  });
  function find(text) {
    const key = text.trim().toLowerCase();
    if (!key) { return null; }
    if (names.has(key)) { return names.get(key); }
    for (const [name, id] of names) { if (name.indexOf(key) === 0) { return id; } }
    for (const [name, id] of names) { if (name.indexOf(key) >= 0) { return id; } }
    return null;
  }
  function jump(id) {
    const note = document.getElementById("nkg-search-note");
    if (!nodeById.has(id)) { note.textContent = "no actor matches"; return; }
    if (!shown.has(id)) { note.textContent = nodeById.get(id).label + " is hidden by the filters"; return; }
    note.textContent = "";
    const scale = Math.max(network.getScale(), window.nkg.baseScale * 1.6, data.large ? 1.0 : 0);
    network.moveTo({scale: scale});
    clusterForZoom();
    network.selectNodes([id]);
    setFocus(id, 1);
    const panel = details.hidden ? 0 : details.offsetWidth + 10;  // centre it in the part the panel leaves
    network.focus(id, {scale: scale, offset: {x: -panel / 2, y: 0},
      animation: {duration: 300, easingFunction: "easeInOutQuad"}});
  }
  const search = document.getElementById("nkg-search");
  search.addEventListener("input", function () {
    const id = names.get(search.value.trim().toLowerCase());
    if (id) { jump(id); }
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") { return; }
    jump(find(search.value));
  });

  // ---- the filter controls
  const fromBox = document.getElementById("nkg-from"), toBox = document.getElementById("nkg-to");
  [fromBox, toBox].forEach(function (box) {
    box.max = String(Math.max(0, months.length - 1));
    box.disabled = months.length < 2;
  });
  toBox.value = toBox.max;
  const corr = document.getElementById("nkg-corr");
  corr.max = String(maxArticles);
  corr.disabled = maxArticles < 2;
  document.getElementById("nkg-legend").addEventListener("input", function (ev) {
    if (ev.target !== search) { applyFilters(); }
  });
  document.getElementById("nkg-reset").addEventListener("click", function () {
    document.querySelectorAll("#nkg-legend input[type=checkbox]").forEach(function (b) { b.checked = true; });
    fromBox.value = "0";
    toBox.value = toBox.max;
    document.getElementById("nkg-conf").value = "0";
    corr.value = "1";
    state.expanded.clear();
    applyFilters();
  });

  // ---- build and draw
  refilter();
  const container = document.getElementById("nkg-network");
  const network = new vis.Network(container, {nodes: nodeView, edges: edges}, data.options);
  window.network = network;
  window.nkg = {nodes: nodes, edges: edges, nodeView: nodeView, state: "drawing", events: [], focus: null, baseScale: 1,
    clusters: 0, months: months, timing: {start: t0}};
  window.nkg.find = find;
  window.nkg.jump = jump;
  window.nkg.zoom = function (scale) { network.moveTo({scale: scale}); clusterForZoom(); };
  window.nkg.timing.built = performance.now();

  network.on("hoverNode", function (p) {
    const n = nodeById.get(p.node);
    if (n) { nodeTip(n, n.title, relationsOf(p.node)); state.hover = p.node; restyle(); }
  });
  network.on("hoverEdge", function (p) {
    const e = edges.get(p.edge);
    if (e) { edgeTip(e, e.title, TOOLTIP_QUOTES); state.hover = p.edge; restyle(); }
  });
  network.on("blurNode", function () { state.hover = null; restyle(); });
  network.on("blurEdge", function () { state.hover = null; restyle(); });
  network.on("click", function (p) {
    if (p.nodes.length && network.isCluster(p.nodes[0])) {
      network.focus(p.nodes[0], {scale: CLUSTER_SCALE * 1.5});
      clusterForZoom();
    } else if (p.nodes.length) {
      setFocus(p.nodes[0], p.nodes[0] === state.focus ? state.hops : 1);
    } else if (p.edges.length && edges.get(p.edges[0])) {
      const e = edges.get(p.edges[0]);
      if (e.members.length > 1) { state.expanded.add(e.pair); applyFilters(); }
      pin(edgeTip(e, el("div", "nkg-tip")));
    } else {
      details.hidden = true;
      setFocus(null);
    }
  });
  network.on("doubleClick", function (p) {
    if (p.nodes.length && !network.isCluster(p.nodes[0])) {
      setFocus(p.nodes[0], p.nodes[0] === state.focus ? state.hops + 1 : 2);
    } else if (p.edges.length && edges.get(p.edges[0]) && edges.get(p.edges[0]).id.slice(0, 2) === "r:") {
      state.expanded.delete(edges.get(p.edges[0]).pair);
      applyFilters();
    }
  });
  network.on("zoom", clusterForZoom);

  function legible() {
    if (data.nodes.length > LEGIBLE_MAX) { return; }
    const scale = network.getScale();
    network.setOptions({
      nodes: {font: {size: Math.min(72, Math.max(14, READABLE_PX / scale))},
        widthConstraint: {maximum: LABEL_PX / Math.min(1, scale)}},  // long names wrap onto two lines
      edges: {font: {size: Math.min(66, Math.max(12, (READABLE_PX - 1) / scale))}},
    });
  }
  function ready() {
    if (window.nkg.state === "stabilized") { return; }
    network.setOptions({physics: {enabled: false}});
    window.nkg.baseScale = network.getScale();
    legible();
    unbury();
    clusterForZoom();
    window.nkg.state = "stabilized";
    window.nkg.timing.stabilized = performance.now();
    document.body.setAttribute("data-state", "stabilized");
  }
  if (data.options.physics.enabled && data.nodes.length) {
    network.once("stabilizationIterationsDone", function () {
      window.nkg.events.push("stabilizationIterationsDone");
      ready();
    });
  } else {
    network.once("afterDrawing", ready);
    network.redraw();
  }
})();
