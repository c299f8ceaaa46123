// attend explorer: draws what the Go server computed. The only number the page
// computes itself is the divisor control's softmax (and its entropy) from the
// raw scores q·k_j that the server sent.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const SENSE_COLORS = ["#1f77b4", "#d95f02", "#2ca02c", "#7b3294"];
const SENSE_SHAPES = ["circle", "square", "triangle", "cross"];
const el = (id) => document.getElementById(id);

// The page's state is its URL: word, s (each sentence), layer, head, focus, rep, div.
const state = { word: "", sentences: [], layer: 1, head: 1, focus: 1, rep: -1, divisor: "sqrt" };
let model = null, analysis = null, senseMap = null, embedded = null;

function readURL() {
  const p = new URLSearchParams(location.search);
  state.word = p.get("word") || "";
  state.sentences = p.getAll("s").filter((s) => s.trim() !== "");
  for (const k of ["layer", "head", "focus"]) state[k] = parseInt(p.get(k), 10) || 1;
  state.rep = p.has("rep") ? parseInt(p.get("rep"), 10) : -1;
  state.divisor = ["1", "sqrt", "dk"].includes(p.get("div")) ? p.get("div") : "sqrt";
}

function query() {
  const p = new URLSearchParams();
  if (state.word) p.set("word", state.word);
  for (const s of state.sentences) p.append("s", s);
  p.set("layer", state.layer); p.set("head", state.head); p.set("focus", state.focus);
  if (state.rep >= 0) p.set("rep", state.rep);
  if (state.divisor !== "sqrt") p.set("div", state.divisor); // the page's own: the API ignores it
  return p.toString();
}

function writeURL() {
  if (embedded) return; // a file keeps its own address
  history.replaceState(null, "", "?" + query());
}

function status(msg, isError) {
  const s = el("status");
  s.textContent = msg || "";
  s.className = isError ? "error" : "";
}

async function getJSON(path) {
  const r = await fetch(path);
  const text = await r.text();
  let body;
  try { body = JSON.parse(text); } catch { body = { error: text.trim() }; } // some refusals (431) come from net/http as text
  if (!r.ok) throw new Error(body.error || `${r.status} ${r.statusText}`);
  return body;
}

// make builds an element with attributes and children (text is never HTML).
function make(tag, attrs, ...kids) {
  const svg = ["svg", "line", "text", "rect", "circle", "path", "g", "title", "polyline", "polygon"].includes(tag);
  const e = svg ? document.createElementNS(SVGNS, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") e.textContent = v;
    else if (k === "style") e.style.cssText = v; // the server's CSP blocks style attributes, not the CSSOM
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k);
  return e;
}

const f = (x, d) => (x == null || Number.isNaN(x) ? "–" : Number(x).toFixed(d));
const vec = (v, n = 6) => "[" + v.slice(0, n).map((x) => f(x, 3)).join(" ") + (v.length > n ? " ..." : "") + "]";
const norm = (v) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

// cosColor maps a cosine to a background: white at 0, blue toward 1, red toward -1.
function cosColor(c) {
  const a = Math.min(1, Math.abs(c));
  return c >= 0 ? `rgba(31,119,180,${(a * 0.6).toFixed(3)})` : `rgba(214,39,40,${(a * 0.6).toFixed(3)})`;
}

async function start() {
  const tag = document.getElementById("attend-data");
  if (tag) embedded = JSON.parse(tag.textContent);
  readURL();
  try {
    model = embedded ? embedded.model : await getJSON("api/model");
  } catch (e) {
    status("cannot reach the explorer's server: " + e.message, true);
    return;
  }
  if (embedded) {
    state.word = embedded.analysis.word;
    state.sentences = embedded.analysis.sentences.map((s) => s.text);
  }
  el("model-line").textContent = `checkpoint ${model.checkpoint}` + (model.step >= 0 ? `, step ${model.step}` : "") +
    ` · ${model.layers} layers × ${model.heads} heads, d_model ${model.d_model}, d_k ${model.d_k}` +
    ` · examples from ${model.data}` + (embedded ? " · saved page (typing new sentences needs eval --serve)" : "");
  fillSelectors();
  // A link may name a layer or head this model lacks: bring it into range.
  state.layer = Math.min(Math.max(state.layer, 1), model.layers);
  state.head = Math.min(Math.max(state.head, 1), model.heads);
  fillExamples();
  wireControls();
  if (state.sentences.length === 0) {
    const byWord = {};
    for (const ex of model.examples) (byWord[ex.word + ":" + ex.sense] ||= []).push(ex.text);
    const first = Object.keys(model.words).sort()[0];
    if (first) for (const s of model.words[first]) if (byWord[first + ":" + s]) state.sentences.push(byWord[first + ":" + s][0]);
  }
  el("sentences").value = state.sentences.join("\n");
  el("word").value = state.word;
  await analyze();
  await training();
  if (!embedded) setInterval(training, 5000);
}

function fillSelectors() {
  const fill = (id, n) => { const s = el(id); s.replaceChildren(); for (let i = 1; i <= n; i++) s.append(make("option", { value: i, text: i })); };
  fill("layer", model.layers);
  fill("head", model.heads);
}

function fillExamples() {
  const s = el("examples");
  for (const ex of model.examples) s.append(make("option", { value: ex.text, text: `${ex.word} (${ex.sense}): ${ex.text}` }));
}

function wireControls() {
  el("query").addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (embedded) { status("This is a saved page: typing new sentences needs the server, go run ./cmd/eval --serve", true); return; }
    state.sentences = el("sentences").value.split("\n").map((s) => s.trim()).filter((s) => s);
    state.word = el("word").value.trim();
    state.focus = 1;
    analyze();
  });
  el("examples").addEventListener("change", () => {
    const v = el("examples").value;
    if (!v) return;
    const t = el("sentences");
    t.value = (t.value.trim() ? t.value.trim() + "\n" : "") + v;
    el("examples").value = "";
  });
  for (const k of ["layer", "head", "focus"]) {
    el(k).addEventListener("change", () => { state[k] = parseInt(el(k).value, 10); refreshHead(); });
  }
  for (const r of document.querySelectorAll("input[name=divisor]")) {
    r.checked = r.value === state.divisor;
    r.addEventListener("change", () => { state.divisor = r.value; drawSteps(); writeURL(); });
  }
  el("rep").addEventListener("input", () => { state.rep = parseInt(el("rep").value, 10); drawMap(); writeURL(); });
}

async function analyze() {
  if (state.sentences.length === 0) { status("Type a sentence, or pick an example.", true); return; }
  status("Analyzing…");
  try {
    if (embedded) {
      analysis = embedded.analysis;
      senseMap = embedded.map;
    } else {
      analysis = await getJSON("api/analyze?" + query());
      senseMap = await getJSON("api/map?word=" + encodeURIComponent(analysis.word));
    }
  } catch (e) {
    status(e.message, true);
    return;
  }
  state.word = analysis.word;
  state.focus = analysis.focus;
  el("word").value = state.word;
  status("");
  writeURL();
  drawSentences();
  drawFocusSelector();
  drawAttention();
  drawSteps();
  drawMap();
}

// refreshHead redraws what depends on the layer, head and focus sentence;
// the served page asks for the new walkthrough, a saved one has them all.
async function refreshHead() {
  el("layer").value = state.layer; el("head").value = state.head; el("focus").value = state.focus;
  writeURL();
  if (!analysis) return; // nothing analysed yet: the next analysis draws it
  drawAttention();
  if (!embedded) {
    try {
      const a = await getJSON("api/analyze?" + query());
      analysis.explain = a.explain;
    } catch (e) { status(e.message, true); return; }
  }
  drawSteps();
}

function currentExplain() {
  if (!embedded) return analysis.explain;
  return analysis.explains.find((w) => w.sentence === state.focus && w.layer === state.layer && w.head === state.head);
}

function drawSentences() {
  el("word-note").textContent = analysis.word_note || "";
  const list = el("sentence-list");
  list.replaceChildren();
  analysis.sentences.forEach((s, i) => {
    const toks = s.display.map((t, j) => make("button", {
      type: "button", class: "token" + (j === s.target ? " target" : "") + (t.startsWith("[UNK:") ? " unk" : ""),
      "data-token": s.tokens[j], title: "follow " + s.tokens[j], text: t,
      onclick: () => { if (embedded) { status("This is a saved page: following another word needs go run ./cmd/eval --serve", true); return; } state.word = s.tokens[j]; state.focus = 1; analyze(); },
    }));
    const v = s.verdict;
    const parts = [];
    if (v.head) parts.push(`sense head: ${v.head} (p ${f(v.head_prob, 3)})`);
    if (v.only_sense) parts.push(`nearest centroid: ${v.nearest} (its only sense: nothing to tell apart)`);
    else if (v.nearest) parts.push(`nearest centroid: ${v.nearest} (cos ${f(v.cos, 3)}, margin ${f(v.margin, 3)})`);
    list.append(make("li", { "data-sentence": i + 1 }, ...toks, make("div", { class: "verdict", text: parts.join(" · ") || "no senses known for this word" })));
  });
  const sk = el("skipped");
  sk.replaceChildren(...analysis.skipped.map((s) => make("li", { text: `skipped "${s.text}": ${s.why}` })),
    ...analysis.notes.map((n) => make("li", { text: n })));
  const t = el("cosine-table");
  t.replaceChildren();
  if (analysis.pairs.length === 0) { t.append(make("caption", { text: "one sentence: nothing to compare; add another" })); return; }
  t.append(make("caption", { text: `cosine of "${analysis.word}" between sentences` }));
  t.append(make("tr", {}, make("th", { text: "pair" }), ...analysis.reps.map((r) => make("th", { text: r }))));
  for (const p of analysis.pairs) {
    t.append(make("tr", {}, make("th", { text: `${p.a}–${p.b}` }),
      ...p.cos.map((c) => make("td", { style: `background:${cosColor(c)}`, text: f(c, 3) }))));
  }
}

function drawFocusSelector() {
  const s = el("focus");
  s.replaceChildren(...analysis.sentences.map((x, i) => make("option", { value: i + 1, text: `${i + 1}: ${x.text}` })));
  s.value = state.focus; el("layer").value = state.layer; el("head").value = state.head;
}

function drawAttention() {
  const s = analysis.sentences[state.focus - 1];
  if (!s) return;
  const w = s.attention[state.layer - 1][state.head - 1];
  const svg = el("head-view");
  const n = s.tokens.length, rowH = 22, h = Math.max(120, n * rowH + 30);
  svg.setAttribute("viewBox", `0 0 420 ${h}`);
  svg.style.height = h + "px";
  svg.replaceChildren(make("text", { x: 210, y: 14, "text-anchor": "middle", "font-size": 12, text: `layer ${state.layer}, head ${state.head}` }));
  const y = (i) => 34 + i * rowH;
  const lines = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const ln = make("line", { x1: 140, y1: y(i) - 4, x2: 280, y2: y(j) - 4, stroke: "#1f77b4", "stroke-width": 2, "stroke-opacity": w[i][j].toFixed(4), "data-q": i },
      make("title", { text: `${s.tokens[i]} → ${s.tokens[j]}: ${f(w[i][j], 4)}` }));
    lines.push(ln); svg.append(ln);
  }
  const isolate = (i) => { for (const ln of lines) ln.style.display = i < 0 || +ln.dataset.q === i ? "" : "none"; };
  for (let i = 0; i < n; i++) {
    const bold = i === s.target ? "bold" : "normal";
    svg.append(make("text", { x: 132, y: y(i), "text-anchor": "end", "font-size": 13, "font-weight": bold, class: "q-token", "data-i": i,
      onmouseenter: () => isolate(i), onmouseleave: () => isolate(-1), text: s.display[i] }));
    svg.append(make("text", { x: 288, y: y(i), "font-size": 13, "font-weight": bold, text: s.display[i] }));
  }
  const t = el("attention-table");
  t.replaceChildren(make("caption", { text: `rows attend to columns; layer ${state.layer}, head ${state.head}` }),
    make("tr", {}, make("th"), ...s.display.map((d) => make("th", { text: d }))),
    ...w.map((row, i) => make("tr", {}, make("th", { text: s.display[i] }), ...row.map((x) => make("td", { text: f(x, 3) })))));
  drawModelView(s);
}

function drawModelView(s) {
  const mv = el("model-view");
  mv.style.gridTemplateColumns = `auto repeat(${model.heads}, auto)`;
  mv.replaceChildren(make("div"), ...Array.from({ length: model.heads }, (_, h) => make("div", { text: `head ${h + 1}` })));
  const n = s.tokens.length, px = Math.max(3, Math.floor(96 / n));
  for (let l = 0; l < model.layers; l++) {
    mv.append(make("div", { text: `layer ${l + 1}` }));
    for (let h = 0; h < model.heads; h++) {
      const svg = make("svg", { width: n * px, height: n * px, viewBox: `0 0 ${n * px} ${n * px}` });
      const w = s.attention[l][h];
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        svg.append(make("rect", { x: j * px, y: i * px, width: px, height: px, fill: `rgba(31,119,180,${w[i][j].toFixed(3)})` },
          make("title", { text: `layer ${l + 1} head ${h + 1}: ${s.tokens[i]} → ${s.tokens[j]} ${f(w[i][j], 3)}` })));
      }
      const selected = l + 1 === state.layer && h + 1 === state.head;
      mv.append(make("div", { class: "cell" + (selected ? " selected" : ""), "data-layer": l + 1, "data-head": h + 1, title: `open layer ${l + 1}, head ${h + 1}`,
        onclick: () => { state.layer = l + 1; state.head = h + 1; refreshHead(); } }, svg));
    }
  }
}

// softmax and entropy (bits) of the raw scores divided by d: the one thing
// the page computes, for the divisor control.
function softmaxOver(raw, d) {
  const z = raw.map((x) => x / d), hi = Math.max(...z);
  const e = z.map((x) => Math.exp(x - hi)), sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}
const entropy = (p) => -p.reduce((s, x) => (x > 0 ? s + x * Math.log2(x) : s), 0);

function drawSteps() {
  const wt = currentExplain();
  const box = el("steps");
  if (!wt) { box.replaceChildren(make("p", { text: "no walkthrough for this choice" })); return; }
  const dk = wt.d_k, sq = Math.sqrt(dk);
  const d = { "1": 1, sqrt: sq, dk: dk }[state.divisor];
  const dname = { "1": "1", sqrt: `√d_k = ${f(sq, 3)}`, dk: `d_k = ${dk}` }[state.divisor];
  const p = softmaxOver(wt.raw, d);
  const word = wt.tokens[wt.pos];
  const input = (wt.layer > 1 ? `the output of layer ${wt.layer - 1}` : "embedding + position") + (wt.norm_first ? ", after norm1 (pre-norm)" : "");
  const table = make("table", { class: "numbers", id: "steps-table" },
    make("tr", {}, ...["j", "token", `k_j (first 3 of ${dk})`, "q·k_j", `÷ ${dname}`, "weight", "model (÷√d_k)"].map((h) => make("th", { text: h }))),
    ...wt.tokens.map((tok, j) => make("tr", { class: j === wt.pos ? "target-row" : "" },
      make("td", { text: j + 1 }), make("td", { class: "text", text: tok + (j === wt.pos ? " <" : "") }),
      make("td", { class: "vec", text: vec(wt.k[j], 3) }), make("td", { text: f(wt.raw[j], 3) }),
      make("td", { text: f(wt.raw[j] / d, 3) }), make("td", { class: "weight", text: f(p[j], 4) }), make("td", { text: f(wt.model[j], 4) }))));
  const top = p.map((x, j) => [x, j]).sort((a, b) => b[0] - a[0]).slice(0, 3)
    .map(([x, j]) => `${wt.tokens[j]} (token ${j + 1}) ${f(x, 3)}`).join(", ");
  const moved = wt.reps.map((r, i) => `${r} ${f(wt.static_cos[i], 3)}`).join("  ");
  box.replaceChildren(make("ol", { class: "steps" },
    make("li", {}, `x = ${input}: ${wt.x.length} values `, make("span", { class: "vec", text: vec(wt.x) }), ` norm ${f(norm(wt.x), 3)}`),
    make("li", {}, `query q = W_q x + b_q, the head's ${dk} rows: `, make("span", { class: "vec", text: vec(wt.q) }), ` norm ${f(norm(wt.q), 3)}`),
    make("li", {}, `every token j offers a key k_j = W_k x_j + b_k; the score q·k_j says how well it answers the query. Divided by ${dname}, the softmax gives the weights (sum 1):`, table),
    make("li", {}, `the head's output for "${word}" is Σ_j weight_j v_j (with ÷√d_k): `, make("span", { class: "vec", text: vec(wt.out) }), ` norm ${f(norm(wt.out), 3)}`),
    make("li", { id: "entropy-line" }, `entropy of the weights: ${f(entropy(p), 3)} bits with ÷ ${dname} (0 = all on one token, log2(${wt.tokens.length}) = ${f(Math.log2(wt.tokens.length), 2)} = spread evenly); the model's ÷√d_k gives ${f(wt.entropy_norm, 3)}, no division ${f(wt.entropy_raw, 3)}`),
    make("li", {}, `"${word}" attends most to: ${top}`),
    make("li", {}, `how far "${word}" moved from its static vector (cosine with its embedding row; 1 = not at all): ${moved}`),
    make("li", {}, `largest |weight − model| = ${Number(wt.max_diff).toPrecision(2)} (the model computes in float32, this walkthrough in float64)`)));
}

function drawMap() {
  const sm = senseMap;
  el("map-message").textContent = sm ? sm.message || "" : "";
  const svg = el("map");
  svg.replaceChildren();
  if (!sm || sm.points.length === 0) { // no map: leave no other word's numbers behind
    for (const id of ["rep-name", "map-table", "score-table", "points-table"]) el(id).replaceChildren();
    return;
  }
  const nreps = sm.reps.length;
  const slider = el("rep");
  slider.max = nreps - 1;
  if (state.rep < 0 || state.rep >= nreps) state.rep = nreps - 1;
  slider.value = state.rep;
  const r = state.rep;
  el("rep-name").textContent = `${sm.reps[r]} (axes carry ${f(sm.frac[r][0] * 100, 0)}% and ${f(sm.frac[r][1] * 100, 0)}% of the variance)`;
  const typed = analysis.sentences.map((s, i) => ({ text: s.text, xy: s.map ? s.map[r] : null, n: i + 1 })).filter((t) => t.xy);
  const all = sm.points.map((p) => p.xy[r]).concat(typed.map((t) => t.xy));
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [x, y] of all) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
  const W = 520, H = 420, pad = 30;
  const sx = (x) => (x1 === x0 ? W / 2 : pad + ((x - x0) / (x1 - x0)) * (W - 2 * pad));
  const sy = (y) => (y1 === y0 ? H / 2 : H - pad - ((y - y0) / (y1 - y0)) * (H - 2 * pad));
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.append(make("text", { x: W / 2, y: H - 6, "text-anchor": "middle", "font-size": 11, text: "principal component 1" }));
  svg.append(make("text", { x: 12, y: H / 2, "font-size": 11, transform: `rotate(-90 12 ${H / 2})`, "text-anchor": "middle", text: "principal component 2" }));
  const tip = el("tooltip");
  const hover = (text) => ({
    onmouseenter: (ev) => { tip.textContent = text; tip.hidden = false; tip.style.left = ev.clientX + 12 + "px"; tip.style.top = ev.clientY + 12 + "px"; },
    onmouseleave: () => { tip.hidden = true; },
  });
  sm.points.forEach((p) => {
    const [x, y] = p.xy[r];
    svg.append(marker(sx(x), sy(y), p.sense, { class: "point", "data-sense": sm.senses[p.sense], ...hover(`${sm.senses[p.sense]}: ${p.text}`) }, `${sm.senses[p.sense]}: ${p.text}`));
  });
  for (const t of typed) {
    const [x, y] = t.xy, cx = sx(x), cy = sy(y);
    svg.append(make("g", { class: "typed", ...hover(`your sentence ${t.n}: ${t.text}`) },
      make("polygon", { points: `${cx},${cy - 9} ${cx + 9},${cy} ${cx},${cy + 9} ${cx - 9},${cy}`, fill: "#ffd400", stroke: "#222" }),
      make("text", { x: cx, y: cy + 4, "text-anchor": "middle", "font-size": 10, text: t.n }),
      make("title", { text: `your sentence ${t.n}: ${t.text}` })));
  }
  // The numbers: each sense's mean position, your sentences', and the report's scores.
  const mt = el("map-table");
  const rows = sm.senses.map((s, k) => {
    const pts = sm.points.filter((p) => p.sense === k).map((p) => p.xy[r]);
    const mx = pts.reduce((a, q) => a + q[0], 0) / pts.length, my = pts.reduce((a, q) => a + q[1], 0) / pts.length;
    return make("tr", {}, make("td", { class: "text", style: `color:${SENSE_COLORS[k % 4]}`, text: `${SENSE_SHAPES[k % 4]} ${s}` }),
      make("td", { text: pts.length }), make("td", { text: f(mx, 3) }), make("td", { text: f(my, 3) }));
  });
  mt.replaceChildren(make("caption", { text: `${sm.reps[r]}: where each sense sits` }),
    make("tr", {}, ...["sense", "n", "mean x", "mean y"].map((h) => make("th", { text: h }))), ...rows,
    ...typed.map((t) => make("tr", {}, make("td", { class: "text", text: `◆ sentence ${t.n}` }), make("td", { text: 1 }), make("td", { text: f(t.xy[0], 3) }), make("td", { text: f(t.xy[1], 3) }))));
  const st = el("score-table");
  st.replaceChildren(make("caption", { text: `scores of "${sm.word}" on ${sm.data} (as eval --json)` }),
    make("tr", {}, ...["representation", "pair AUC", "centroid acc"].map((h) => make("th", { text: h }))),
    ...(sm.scores || []).map((s) => make("tr", { class: s.representation === sm.reps[r] ? "current" : "" },
      make("td", { class: "text", text: s.representation }), make("td", { text: f(s.auc, 3) }), make("td", { text: f(s.centroid_acc, 3) }))));
  el("points-table").replaceChildren(make("tr", {}, ...["sense", "x", "y", "sentence"].map((h) => make("th", { text: h }))),
    ...sm.points.map((p) => make("tr", {}, make("td", { class: "text", text: sm.senses[p.sense] }), make("td", { text: f(p.xy[r][0], 3) }),
      make("td", { text: f(p.xy[r][1], 3) }), make("td", { class: "text", text: p.text }))));
}

// marker draws sense k's shape, so senses differ in shape as well as color.
function marker(x, y, k, attrs, title) {
  const c = SENSE_COLORS[k % 4], shape = SENSE_SHAPES[k % 4], s = 4.5;
  let m;
  if (shape === "circle") m = make("circle", { cx: x, cy: y, r: s, fill: c, "fill-opacity": 0.7 });
  else if (shape === "square") m = make("rect", { x: x - s, y: y - s, width: 2 * s, height: 2 * s, fill: c, "fill-opacity": 0.7 });
  else if (shape === "triangle") m = make("polygon", { points: `${x},${y - s} ${x + s},${y + s} ${x - s},${y + s}`, fill: c, "fill-opacity": 0.7 });
  else m = make("path", { d: `M${x - s},${y - s}L${x + s},${y + s}M${x - s},${y + s}L${x + s},${y - s}`, stroke: c, "stroke-width": 2 });
  return make("g", attrs, m, make("title", { text: title }));
}

async function training() {
  let t;
  try {
    t = embedded ? embedded.training : await getJSON("api/training");
  } catch (e) { el("training-line").textContent = "training history: " + e.message; return; }
  const shown = t.step >= 0 ? `showing the checkpoint of step ${t.step}` : "showing a bare model file";
  el("training-line").textContent = t.message ? `${shown}; ${t.message}` : `${shown}, from ${t.run}`;
  // Every loss the records carry, by kind and key, except series that are all zero (an objective not trained).
  const series = {};
  for (const rec of t.records) {
    for (const [k, v] of Object.entries(rec)) {
      if (typeof v !== "number" || !k.includes("loss")) continue;
      (series[`${rec.kind} ${k}`] ||= []).push([rec.step, v]);
    }
  }
  for (const k of Object.keys(series)) if (series[k].every(([, v]) => v === 0)) delete series[k];
  const svg = el("training-chart");
  svg.replaceChildren();
  // A series equal to another at every step (the loss, when only the sense
  // objective trains) would hide under it: one line with both names.
  const names = [];
  for (const n of Object.keys(series).sort()) {
    const a = series[n], twin = names.findIndex((m) => series[m].length === a.length && series[m].every(([x, y], i) => x === a[i][0] && y === a[i][1]));
    if (twin < 0) { names.push(n); continue; }
    const merged = `${names[twin]} = ${n.split(" ")[1]}`;
    series[merged] = a;
    names[twin] = merged;
  }
  const W = 700, H = 280, L = 50, B = 30;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const pts = names.flatMap((n) => series[n]);
  if (pts.length === 0) { el("training-table").replaceChildren(); return; }
  const xmax = Math.max(...pts.map((p) => p[0])), ymax = Math.max(...pts.map((p) => p[1]));
  const sx = (x) => L + (x / xmax) * (W - L - 10), sy = (y) => H - B - (y / ymax) * (H - B - 10);
  svg.append(make("line", { x1: L, y1: H - B, x2: W - 10, y2: H - B, stroke: "#999" }), make("line", { x1: L, y1: 10, x2: L, y2: H - B, stroke: "#999" }));
  svg.append(make("text", { x: (W + L) / 2, y: H - 6, "text-anchor": "middle", "font-size": 11, text: `step (0 to ${xmax})` }));
  svg.append(make("text", { x: 12, y: H / 2, "font-size": 11, transform: `rotate(-90 12 ${H / 2})`, "text-anchor": "middle", text: `loss (0 to ${f(ymax, 2)})` }));
  const colors = ["#1f77b4", "#d95f02", "#2ca02c", "#7b3294", "#8c564b", "#e377c2"];
  names.forEach((n, i) => {
    svg.append(make("polyline", { fill: "none", stroke: colors[i % colors.length], "stroke-width": 1.5, "stroke-dasharray": n.startsWith("train") ? "" : "5 3",
      points: series[n].map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(" ") }, make("title", { text: n })));
    svg.append(make("text", { x: W - 12, y: 20 + 14 * i, "text-anchor": "end", "font-size": 11, fill: colors[i % colors.length], text: n }));
  });
  el("training-table").replaceChildren(make("tr", {}, ...["series", "points", "last step", "last value"].map((h) => make("th", { text: h }))),
    ...names.map((n) => { const s = series[n], [x, y] = s[s.length - 1];
      return make("tr", {}, make("td", { class: "text", text: n }), make("td", { text: s.length }), make("td", { text: x }), make("td", { text: f(y, 4) })); }));
}

start();
