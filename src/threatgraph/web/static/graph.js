// Relations graph of the dossier page, drawn with the vendored cytoscape.js when JavaScript runs; the list
// under it is the no-JS view of the same data.
//
// Readability first: event relations (typed, directed, dated) are shown; co-occurrence ("named in the same
// articles") is its own kind and off by default; at most MAX_NEIGHBOURS strongest neighbours are drawn; the
// view never zooms out below a scale where labels stay legible (pan to see the rest). Filters: relation kind,
// event type, date window. A click on a node expands its own neighbourhood; "Open dossier" goes there.
(function () {
  "use strict";
  var MAX_NEIGHBOURS = 24;
  var MIN_ZOOM_FOR_LABELS = 0.95;
  var box = document.getElementById("graph");
  var dataEl = document.getElementById("graph-data");
  var controls = document.getElementById("graph-controls");
  if (!box || !dataEl || typeof cytoscape !== "function") return;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  function draw(graph) {
    if (!graph || !graph.nodes || graph.nodes.length === 0) return;
    var centre = box.getAttribute("data-entity");
    var strength = {};
    graph.edges.forEach(function (e) {
      var other = e.source === centre ? e.target : e.source;
      strength[other] = (strength[other] || 0) + (e.kind === "cooccurrence" ? 0.1 : 1) * (e.weight || 1);
    });
    var keep = graph.nodes
      .filter(function (n) { return n.id !== centre; })
      .sort(function (a, b) { return (strength[b.id] || 0) - (strength[a.id] || 0); })
      .slice(0, MAX_NEIGHBOURS)
      .map(function (n) { return n.id; });
    keep.push(centre);
    var keepSet = new Set(keep);
    var elements = [];
    graph.nodes.forEach(function (n) {
      if (!keepSet.has(n.id)) return;
      elements.push({ group: "nodes", data: { id: n.id, label: n.caption || n.id, schema: n.schema || "", centre: n.id === centre ? 1 : 0, depth: 0 } });
    });
    var types = {};
    graph.edges.forEach(function (e, i) {
      if (!keepSet.has(e.source) || !keepSet.has(e.target)) return;
      var kind = e.kind || (e.type === "cooccurrence" ? "cooccurrence" : "event");
      if (kind === "event") types[e.type] = true;
      elements.push({ group: "edges", data: { id: "e" + i, source: e.source, target: e.target, label: kind === "event" ? e.type : "", type: e.type, kind: kind, weight: e.weight || 1, dates: (e.dates || []).join(" ") } });
    });
    var hasEvents = Object.keys(types).length > 0;

    box.hidden = false;
    var cy = cytoscape({
      container: box,
      elements: elements,
      wheelSensitivity: 0.2,
      maxZoom: 2.5,
      minZoom: 0.3,
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 13, "text-wrap": "wrap", "text-max-width": 140, "text-background-color": "#fff", "text-background-opacity": 0.85, "text-background-padding": 2, "background-color": "#6b7687", color: "#1d2330", "text-valign": "bottom", "text-margin-y": 4, width: 20, height: 20 } },
        { selector: "node[schema = 'ArmedGroup'], node[schema = 'Organization'], node[schema = 'Company'], node[schema = 'PublicBody']", style: { "background-color": "#D55E00", shape: "round-rectangle" } },
        { selector: "node[schema = 'Person']", style: { "background-color": "#0072B2", shape: "ellipse" } },
        { selector: "node[schema = 'Country'], node[schema = 'Location']", style: { "background-color": "#009E73", shape: "diamond" } },
        { selector: "node[centre = 1]", style: { "border-width": 4, "border-color": "#1d2330", width: 34, height: 34, "font-weight": "bold", "font-size": 15 } },
        { selector: "node[depth = 1]", style: { opacity: 0.85, width: 14, height: 14, "font-size": 11 } },
        { selector: "edge", style: { width: "mapData(weight, 1, 10, 1.5, 6)", "line-color": "#5d6575", "curve-style": "bezier", "target-arrow-shape": "triangle", "target-arrow-color": "#5d6575", label: "data(label)", "font-size": 11, color: "#1d2330", "text-background-color": "#fafbfc", "text-background-opacity": 0.9, "text-rotation": "autorotate" } },
        { selector: "edge[kind = 'cooccurrence']", style: { "line-style": "dashed", "line-color": "#aab2c0", "target-arrow-shape": "none", label: "", width: 1 } },
        { selector: ".hidden", style: { display: "none" } }
      ]
    });

    function layout() {
      var visible = cy.elements().not(".hidden");
      visible.layout({
        name: "concentric",
        animate: false,
        padding: 30,
        minNodeSpacing: 70,
        concentric: function (n) { return n.data("centre") ? 10 : (n.data("depth") ? 1 : 5); },
        levelWidth: function () { return 4; }
      }).run();
      cy.fit(visible, 30);
      // Never so small that labels cannot be read: keep legible and centre on the actor; panning shows the rest.
      if (cy.zoom() < MIN_ZOOM_FOR_LABELS) {
        cy.zoom(MIN_ZOOM_FOR_LABELS);
        cy.center(cy.getElementById(centre));
      }
    }

    // --- filters ---------------------------------------------------------------------------------------
    var state = { cooccurrence: !hasEvents, types: Object.assign({}, types), from: "", to: "" };
    function inWindow(dates) {
      if (!state.from && !state.to) return true;
      if (!dates) return false;
      return dates.split(" ").some(function (d) { return (!state.from || d >= state.from) && (!state.to || d <= state.to); });
    }
    function apply() {
      cy.batch(function () {
        cy.edges().forEach(function (e) {
          var ok = e.data("kind") === "cooccurrence" ? state.cooccurrence && !state.from && !state.to
            : state.types[e.data("type")] && inWindow(e.data("dates"));
          e.toggleClass("hidden", !ok);
        });
        cy.nodes().forEach(function (n) {
          var ok = n.data("centre") || n.connectedEdges().not(".hidden").length > 0;
          n.toggleClass("hidden", !ok);
        });
      });
      layout();
      if (status) status.textContent = cy.nodes().not(".hidden").length - 1 + " actors, " + cy.edges().not(".hidden").length + " relations shown";
    }

    var status = null;
    if (controls) {
      controls.hidden = false;
      var kinds = el("fieldset", {}); kinds.appendChild(el("legend", {}, "Show"));
      var co = el("input", { type: "checkbox", id: "g-co" }); co.checked = state.cooccurrence;
      co.addEventListener("change", function () { state.cooccurrence = co.checked; apply(); });
      var coLabel = el("label", { for: "g-co" }); coLabel.appendChild(co); coLabel.appendChild(document.createTextNode(" named in the same articles"));
      kinds.appendChild(coLabel);
      Object.keys(types).sort().forEach(function (t) {
        var id = "g-t-" + t;
        var box2 = el("input", { type: "checkbox", id: id }); box2.checked = true;
        box2.addEventListener("change", function () { state.types[t] = box2.checked; apply(); });
        var lab = el("label", { for: id }); lab.appendChild(box2); lab.appendChild(document.createTextNode(" " + t));
        kinds.appendChild(lab);
      });
      controls.appendChild(kinds);
      var when = el("fieldset", {}); when.appendChild(el("legend", {}, "Events between"));
      ["from", "to"].forEach(function (k) {
        var input = el("input", { type: "date", id: "g-" + k, "aria-label": k === "from" ? "from date" : "to date" });
        input.addEventListener("change", function () { state[k] = input.value; apply(); });
        when.appendChild(input);
      });
      controls.appendChild(when);
      status = el("p", { class: "shown", role: "status" });
      controls.appendChild(status);
      var panel = el("p", { class: "graph-node", id: "graph-node" });
      controls.appendChild(panel);
    }

    // --- neighbourhood expansion ---------------------------------------------------------------------
    var expanded = {};
    cy.on("tap", "node", function (evt) {
      var node = evt.target, id = node.id();
      var panel = document.getElementById("graph-node");
      if (panel) {
        panel.textContent = "";
        panel.appendChild(document.createTextNode(node.data("label") + " — "));
        var a = el("a", { href: "/entities/" + encodeURIComponent(id) }, "Open dossier");
        panel.appendChild(a);
      }
      if (id === centre || expanded[id]) return;
      expanded[id] = true;
      fetch("/entities/" + encodeURIComponent(id) + "/graph", { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (g) {
          if (!g) return;
          var added = 0;
          g.nodes.forEach(function (n) {
            if (added >= 8 || cy.getElementById(n.id).length) return;
            var linked = g.edges.some(function (e) { return (e.source === id && e.target === n.id) || (e.target === id && e.source === n.id); });
            if (!linked) return;
            cy.add({ group: "nodes", data: { id: n.id, label: n.caption || n.id, schema: n.schema || "", centre: 0, depth: 1 } });
            added += 1;
          });
          g.edges.forEach(function (e, i) {
            if (!cy.getElementById(e.source).length || !cy.getElementById(e.target).length) return;
            var kind = e.type === "cooccurrence" ? "cooccurrence" : "event";
            var eid = "x-" + id + "-" + i;
            if (cy.getElementById(eid).length) return;
            cy.add({ group: "edges", data: { id: eid, source: e.source, target: e.target, label: kind === "event" ? e.type : "", type: e.type, kind: kind, weight: e.weight || 1, dates: "" } });
            if (kind === "event" && state.types[e.type] === undefined) state.types[e.type] = true;
          });
          apply();
        });
    });

    apply();
    // Ready once the first frame is drawn (cytoscape paints on the next animation frame, not here).
    cy.one("render", function () { box.setAttribute("data-ready", "1"); });
    box._cy = cy;
  }

  var embedded = null;
  try { embedded = JSON.parse(dataEl.textContent); } catch (err) { embedded = null; }
  if (embedded && embedded.nodes && embedded.nodes.length) {
    draw(embedded);
  } else {
    fetch("/entities/" + encodeURIComponent(box.getAttribute("data-entity")) + "/graph", { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(draw);
  }
})();
