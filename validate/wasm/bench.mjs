// Node side of scripts/bench-validator.sh: loads the wasm-bindgen output of validate-wasm and
// times validations of the 10-container Fargate task definition. Prints figures only.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [pkgDir, docPath] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const wasm = require(`${pkgDir}/validate_wasm.js`);
const text = readFileSync(docPath, 'utf8');

const report = JSON.parse(wasm.validate('task-definition', text));
console.log(`wasm: document validated, ${report.findings.length} findings (${report.errors} errors)`);
console.log(`wasm: memory choices for 512 CPU units: ${Array.from(wasm.memory_choices(512)).join(', ')}`);

const samples = [];
for (let round = 0; round < 16; round++) {
  const n = 100;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) wasm.validate('task-definition', text);
  const us = Number(process.hrtime.bigint() - start) / 1000 / n;
  if (round > 0) samples.push(us);
}
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)];
console.log(`wasm (Node ${process.version}), from JSON text: median ${median.toFixed(1)} µs per validation (min ${samples[0].toFixed(1)}, max ${samples[samples.length - 1].toFixed(1)})`);
