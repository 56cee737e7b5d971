// The export reader's CPU time in V8, for a machine too busy for wall-clock figures: the
// built WebAssembly (a `pkg/` directory as wasm-bindgen writes it, e.g. dist/chromium/pkg)
// run in Node over one file, through stand-ins for the worker's `File` and `FileReaderSync`
// (Node has neither; the reader only slices the file and reads slices). After two warm-ups,
// each run's CPU time (process.cpuUsage: user + system of this process) and wall time.
// Compare builds by alternating them, several rounds, the same file. Prints one JSON line.
//
//   node tests/bench/export-cpu.mjs PKG_DIR FILE [RUNS]
//
// With `node --cpu-prof`, V8's profile of the same runs (a pkg built without
// `--remove-name-section` names the Rust functions).

import fs from 'node:fs';
import path from 'node:path';

const [pkg, file, runsArg] = process.argv.slice(2);
if (!pkg || !file) {
  console.error('usage: node tests/bench/export-cpu.mjs PKG_DIR FILE [RUNS]');
  process.exit(2);
}

class FakeBlob {
  constructor(fd, start, end) {
    this.fd = fd;
    this.start = start;
    this.end = end;
  }
  get size() {
    return this.end - this.start;
  }
  slice(a, b) {
    return new FakeBlob(this.fd, this.start + a, this.start + Math.min(b, this.size));
  }
}
class FakeFile extends FakeBlob {
  constructor(p) {
    const fd = fs.openSync(p, 'r');
    super(fd, 0, fs.fstatSync(fd).size);
    this.name = path.basename(p);
  }
}
globalThis.Blob = FakeBlob;
globalThis.File = FakeFile;
globalThis.FileReaderSync = class {
  readAsArrayBuffer(b) {
    const buf = new Uint8Array(b.size);
    fs.readSync(b.fd, buf, 0, b.size, b.start);
    return buf.buffer;
  }
};

// The export reader's own module (./dev build's `memport_export`), or, in a build from before
// the split, the one module.
const name = fs.existsSync(path.resolve(pkg, 'memport_export.js')) ? 'memport_export' : 'memport';
const m = await import(path.resolve(pkg, `${name}.js`));
await m.default({ module_or_path: fs.readFileSync(path.resolve(pkg, `${name}_bg.wasm`)) });
m.warmUp();
m.warmUp();
const runs = Number(runsArg ?? 5);
const wall = [];
const cpu = [];
let items = 0;
for (let r = 0; r < runs; r++) {
  const f = new FakeFile(file);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  items = m.importFiles([f], () => {}).items.length;
  wall.push((performance.now() - t0) / 1000);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1e6);
  fs.closeSync(f.fd);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(JSON.stringify({
  pkg, file: path.basename(file), items,
  cpu_best_s: Math.min(...cpu), cpu_median_s: median(cpu), wall_median_s: median(wall),
  cpu: cpu.map((x) => +x.toFixed(3)), wall: wall.map((x) => +x.toFixed(3)),
}));
