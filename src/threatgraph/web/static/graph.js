// Relations graph of the dossier page: drawn with the vendored cytoscape.js when JavaScript
// runs; the list under it is the no-JS view of the same data.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  var dataEl = document.getElementById("graph-data");
  if (!box || !dataEl || typeof cytoscape !== "function") return;

  function draw(graph) {
    if (!graph || !graph.nodes || graph.nodes.length === 0) return;
    var centre = box.getAttribute("data-entity");
    var elements = [];
    graph.nodes.forEach(function (n) {
      elements.push({ data: { id: n.id, label: n.caption || n.label || n.id, schema: n.schema || "", centre: n.id === centre ? 1 : 0 } });
    });
    var ids = new Set(graph.nodes.map(function (n) { return n.id; }));
    graph.edges.forEach(function (e, i) {
      if (ids.has(e.source) && ids.has(e.target)) {
        elements.push({ data: { id: "e" + i, source: e.source, target: e.target, label: e.type || "", weight: e.weight || 1 } });
      }
    });
    box.hidden = false;
    var cy = cytoscape({
      container: box,
      elements: elements,
      wheelSensitivity: 0.2,
      maxZoom: 1.6,
      minZoom: 0.2,
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 12, "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 2, "background-color": "#1f5fa8", color: "#1d2330", "text-valign": "bottom", "text-margin-y": 4, width: 18, height: 18 } },
        { selector: "node[schema = 'Person']", style: { "background-color": "#3b8bd9" } },
        { selector: "node[schema = 'Country'], node[schema = 'Location']", style: { "background-color": "#2e7d32" } },
        { selector: "node[centre = 1]", style: { "background-color": "#b3261e", width: 30, height: 30, "font-weight": "bold" } },
        { selector: "edge", style: { width: "mapData(weight, 1, 20, 1, 6)", "line-color": "#9aa5b8", "curve-style": "bezier", "target-arrow-shape": "triangle", "target-arrow-color": "#9aa5b8", label: "data(label)", "font-size": 9, color: "#5d6575" } },
        { selector: "edge[label = 'cooccurrence']", style: { "line-style": "dashed", "target-arrow-shape": "none", label: "" } }
      ],
      // A star around the actor: the actor in the centre, neighbours on rings by strength.
      layout: {
        name: "concentric",
        animate: false,
        padding: 30,
        minNodeSpacing: 90,
        concentric: function (n) { return n.data("centre") ? 10 : 1; },
        levelWidth: function () { return 5; }
      }
    });
    cy.fit(undefined, 30);
    if (cy.zoom() > 1.2) { cy.zoom(1.2); cy.center(); }
    cy.on("tap", "node", function (evt) {
      var id = evt.target.id();
      if (id !== centre) window.location.href = "/entities/" + encodeURIComponent(id);
    });
    // Ready once the first frame is drawn (cytoscape paints on the next animation frame, not here).
    cy.one("render", function () { box.setAttribute("data-ready", "1"); });
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
