/* eventscope actor network: nodes on a circle, edges coloured by kind, in plain SVG.
 * Names reach the page only through textContent. */
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const KIND_COLOURS = {allied: "#27ae60", hostile: "#c0392b", affiliated: "#2980b9", split_from: "#e67e22",
  part_of: "#8e44ad"};

function node(tag, attrs) {
  const n = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, String(v));
  return n;
}

async function drawNetwork(svg) {
  const r = await fetch("/api/v1/network?" + svg.dataset.query);
  if (!r.ok) throw new Error(String(r.status));
  const net = await r.json();
  const W = 900, H = 640, R = Math.min(W, H) / 2 - 140;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const pos = new Map();
  net.nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / Math.max(net.nodes.length, 1) - Math.PI / 2;
    pos.set(n.id, [W / 2 + R * Math.cos(a), H / 2 + R * Math.sin(a), Math.cos(a)]);
  });
  for (const e of net.edges) {
    const [x1, y1] = pos.get(e.source), [x2, y2] = pos.get(e.target);
    const line = node("line", {x1, y1, x2, y2, stroke: KIND_COLOURS[e.kind] || "#555",
      "stroke-width": 1 + Math.min(e.evidence.length, 6), "stroke-dasharray": e.ended ? "6 4" : "",
      class: "edge"});
    const title = node("title");
    title.textContent = `${e.source} ${e.kind} ${e.target} (${e.evidence.length} piece(s) of evidence)`;
    line.appendChild(title);
    svg.appendChild(line);
  }
  for (const n of net.nodes) {
    const [x, y, c] = pos.get(n.id);
    const link = node("a", {href: "/actors/" + encodeURIComponent(n.id)});
    link.appendChild(node("circle", {cx: x, cy: y, r: 5 + Math.min(n.degree, 10), class: "node"}));
    const label = node("text", {x: x + (c >= 0 ? 12 : -12), y: y + 4, "text-anchor": c >= 0 ? "start" : "end",
      class: "label"});
    label.textContent = n.id;
    link.appendChild(label);
    svg.appendChild(link);
  }
  svg.dataset.nodes = String(net.nodes.length);
}

document.addEventListener("DOMContentLoaded", () => {
  const svg = document.getElementById("network");
  if (svg) drawNetwork(svg).catch((err) => { svg.dataset.error = String(err); });
});
