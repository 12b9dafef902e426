/* eventscope dashboard: the events map, the legend and the timeline of counts by day.
 *
 * Data arrives as JSON from /api/v1 and is put on the page only through
 * textContent and DOM properties, never parsed as markup, so a report containing
 * markup shows that markup as text. */
"use strict";

const TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
  "Strategic developments"];
const COLOURS = ["#c0392b", "#e67e22", "#8e44ad", "#2980b9", "#16a085", "#7f8c8d"];
const OTHER = "#555555";
const SVG = "http://www.w3.org/2000/svg";

function colour(type) {
  const i = TYPES.indexOf(type);
  return i < 0 ? OTHER : COLOURS[i];
}

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}

function svgEl(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  return node;
}

function popup(p) {
  const box = el("div", null, "popup");
  const link = el("a", (p.date || "undated") + " · " + (p.sub_event_type || p.event_type || ""));
  link.href = "/events/" + encodeURIComponent(p.id);
  box.appendChild(link);
  box.appendChild(el("div", [p.actor1, p.actor2].filter(Boolean).join(" vs ")));
  box.appendChild(el("div", [p.location, p.admin1, p.country].filter(Boolean).join(", ")));
  if (p.fatalities !== null && p.fatalities !== undefined) box.appendChild(el("div", "killed: " + p.fatalities));
  box.appendChild(el("div", (p.outlets || []).join("; "), "muted"));
  return box;
}

async function getJSON(url) {
  const r = await fetch(url, {headers: {Accept: "application/json"}});
  if (!r.ok) throw new Error(url + ": " + r.status);
  return r.json();
}

async function drawMap(div) {
  const map = L.map(div, {worldCopyJump: true, attributionControl: true}).setView([30, 20], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth (public domain)");
  try {
    const topo = await getJSON("/static/vendor/world-atlas-2.0.2/countries-110m.json");
    L.geoJSON(topojson.feature(topo, topo.objects.countries),
      {style: {color: "#999", weight: 0.6, fillColor: "#f2efe9", fillOpacity: 1}, interactive: false}).addTo(map);
  } catch (err) {
    div.dataset.basemap = "failed";
  }
  const fc = await getJSON("/api/v1/events?format=geojson&limit=500&" + div.dataset.query);
  const points = [];
  for (const f of fc.features) {
    if (!f.geometry) continue;
    const [lon, lat] = f.geometry.coordinates;
    const p = f.properties;
    const radius = 5 + 3 * Math.sqrt(p.fatalities || 0);
    const marker = L.circleMarker([lat, lon], {radius: Math.min(radius, 40), color: "#222", weight: 1,
      fillColor: colour(p.event_type), fillOpacity: 0.75, className: "event-marker"});
    marker.bindPopup(popup(p));
    marker.addTo(map);
    points.push([lat, lon]);
  }
  div.dataset.markers = String(points.length);
  if (points.length) map.fitBounds(points, {maxZoom: 8, padding: [30, 30]});
}

function drawLegend(ul) {
  TYPES.forEach((t, i) => {
    const li = el("li", t);
    const dot = el("span", null, "dot");
    dot.style.background = COLOURS[i];
    li.prepend(dot);
    ul.appendChild(li);
  });
  ul.appendChild(el("li", "marker size: fatalities", "muted"));
}

async function drawTimeline(svg) {
  const data = await getJSON("/api/v1/events/counts?by=day&" + svg.dataset.query);
  const days = data.items.filter((d) => d.key);
  const W = 460, H = 140, pad = 24;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  if (!days.length) {
    const t = svgEl("text", {x: W / 2, y: H / 2, "text-anchor": "middle"});
    t.textContent = "no dated events";
    svg.appendChild(t);
    return;
  }
  const t0 = Date.parse(days[0].key), t1 = Date.parse(days[days.length - 1].key);
  const span = Math.max((t1 - t0) / 86400000, 1);
  const max = Math.max(...days.map((d) => d.events));
  const bw = Math.max(Math.min((W - 2 * pad) / (span + 1) - 1, 30), 2);
  for (const d of days) {
    const x = pad + ((Date.parse(d.key) - t0) / 86400000) * ((W - 2 * pad - bw) / span);
    const h = (d.events / max) * (H - 2 * pad);
    const bar = svgEl("rect", {x: x, y: H - pad - h, width: bw, height: h, class: "bar"});
    const title = svgEl("title");
    title.textContent = `${d.key}: ${d.events} event(s), ${d.fatalities} killed`;
    bar.appendChild(title);
    svg.appendChild(bar);
  }
  for (const [x, label, anchor] of [[pad, days[0].key, "start"], [W - pad, days[days.length - 1].key, "end"]]) {
    const t = svgEl("text", {x: x, y: H - 6, "text-anchor": anchor, class: "axis"});
    t.textContent = label;
    svg.appendChild(t);
  }
  const top = svgEl("text", {x: 2, y: pad - 6, class: "axis"});
  top.textContent = `max ${max}/day`;
  svg.appendChild(top);
}

document.addEventListener("DOMContentLoaded", () => {
  const map = document.getElementById("map");
  if (map) drawMap(map).catch((err) => { map.dataset.error = String(err); });
  const legend = document.getElementById("legend");
  if (legend) drawLegend(legend);
  const timeline = document.getElementById("timeline");
  if (timeline) drawTimeline(timeline).catch((err) => { timeline.dataset.error = String(err); });
});
