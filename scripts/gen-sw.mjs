// Trunk post_build hook (Trunk.toml): finishes the page build in trunk's
// staging directory ($TRUNK_STAGING_DIR) before it becomes dist/.
//  1. Moves trunk's inline init <script type="module"> into init-<hash>.js,
//     so the Content-Security-Policy can forbid inline scripts.
//  2. Builds the compute module (scripts/build-compute.sh: compute-<hash>.js,
//     _bg.wasm) and writes api.js (the JS API, from www/api-template.js)
//     importing it.
//  3. Writes worker.js (the page's worker: files, fits, discharge model,
//     from www/worker-template.js) and micro-worker.js (the microstructure
//     jobs, from www/micro-worker-template.js), both loading the compute
//     module, not the page's wasm.
//  4. Writes sw.js (from www/sw-template.js) with the precache list of every
//     file of the build and a version digest of their contents.
// Usage outside trunk: TRUNK_STAGING_DIR=dist node scripts/gen-sw.mjs
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging || !fs.existsSync(path.join(staging, 'index.html'))) {
  console.error('gen-sw: TRUNK_STAGING_DIR must name a built page (with index.html)');
  process.exit(1);
}

const digest = (data) => crypto.createHash('sha256').update(data).digest('hex');
const write = (name, text) => fs.writeFileSync(path.join(staging, name), text);

// 1. The inline init script trunk writes (it imports the wasm-bindgen module).
// It is changed to fetch the module and the wasm only after the first paint,
// and trunk's preloads of them are removed: the page's own text then paints
// (its largest contentful paint) without waiting on 230 kB of wasm, on a slow
// network too.
const indexPath = path.join(staging, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');
const inline = /<script type="module">([\s\S]*?import init[\s\S]*?)<\/script>/;
const found = html.match(inline);
if (found) {
  const staticImport = /^import init, \* as bindings from '(\.\/ionpath-[0-9a-f]+\.js)';$/m;
  if (!staticImport.test(found[1])) {
    console.error('gen-sw: trunk\'s init script no longer has the expected import line');
    process.exit(1);
  }
  const script = found[1].trim().replace(staticImport, (_, glueUrl) => [
    '// After the first paint (at once in a background tab, which does not paint): see scripts/gen-sw.mjs.',
    'await new Promise((resolve) => (document.visibilityState === \'hidden\' ? resolve() : requestAnimationFrame(() => setTimeout(resolve, 0))));',
    `const bindings = await import('${glueUrl}');`,
    'const init = bindings.default;',
  ].join('\n'));
  const name = `init-${digest(script).slice(0, 16)}.js`;
  write(name, script + '\n');
  html = html.replace(/<link rel="(?:modulepreload|preload)" href="\.\/ionpath-[0-9a-f]+(?:_bg\.wasm|\.js)"[^>]*>\s*/g, '');
  html = html.replace(inline, `<script type="module" src="./${name}"></script>`);
  fs.writeFileSync(indexPath, html);
} else if (!/<script type="module" src="\.\/init-[0-9a-f]{16}\.js">/.test(html)) {
  console.error('gen-sw: trunk\'s init script was not found in index.html');
  process.exit(1);
}
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html.replace(/<script[^>]*data-trunk-autoreload[^>]*>/g, ''))) {
  console.warn('gen-sw: index.html still holds an inline script; the CSP will block it');
}

// 2. and 3. The JS API module and the workers, bound to this build's hashed file names.
execFileSync(path.join(root, 'scripts/build-compute.sh'), [staging], { stdio: 'inherit' });
const files = fs.readdirSync(staging, { recursive: true })
  .map((f) => f.split(path.sep).join('/'))
  .filter((f) => fs.statSync(path.join(staging, f)).isFile());
/** The wasm-bindgen output `stem`-<hash>.js and its _bg.wasm, as [glue, wasm]. */
function bindgenOutput(stem, what) {
  const glue = files.find((f) => new RegExp(`^${stem}-[0-9a-f]+\\.js$`).test(f));
  const wasm = files.find((f) => new RegExp(`^${stem}-[0-9a-f]+_bg\\.wasm$`).test(f));
  if (!glue || !wasm) {
    console.error(`gen-sw: ${what} (${stem}-<hash>.js, _bg.wasm) is missing`);
    process.exit(1);
  }
  return [glue, wasm];
}
/** Writes `name` from www/`template`, importing the module [glue, wasm]. */
function bind(template, name, [glue, wasm]) {
  write(name, fs.readFileSync(path.join(root, 'www', template), 'utf8')
    .replaceAll('__IONPATH_JS__', `./${glue}`)
    .replaceAll('__IONPATH_WASM__', `./${wasm}`));
}
const page = bindgenOutput('ionpath', 'the wasm-bindgen output');
const compute = bindgenOutput('compute', 'the compute module');
bind('api-template.js', 'api.js', compute);
bind('worker-template.js', 'worker.js', compute);
bind('micro-worker-template.js', 'micro-worker.js', compute);

// 4. The service worker: every file of the build (sorted, so the output is
// reproducible), the page itself as './', and a digest of all contents.
const cached = [...new Set([...files, 'api.js', 'worker.js', 'micro-worker.js'])]
  .filter((f) => f !== 'sw.js' && f !== 'index.html')
  .sort();
const hash = crypto.createHash('sha256');
for (const f of [...cached, 'index.html']) {
  hash.update(f).update('\0').update(fs.readFileSync(path.join(staging, f)));
}
const version = hash.digest('hex').slice(0, 16);
const precache = ['./', ...cached.map((f) => `./${f}`)];
const sw = fs.readFileSync(path.join(root, 'www/sw-template.js'), 'utf8')
  .replace('__VERSION__', version)
  .replace('__PRECACHE__', JSON.stringify(precache, null, 2));
write('sw.js', sw);
console.log(`gen-sw: sw.js ${version}, ${precache.length} files precached; page → ${page[0]}; api.js, worker.js, micro-worker.js → ${compute[0]}`);
