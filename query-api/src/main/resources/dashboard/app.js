// vigil dashboard: plain JS, no build step. The API key lives in localStorage and goes out as a Bearer header;
// images are fetched with that header and shown through blob: URLs (an <img src> cannot carry headers).
// /v1/events takes ?key= because EventSource cannot set headers either (the API accepts it on that route only).
'use strict';
const $ = (id) => document.getElementById(id);
let key = localStorage.getItem('vigil.key') || '';
let events = null;

function headers() { return key ? { 'Authorization': 'Bearer ' + key } : {}; }

async function api(path, options = {}) {
  const r = await fetch(path, { ...options, headers: { ...headers(), ...(options.body ? { 'Content-Type': 'application/json' } : {}) } });
  if (!r.ok) {
    let detail = r.status + '';
    try { const e = await r.json(); detail = e.error + ': ' + e.detail; } catch (_) { /* not JSON */ }
    throw new Error(detail);
  }
  return r.status === 204 ? null : r.json();
}

async function image(img, path) {
  try {
    const r = await fetch(path, { headers: headers() });
    if (!r.ok) { img.alt = img.alt + ' (no image yet)'; return; }
    const url = URL.createObjectURL(await r.blob());
    const old = img.dataset.blob;
    img.src = url;
    img.dataset.blob = url;
    if (old) URL.revokeObjectURL(old);
  } catch (_) { /* keep the old frame */ }
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function time(iso) { return new Date(iso).toLocaleTimeString(); }

async function loadCameras() {
  const list = $('cameras');
  try {
    const { cameras } = await api('/v1/cameras');
    list.replaceChildren(...cameras.map((c) => {
      const img = el('img', { alt: 'latest frame of ' + c.id, 'data-camera': c.id });
      image(img, '/v1/cameras/' + encodeURIComponent(c.id) + '/live.jpg');
      const mem = c.memory && c.memory.entries != null ? c.memory.entries + ' moments' : 'memory unavailable';
      return el('li', { class: 'camera' }, img,
        el('h3', {}, c.id),
        el('div', { class: 'state ' + c.status.state }, c.status.state + (c.status.fpsIn ? ' · ' + c.status.fpsIn.toFixed(1) + ' fps' : '')
          + (c.status.lastFrameTime ? ' · newest frame ' + Math.round(c.status.lagMillis / 1000) + ' s ago' : '') + ' · ' + mem),
        // a stalled, lagging or failing camera says what is wrong where it is shown
        c.status.problem ? el('div', { class: 'problem', role: 'status' }, c.status.problem) : '',
        el('button', { class: 'secondary', type: 'button', onclick: () => loadTimeline(c.id) }, 'Timeline'));
    }));
    if (!cameras.length) list.replaceChildren(el('li', { class: 'muted' }, 'No cameras visible to this key.'));
  } catch (e) {
    list.replaceChildren(el('li', { class: 'error' }, e.message));
  }
}

function refreshThumbnails() {
  document.querySelectorAll('#cameras img[data-camera]').forEach((img) =>
    image(img, '/v1/cameras/' + encodeURIComponent(img.dataset.camera) + '/live.jpg'));
}

async function ask(ev) {
  ev.preventDefault();
  const out = $('answer');
  const body = { question: $('question').value, cameras: '*' };
  if ($('window').value) body.last = $('window').value;
  out.replaceChildren(el('p', { class: 'muted' }, 'Thinking…'));
  $('ask-button').disabled = true;
  try {
    const a = await api('/v1/ask', { method: 'POST', body: JSON.stringify(body) });
    // what matched, grouped into events (contiguous matching clips): the answer's citations
    const items = a.events.map((e) => {
      const img = el('img', { alt: e.camera + ' from ' + e.start + ' to ' + e.end });
      if (e.peak.keyframeUrl) image(img, e.peak.keyframeUrl);
      return el('li', {}, el('a', { href: '#', onclick: (x) => { x.preventDefault(); loadTimeline(e.camera, e.peak.clipId); } },
        img, e.camera + ' · ' + time(e.start) + ' – ' + time(e.end) + ' · p ' + e.probability.toFixed(2)));
    });
    const summary = (a.events.length ? a.events.length + (a.events.length === 1 ? ' event' : ' events') : 'not seen')
      + ' at relevance ≥ ' + a.threshold + ' · ' + a.tokens.selected + ' of ' + a.tokens.available + ' tokens · model ' + a.model
      + ' · answered by ' + (a.llm === 'none' ? 'the evidence alone (no LLM)' : a.llm);
    out.replaceChildren(el('pre', { id: 'answer-text' }, a.answer),
      el('p', { class: 'muted' }, summary),
      el('ul', { class: 'evidence', id: 'events' }, ...items));
  } catch (e) {
    out.replaceChildren(el('p', { class: 'error' }, e.message));
  } finally {
    $('ask-button').disabled = false;
  }
}

const hover = el('div', { id: 'hover' }, el('img', { alt: '' }), el('div'));
document.body.append(hover);

async function loadTimeline(camera, highlight) {
  $('timeline-camera').textContent = '· ' + camera;
  const box = $('timeline');
  try {
    const t = await api('/v1/cameras/' + encodeURIComponent(camera) + '/timeline');
    box.replaceChildren(...t.clips.map((c) => {
      const b = el('button', { type: 'button', class: 'clip t' + c.tier + (c.clipId === highlight ? ' highlight' : ''),
        'aria-label': camera + ' ' + time(c.start) + ' to ' + time(c.end) + (c.tier ? ', consolidated' : '') });
      const show = (x) => {
        if (!c.keyframeUrl) return;
        image(hover.firstChild, c.keyframeUrl);
        hover.lastChild.textContent = time(c.start) + ' – ' + time(c.end);
        const r = b.getBoundingClientRect();
        hover.style.left = Math.min(r.left, window.innerWidth - 210) + 'px';
        hover.style.top = (r.bottom + 6) + 'px';
        hover.style.display = 'block';
      };
      b.addEventListener('mouseenter', show);
      b.addEventListener('focus', show);
      b.addEventListener('mouseleave', () => { hover.style.display = 'none'; });
      b.addEventListener('blur', () => { hover.style.display = 'none'; });
      return b;
    }));
    if (!t.clips.length) box.replaceChildren(el('p', { class: 'muted' }, 'No clips stored yet.'));
    const h = box.querySelector('.highlight');
    if (h) { h.scrollIntoView({ inline: 'center', block: 'nearest' }); h.focus(); }
  } catch (e) {
    box.replaceChildren(el('p', { class: 'error' }, e.message));
  }
}

function addAlert(a) {
  const img = el('img', { alt: '', width: 96 });
  const ev = a.evidence[0];
  if (ev && ev.keyframeUrl) image(img, ev.keyframeUrl);
  $('alerts').prepend(el('li', {}, el('a', { href: '#', onclick: (x) => { x.preventDefault(); loadTimeline(a.camera, ev.clipId); } },
    time(a.time) + ' · ' + a.camera + ' · "' + a.question + '" (p ' + a.probability.toFixed(2) + ')'), ' ', img));
  while ($('alerts').children.length > 50) $('alerts').lastChild.remove();
}

function connectEvents() {
  if (events) events.close();
  if (!key) return;
  events = new EventSource('/v1/events?key=' + encodeURIComponent(key));
  events.addEventListener('alert', (m) => addAlert(JSON.parse(m.data)));
}

async function loadWatches() {
  try {
    const { watches } = await api('/v1/watches');
    $('watches').replaceChildren(...watches.map((w) => el('li', {},
      '"' + w.question + '" on ' + w.cameras.join(', ') + ' at p ≥ ' + w.threshold + ' ',
      el('button', { class: 'secondary', type: 'button', 'aria-label': 'delete watch ' + w.question,
        onclick: async () => { await api('/v1/watches/' + w.id, { method: 'DELETE' }).catch((e) => alert(e.message)); loadWatches(); } }, 'Delete'))));
  } catch (e) {
    $('watches').replaceChildren(el('li', { class: 'error' }, e.message));
  }
}

async function addWatch(ev) {
  ev.preventDefault();
  try {
    await api('/v1/watches', { method: 'POST', body: JSON.stringify({ question: $('watch-question').value, cameras: '*', threshold: Number($('watch-threshold').value) }) });
    $('watch-question').value = '';
  } catch (e) { alert(e.message); }
  loadWatches();
}

function start() {
  $('key-state').textContent = key ? 'key set' : 'enter a key';
  loadCameras();
  loadWatches();
  connectEvents();
}

$('key').value = key;
$('key-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  key = $('key').value.trim();
  localStorage.setItem('vigil.key', key);
  start();
});
$('ask-form').addEventListener('submit', ask);
$('watch-form').addEventListener('submit', addWatch);
setInterval(refreshThumbnails, 5000);
start();
