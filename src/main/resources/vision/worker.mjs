// The vision worker: RGB frames in on stdin, one JSON line out per frame on stdout. The app starts it, feeds it one
// frame at a time (it waits for the answer before the next), watches it, and keeps it for the next video unless it
// failed.
//
// A frame: a 12-byte big-endian header (width, height, what: a sum of 1 = faces, 2 = objects, 4 = faces confirmed by
// their mesh, with their embeddings), then width * height * 3 bytes of RGB. The answer:
// {"faces":[{box,score,embedding}],"objects":[{label,box,score}]}, boxes as [x, y, width, height] in the frame's pixels.
// Text (what = 8): the header's first number is the length of a UTF-8 JSON body {"lines":["...",...]}, the second 0;
// the answer has, for each line, the people and places compromise names in it and VADER's sentiment (compound score,
// -1 to 1): {"lines":[{people,places,sentiment}]}.
//
// Models: @vladmandic/human's BlazeFace (back-camera model, 256 px input), face mesh, FaceRes (1024-d embeddings) and
// CenterNet (COCO's 80 classes), on TensorFlow.js's wasm backend; all from node_modules, nothing from the network;
// loaded at the first frame (a worker that reads text never loads them). Text: compromise (rules and a lexicon, MIT)
// and vader-sentiment (VADER's lexicon and rules, Apache-2.0), loaded at the first text.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// the packages of src/main/vision/package.json, installed by the build (target/vision/node_modules)
const modules = path.resolve(process.env.MEDIAROUTES_VISION_MODULES ?? 'node_modules');
const humanDir = path.join(modules, '@vladmandic', 'human');

// Human loads its models with fetch: only files under node_modules are served, any other address is refused, so no
// frame, and no request, leaves the machine.
globalThis.fetch = async (url) => {
  const address = String(url instanceof Request ? url.url : url);
  const file = address.startsWith('file:') ? path.resolve(fileURLToPath(address)) : null;
  if (!file || !file.startsWith(modules + path.sep)) throw new Error(`refused: ${address}`);
  return new Response(await readFile(file));
};

const { Human } = createRequire(import.meta.url)(path.join(humanDir, 'dist', 'human.node-wasm.js'));
const human = new Human({
  backend: 'wasm',
  wasmPath: path.join(modules, '@tensorflow', 'tfjs-backend-wasm', 'dist') + path.sep,
  wasmPlatformFetch: false,
  modelBasePath: pathToFileURL(path.join(humanDir, 'models')).href + '/',
  debug: false,
  async: false,
  warmup: 'none',
  cacheSensitivity: 0,
  filter: { enabled: false },
  face: {
    enabled: true,
    detector: { rotation: false, maxDetected: 50, minConfidence: Number(process.env.FACE_MIN_CONFIDENCE ?? 0.6), iouThreshold: 0.3, return: false },
    mesh: { enabled: false }, // on with embeddings (what 4): see faces()
    iris: { enabled: false },
    attention: { enabled: false },
    emotion: { enabled: false },
    antispoof: { enabled: false },
    liveness: { enabled: false },
    description: { enabled: true },
  },
  body: { enabled: false },
  hand: { enabled: false },
  gesture: { enabled: false },
  segmentation: { enabled: false },
  object: { enabled: true, minConfidence: Number(process.env.OBJECT_MIN_CONFIDENCE ?? 0.35), maxDetected: 30 },
});

// BlazeFace sees its input at 256 px: a face 40 px tall in a 1280x720 frame would shrink to 8 px wide. Square tiles of
// TILE px (with a quarter's overlap) make it 14 px; the whole frame is searched too, for faces larger than a tile. On
// the face grid of bench/quality, 720 px tiles found 108 of 114 faces 40 px tall in 0.39 s a frame, 512 px tiles 109
// in 0.51 s.
const TILE = Number(process.env.FACE_TILE ?? 720);

function tiles(width, height) {
  const spans = (size) => {
    if (size <= TILE) return [[0, size]];
    const count = Math.ceil((size - TILE / 4) / (TILE * 3 / 4));
    const step = (size - TILE) / (count - 1);
    return Array.from({ length: count }, (_, i) => [Math.round(i * step), TILE]);
  };
  const all = [[0, 0, width, height]];
  if (width > TILE || height > TILE) {
    for (const [y, h] of spans(height)) for (const [x, w] of spans(width)) all.push([x, y, w, h]);
  }
  return all;
}

const iou = (a, b) => {
  const w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / Math.min(a[2] * a[3], b[2] * b[3]);
};

const round = (n) => Math.round(n * 1000) / 1000;

async function faces(frame, width, height, embed) {
  human.config.face.enabled = true;
  human.config.face.description.enabled = embed;
  human.config.face.mesh.enabled = embed; // the mesh confirms a face: a cat's face or a wheel has none
  human.config.object.enabled = false;
  const found = [];
  for (const [x, y, w, h] of tiles(width, height)) {
    const tile = x === 0 && y === 0 && w === width && h === height ? frame : human.tf.slice(frame, [y, x, 0], [h, w, 3]);
    try {
      const result = await human.detect(tile);
      for (const f of result.face || []) {
        if (embed && !(f.embedding?.length > 0)) continue;
        found.push({ box: [f.box[0] + x, f.box[1] + y, f.box[2], f.box[3]].map(Math.round), score: round(f.boxScore ?? f.score),
          embedding: embed ? Array.from(f.embedding, round) : undefined });
      }
    } finally {
      if (tile !== frame) tile.dispose();
    }
  }
  // the same face seen in the whole frame and in a tile, or in two overlapping tiles: keep the surer one
  found.sort((a, b) => b.score - a.score);
  return found.filter((f, i) => found.slice(0, i).every((g) => iou(f.box, g.box) < 0.5));
}

async function objects(frame) {
  human.config.face.enabled = false;
  human.config.object.enabled = true;
  const result = await human.detect(frame);
  return (result.object || []).map((o) => ({ label: o.label, box: o.box.map(Math.round), score: round(o.score) }));
}

async function analyze(width, height, what, rgb) {
  const frame = human.tf.tensor3d(rgb, [height, width, 3], 'int32');
  try {
    return { faces: what & 5 ? await faces(frame, width, height, (what & 4) !== 0) : [], objects: what & 2 ? await objects(frame) : [] };
  } finally {
    frame.dispose();
  }
}

let loaded = null;
async function analyzeFrame(width, height, what, rgb) {
  loaded ??= human.load();
  await loaded;
  return analyze(width, height, what, rgb);
}

// names as a title: "new york," -> "New York", "Obama's" -> "Obama"
const titled = (names) => [...new Set(names.map((n) => n.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replace(/['’]s$/u, '')
  .replace(/(^|[\s-])(\p{Ll})/gu, (m, space, letter) => space + letter.toUpperCase())).filter((n) => n.length > 1))];

let text = null;
async function read(body) {
  text ??= import(pathToFileURL(path.join(modules, 'compromise', 'src', 'three.js')).href)
    .then(({ default: nlp }) => ({ nlp, vader: createRequire(import.meta.url)(path.join(modules, 'vader-sentiment')) }));
  const { nlp, vader } = await text;
  const { lines } = JSON.parse(body);
  return {
    lines: lines.map((line) => {
      const doc = nlp(line);
      // a person's name without a title before it: "President Obama" is Obama
      return { people: titled(doc.people().not('#Honorific').out('array')), places: titled(doc.places().out('array')),
        sentiment: round(vader.SentimentIntensityAnalyzer.polarity_scores(line).compound) };
    }),
  };
}

process.stdout.write(JSON.stringify({ ready: true }) + '\n');

let buffered = Buffer.alloc(0);
let busy = Promise.resolve();
process.stdin.on('data', (chunk) => {
  buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
  while (buffered.length >= 12) {
    const width = buffered.readUInt32BE(0);
    const height = buffered.readUInt32BE(4);
    const what = buffered.readUInt32BE(8);
    if (what === 8) {
      if (width > 16 * 1024 * 1024) {
        process.stderr.write(`text too long: ${width} bytes\n`);
        process.exit(2);
      }
      if (buffered.length < 12 + width) break;
      const body = buffered.subarray(12, 12 + width).toString('utf8');
      buffered = buffered.subarray(12 + width);
      busy = busy.then(() => read(body))
        .then((answer) => process.stdout.write(JSON.stringify(answer) + '\n'))
        .catch((e) => { process.stderr.write(String(e?.stack || e) + '\n'); process.exit(2); });
      continue;
    }
    if (width === 0 || height === 0 || width * height > 4096 * 4096) {
      process.stderr.write(`bad frame header: ${width}x${height}\n`);
      process.exit(2);
    }
    const size = 12 + width * height * 3;
    if (buffered.length < size) break;
    const rgb = new Uint8Array(buffered.subarray(12, size));
    buffered = buffered.subarray(size);
    busy = busy.then(() => analyzeFrame(width, height, what, rgb))
      .then((answer) => process.stdout.write(JSON.stringify(answer) + '\n'))
      .catch((e) => { process.stderr.write(String(e?.stack || e) + '\n'); process.exit(2); });
  }
});
process.stdin.on('end', () => busy.then(() => process.exit(0)));
