// bench/face-candidates' second candidate: @vladmandic/face-api's SSD MobileNet v1 face detector on TensorFlow.js's
// wasm backend, on the same RGB frames and tiles as the vision worker. Arguments: file:width:height, ...; FACE_TILE.
// Prints, per frame: its name, the faces found, the time.
const path = require('path'); const fs = require('fs');
const here = process.env.FACE_API_MODULES;
const tf = require(path.join(here, '@tensorflow/tfjs')); const wasm = require(path.join(here, '@tensorflow/tfjs-backend-wasm'));
const faceapi = require(path.join(here, '@vladmandic/face-api/dist/face-api.node-wasm.js'));
wasm.setWasmPaths(path.join(here, '@tensorflow/tfjs-backend-wasm/dist') + '/');
(async () => {
  await tf.setBackend('wasm'); await tf.ready();
  const models = path.join(here, '@vladmandic/face-api/model');
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(models);
  const TILE = Number(process.env.FACE_TILE || 100000);
  for (const arg of process.argv.slice(2)) {
    const [file, w, h] = arg.split(':'); const W = +w, H = +h;
    const rgb = new Uint8Array(fs.readFileSync(file));
    const frame = tf.tensor3d(rgb, [H, W, 3], 'int32');
    const t = Date.now(); let n = 0;
    const spans = (size) => { if (size <= TILE) return [[0, size]]; const n = Math.ceil((size - TILE / 4) / (TILE * 3 / 4)); return Array.from({ length: n }, (_, i) => [Math.round(i * (size - TILE) / (n - 1)), TILE]); };
    const boxes = [];
    for (const [y, th] of spans(H)) for (const [x, tw] of spans(W)) {
      const tile = tf.slice(frame, [y, x, 0], [th, tw, 3]);
      const found = await faceapi.detectAllFaces(tile, new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 50 }));
      found.forEach(d => boxes.push([d.box.x + x, d.box.y + y, d.box.width, d.box.height, d.score]));
      tile.dispose();
    }
    boxes.sort((a, b) => b[4] - a[4]);
    const iou = (a, b) => { const w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]); const hh = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]); return w <= 0 || hh <= 0 ? 0 : w * hh / Math.min(a[2] * a[3], b[2] * b[3]); };
    const kept = boxes.filter((b, i) => boxes.slice(0, i).every(c => iou(b, c) < 0.5));
    console.log(path.basename(file), kept.length, Date.now() - t);
    frame.dispose();
  }
})();
