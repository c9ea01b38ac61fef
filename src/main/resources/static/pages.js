// Shared by the pages at / and /video.html: small DOM and time helpers, the index fetch, and the index's moments.
function el(tag, attrs, children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  [].concat(children === undefined ? [] : children).forEach(c => node.append(c));
  return node;
}

function clock(seconds) {
  const s = Math.floor(Number(seconds) || 0);
  return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}

function seconds(timecode) {
  return String(timecode || '0').split(':').reduce((sum, part) => sum * 60 + parseFloat(part), 0);
}

function label(state) {
  return { NEW: 'Taken', CREATED: 'Created', UPLOADED: 'Uploaded', PROCESSING: 'Processing', DELIVERED: 'Delivered' }[state] || state;
}

/** Sinks by name: "direct:file-out" is the file-out sink. */
function sinkNames(sinks) {
  return sinks.map(s => s.replace(/^direct:/, '')).join(', ');
}

const indexes = {};
function index(videoId) {
  return indexes[videoId] = indexes[videoId]
      || fetch('/api/Videos/' + encodeURIComponent(videoId) + '/Index').then(r => { if (!r.ok) throw r.status; return r.json(); });
}

/** Every timed item of the index: {kind, start, text}, in time order. */
function momentsOf(ix) {
  const insights = (ix.videos && ix.videos[0] && ix.videos[0].insights) || {};
  const list = key => Array.isArray(insights[key]) ? insights[key] : [];
  const moments = [];
  const add = (kind, items, text) => items.forEach(item => (item.instances || []).forEach(i =>
      moments.push({ kind, start: seconds(i.start), text: text(item) })));
  add('shot', list('shots'), () => '');
  add('scene', list('scenes'), () => '');
  add('transcript', list('transcript'), item => item.text);
  add('ocr', list('ocr'), item => item.text);
  add('keyword', list('keywords'), item => item.text);
  add('silence', list('audioEffects').filter(e => e.type === 'Silence'), () => 'silence');
  add('face', list('faces'), item => item.name);
  add('label', list('labels'), item => item.name);
  add('named', list('namedPeople').concat(list('namedLocations'), list('brands')), item => item.name);
  add('topic', list('topics'), item => item.name);
  return moments.sort((a, b) => a.start - b.start);
}
