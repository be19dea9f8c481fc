// SeqServe dashboard: plain JavaScript over the public API (no build step, no external assets).
"use strict";
const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
};
const fmt = (x) => typeof x === "number" ? (Math.abs(x) >= 1000 || Number.isInteger(x) ? String(x) : x.toPrecision(4)) : String(x ?? "");
const keyInput = $("api-key");
keyInput.value = localStorage.getItem("seqserve.apiKey") || "";
keyInput.addEventListener("change", () => localStorage.setItem("seqserve.apiKey", keyInput.value.trim()));

async function api(method, url, body) {
  const headers = { Accept: "application/json" };
  const key = keyInput.value.trim();
  if (key) headers["X-Api-Key"] = key;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error((data && (data.detail || data.title)) || `${response.status} ${response.statusText}`);
  return data;
}

// The models API names the answering version servedVersion (formerly promotedVersion) and the PROMOTED file's
// version promotedVersion (formerly requestedVersion); read both spellings.
const servedOf = (m) => ("servedVersion" in m ? m.servedVersion : m.promotedVersion) ?? null;
const requestedOf = (m) => ("servedVersion" in m ? m.promotedVersion : m.requestedVersion) ?? null;

let models = [];
async function loadModels() {
  models = await api("GET", "/v1/models");
  const root = $("models");
  root.replaceChildren(...models.map(renderModel));
  const select = $("try-model"), current = select.value;
  select.replaceChildren(...models.filter((m) => servedOf(m)).map((m) => el("option", { value: m.name }, `${m.name} (${m.kind})`)));
  if (current && [...select.options].some((o) => o.value === current)) select.value = current;
  renderTry();
}

function renderModel(m) {
  const served = servedOf(m), requested = requestedOf(m);
  const rows = m.versions.map((v) => {
    const metrics = Object.entries(v.metrics || {});
    const own = metrics.filter(([k]) => !k.startsWith("baseline") && !k.endsWith("Loss") && k !== "validAccuracy");
    const base = metrics.filter(([k]) => k.startsWith("baseline") || k.startsWith("persistence"));
    const action = v.state === "Ready" && v.version !== served
      ? el("button", { class: "promote", "data-version": v.version, onclick: () => promote(m.name, v.version) },
          served && v.version < served ? "roll back to this" : "promote")
      : "";
    return el("tr", { "data-version": v.version, class: v.version === served ? "serving" : "" },
      el("td", {}, v.version, v.version === served ? " ← serving" : "", v.version === requested && requested !== served ? " (promoted)" : "",
        v.held && v.version !== served ? " (held: promote to serve)" : ""),
      el("td", {}, v.state, v.error ? el("span", { class: "error" }, v.error) : ""),
      el("td", { class: "metric" }, own.map(([k, x]) => `${k} ${fmt(x)}`).join(", ")),
      el("td", { class: "metric" }, base.filter(([k]) => !own.some(([o]) => o === k)).map(([k, x]) => `${k} ${fmt(x)}`).join(", ")),
      el("td", {}, action));
  });
  return el("div", { class: "model", "data-model": m.name },
    el("strong", {}, m.name), ` ${m.task ?? ""} · ${m.kind ?? ""} · serves ${served ?? (m.versions.length && m.versions.every((v) => v.held || v.state === "Failed") ? "nothing until a version is promoted" : "nothing yet")}`,
    el("table", {}, el("tr", {}, ...["version", "state", "held-out metrics", "baselines", ""].map((h) => el("th", {}, h))), ...rows));
}

async function promote(name, version) {
  try { await api("POST", `/v1/models/${name}/versions/${version}/promote`); await loadModels(); }
  catch (e) { alert(`Promote failed: ${e.message}`); }
}

// ---- training: datasets, defaults, jobs with live events ----
let defaults = null;
async function loadDatasets() {
  const datasets = await api("GET", "/v1/datasets");
  $("job-dataset").replaceChildren(...datasets.filter((d) => d.trainable).map((d) => el("option", { value: d.name }, `${d.name} (${d.task})`)));
  await loadDefaults();
}
let defaultsRequest = 0;
async function loadDefaults() {
  // Only the latest request renders: a slower answer for the dataset chosen before must not replace the
  // fields (and what the user typed into them) of the one chosen since.
  const request = ++defaultsRequest, dataset = $("job-dataset").value;
  const answer = await api("GET", `/v1/datasets/${dataset}/defaults`);
  if (request !== defaultsRequest) return;
  defaults = answer;
  const box = $("job-training");
  box.dataset.dataset = dataset; // which dataset's defaults the fields show
  box.replaceChildren(el("legend", {}, "Training (the recipe's defaults; change what you want)"),
    ...Object.entries(defaults.training).filter(([, v]) => typeof v === "number" || typeof v === "string" || typeof v === "boolean")
      .map(([k, v]) => el("label", {}, `${k} `, el("input", { name: k, value: String(v), "data-default": String(v) }))));
  if (!$("job-model").value || $("job-model").dataset.auto) { $("job-model").value = `${defaults.defaultModel}-mine`; $("job-model").dataset.auto = "1"; }
}
$("job-dataset").addEventListener("change", loadDefaults);
$("job-model").addEventListener("input", () => delete $("job-model").dataset.auto);
$("job-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("job-error").textContent = "";
  const training = {};
  for (const input of $("job-training").querySelectorAll("input")) {
    if (input.value === input.dataset.default) continue;
    const d = defaults.training[input.name];
    training[input.name] = typeof d === "number" ? Number(input.value) : typeof d === "boolean" ? input.value === "true" : input.value;
  }
  const body = { dataset: $("job-dataset").value, model: $("job-model").value, promote: $("job-promote").checked };
  if (Object.keys(training).length) body.training = training;
  try { const job = await api("POST", "/v1/jobs", body); promoting.set(job.id, body.promote); await loadJobs(); follow(job.id); }
  catch (e) { $("job-error").textContent = e.message; }
});

const followed = new Map();
async function loadJobs() {
  const jobs = await api("GET", "/v1/jobs?limit=10");
  const root = $("jobs");
  for (const job of jobs) {
    promoting.set(job.id, job.request?.promote ?? true);
    let box = root.querySelector(`[data-job="${job.id}"]`);
    if (!box) { box = renderJob(job); root.append(box); }
    if (!job.state.match(/Succeeded|Failed|Cancelled/)) follow(job.id);
    else setJob(box, { state: job.state, version: job.version, error: job.error }, job.metrics.length);
  }
  [...root.children].sort((a, b) => b.dataset.created.localeCompare(a.dataset.created)).forEach((c) => root.append(c));
}
function renderJob(job) {
  return el("div", { class: "job", "data-job": job.id, "data-created": job.createdAt, "data-epochs": "0" },
    el("div", {}, el("strong", {}, job.model), ` on ${job.dataset} · `, el("span", { class: "state" }, job.state)),
    el("progress", { max: "1", value: "0" }), " ", el("span", { class: "progress-text" }),
    el("div", { class: "served" }), el("div", { class: "curves" }));
}
function setJob(box, state, epochs) {
  box.querySelector(".state").textContent = state.state + (state.version ? ` → ${state.version}` : "") + (state.error ? `: ${state.error}` : "");
  box.dataset.state = state.state;
  if (epochs > 0) showCurves(box, epochs);
}
function showCurves(box, epochs) {
  if (box.dataset.epochs === String(epochs)) return;
  box.dataset.epochs = String(epochs);
  box.querySelector(".curves").replaceChildren(el("img", { class: "curves", alt: "training curves", src: `/v1/jobs/${box.dataset.job}/curves.png?epochs=${epochs}` }));
}
function follow(id) {
  if (followed.has(id)) return;
  const source = new EventSource(`/v1/jobs/${id}/events`);
  followed.set(id, source);
  const box = () => $("jobs").querySelector(`[data-job="${id}"]`);
  let epochs = 0;
  source.addEventListener("state", (e) => {
    const s = JSON.parse(e.data);
    setJob(box(), s, epochs);
    if (s.state.match(/Failed|Cancelled/) || (s.state === "Succeeded" && !promotesOf(id))) done();
  });
  source.addEventListener("progress", (e) => {
    const p = JSON.parse(e.data), b = box();
    const bar = b.querySelector("progress");
    bar.max = p.epochs * p.stepsPerEpoch; bar.value = (p.epoch - 1) * p.stepsPerEpoch + p.step;
    b.querySelector(".progress-text").textContent =
      `epoch ${p.epoch}/${p.epochs} · step ${p.step}/${p.stepsPerEpoch} · loss ${fmt(p.loss)} · ${Math.round(p.elapsedSeconds)} s` +
      (p.etaSeconds != null ? ` · ETA ${Math.round(p.etaSeconds)} s` : "");
  });
  source.addEventListener("epoch", (e) => { epochs = JSON.parse(e.data).epoch; showCurves(box(), epochs); });
  source.addEventListener("served", (e) => {
    const s = JSON.parse(e.data);
    box().querySelector(".served").textContent = s.served ? `${s.model} now serves ${s.version}` : `not served: ${s.detail}`;
    box().dataset.served = String(s.served);
    done();
  });
  source.onerror = () => { if (source.readyState === EventSource.CLOSED) done(); };
  function done() { source.close(); loadModels().catch(report); }
}
const promoting = new Map();
const promotesOf = (id) => promoting.get(id) ?? true;

// ---- try it: one panel per model kind ----
function renderTry() {
  const m = models.find((x) => x.name === $("try-model").value);
  const root = $("try");
  if (!m) { root.replaceChildren("No model serves yet."); return; }
  const out = el("div", { id: "try-output" });
  const run = (fn) => async () => { try { out.replaceChildren("…"); await fn(); } catch (e) { out.replaceChildren(el("span", { class: "error" }, e.message)); } };
  const panels = {
    sentiment: () => {
      const text = el("textarea", { id: "try-text" }, "A wonderful, moving film with a brilliant cast.");
      return [text, el("button", { id: "try-run", onclick: run(async () => {
        const r = await api("POST", "/v1/sentiment", { texts: [text.value], model: m.name, explain: true });
        const item = r.results[0], max = Math.max(...(item.attributions || []).map((a) => Math.abs(a.weight)), 1e-9);
        out.replaceChildren(el("div", { class: "label" }, `${item.label} (${fmt(item.score)})`),
          el("div", {}, ...(item.attributions || []).map((a) => el("span", { class: "tok", title: fmt(a.weight),
            style: `background: ${a.weight >= 0 ? "rgba(0,150,0," : "rgba(200,0,0,"}${(Math.abs(a.weight) / max * 0.8).toFixed(2)})` }, a.token))));
      }) }, "Score")];
    },
    tagger: () => {
      const text = el("textarea", { id: "try-text" }, "The old man saw the boat on the river.");
      return [text, el("button", { id: "try-run", onclick: run(async () => {
        const r = await api("POST", "/v1/pos", { sentences: [text.value], model: m.name });
        out.replaceChildren(...r.results.map((s) => el("div", {}, ...s.tokens.map((t) =>
          el("span", { class: "tok", title: `${t.tag} ${fmt(t.confidence)}`, style: `background: ${tagColour(t.tag)}` }, t.text, el("span", { class: "tag" }, t.tag))))));
      }) }, "Tag")];
    },
    forecast: () => {
      const history = el("textarea", { id: "try-text" }, "");
      const horizon = el("input", { id: "try-horizon", value: "12", size: "4" });
      history.value = Array.from({ length: 48 }, (_, i) => (Math.sin(i / 12 * 2 * Math.PI) * 3 + 400 + i * 0.2).toFixed(2)).join(", ");
      return [el("div", {}, "History (comma separated)"), history, el("label", {}, "horizon ", horizon), el("button", { id: "try-run", onclick: run(async () => {
        const h = history.value.split(/[\s,]+/).filter(Boolean).map(Number);
        const r = await api("POST", `/v1/sequence/${m.name}/forecast`, { history: h, horizon: Number(horizon.value) });
        out.replaceChildren(forecastSvg(h, r.forecast), el("div", { class: "metric" }, r.forecast.map(fmt).join(", ")));
      }) }, "Forecast")];
    },
    classify: () => {
      const pad = el("canvas", { id: "pad", width: "280", height: "280" });
      drawingPad(pad);
      return [pad, el("div", {}, el("button", { onclick: () => pad.getContext("2d").clearRect(0, 0, 280, 280) }, "Clear"), " ",
        el("button", { id: "try-run", onclick: run(async () => {
          const r = await api("POST", `/v1/sequence/${m.name}/classify`, { rows: padRows(pad) });
          out.replaceChildren(el("div", { class: "label" }, `digit ${r.label}`),
            el("div", { class: "metric" }, Object.entries(r.probabilities).map(([k, p]) => `${k}: ${fmt(p)}`).join("  ")));
        }) }, "Classify"))];
    },
    generate: () => {
      const prompt = el("input", { id: "try-text", value: "Call me ", size: "40" });
      return [prompt, el("button", { id: "try-run", onclick: run(async () => {
        const r = await api("POST", `/v1/sequence/${m.name}/generate`, { prompt: prompt.value, length: 200 });
        out.replaceChildren(el("pre", {}, r.text));
      }) }, "Generate")];
    },
    map: () => {
      const text = el("input", { id: "try-text", value: "hello" });
      return [text, el("button", { id: "try-run", onclick: run(async () => {
        const r = await api("POST", `/v1/sequence/${m.name}/map`, { text: text.value });
        out.replaceChildren(el("pre", {}, r.text));
      }) }, "Map")];
    },
  };
  const generic = () => {
    const body = el("textarea", { id: "try-text" }, '{"inputs": [[0, 1], [0.1, 0.99], [0.2, 0.98]]}');
    return [el("div", {}, `POST /v1/sequence/${m.name}/predict`), body, el("button", { id: "try-run", onclick: run(async () => {
      const r = await api("POST", `/v1/sequence/${m.name}/predict`, JSON.parse(body.value));
      out.replaceChildren(el("pre", {}, JSON.stringify(r.outputs)));
    }) }, "Predict")];
  };
  root.replaceChildren(...(panels[m.kind] || generic)(), out);
}
$("try-model").addEventListener("change", renderTry);

const tagColours = { NOUN: "#cde", VERB: "#fcb", ADJ: "#dfc", ADV: "#efb", PRON: "#ecf", DET: "#ddd", ADP: "#fdd", NUM: "#cff", CONJ: "#ffc", PRT: "#fce", ".": "#eee", X: "#ccc" };
const tagColour = (tag) => tagColours[tag] || "#eee";

function forecastSvg(history, forecast) {
  const ns = "http://www.w3.org/2000/svg", w = 560, h = 220, all = history.concat(forecast);
  const lo = Math.min(...all), hi = Math.max(...all), n = all.length;
  const x = (i) => 10 + i * (w - 20) / Math.max(1, n - 1), y = (v) => h - 10 - (v - lo) / ((hi - lo) || 1) * (h - 20);
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("class", "forecast"); svg.setAttribute("width", w); svg.setAttribute("height", h); svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  const line = (points, colour, id) => {
    const p = document.createElementNS(ns, "polyline");
    p.setAttribute("points", points.map(([i, v]) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" "));
    p.setAttribute("fill", "none"); p.setAttribute("stroke", colour); p.setAttribute("stroke-width", "2"); p.setAttribute("id", id);
    svg.append(p);
  };
  line(history.map((v, i) => [i, v]), "#357", "history");
  line([[history.length - 1, history[history.length - 1]], ...forecast.map((v, i) => [history.length + i, v])], "#d60", "forecast-line");
  return svg;
}

function drawingPad(canvas) {
  const g = canvas.getContext("2d");
  let drawing = false;
  const at = (e) => { const r = canvas.getBoundingClientRect(); return [(e.clientX - r.left) * canvas.width / r.width, (e.clientY - r.top) * canvas.height / r.height]; };
  canvas.addEventListener("pointerdown", (e) => { drawing = true; g.beginPath(); g.moveTo(...at(e)); });
  canvas.addEventListener("pointermove", (e) => {
    if (!drawing) return;
    g.strokeStyle = "#fff"; g.lineWidth = 22; g.lineCap = "round"; g.lineJoin = "round"; g.lineTo(...at(e)); g.stroke();
  });
  for (const end of ["pointerup", "pointerleave"]) canvas.addEventListener(end, () => { drawing = false; });
}
// The pad (light ink on dark, like MNIST) scaled down to 28 rows of 28 values in [0, 1].
function padRows(canvas) {
  const small = document.createElement("canvas");
  small.width = small.height = 28;
  const g = small.getContext("2d");
  g.drawImage(canvas, 0, 0, 28, 28);
  const pixels = g.getImageData(0, 0, 28, 28).data;
  return Array.from({ length: 28 }, (_, r) => Array.from({ length: 28 }, (_, c) => pixels[(r * 28 + c) * 4 + 3] / 255 * pixels[(r * 28 + c) * 4] / 255));
}

function report(e) { console.warn(e); }
loadModels().catch(report);
loadDatasets().catch(report);
loadJobs().catch(report);
