// The browser baseline (issue 20, item 5; README "Where it runs"): the page's
// scripts are parsed as the oldest browsers the app supports parse them, and
// searched for library calls those browsers lack. Chromium 86 (the kernel of
// older 360 and QQ browsers) is the floor that binds: it reads ES2021 syntax
// (logical assignment came in 85) and class fields, not top-level await (89),
// `#x in obj` (91) or static blocks (94). web/check.js must parse as ES5: it
// runs in any browser, to say what is missing.
//   node tests/web/baseline.mjs [WEB_DIR]   (node-acorn from Debian)
// (A top-level await, Chrome 89, acorn refuses in a script by itself.)
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
// Debian's node-acorn (scripts/setup.sh installs it), where Debian puts it.
const acorn = await import('/usr/share/nodejs/acorn/dist/acorn.mjs');
const walk = await import('/usr/share/nodejs/acorn-walk/dist/walk.mjs');

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = process.argv[2] || process.env.QAWARD_WEB_DIR || join(root, 'build', 'wasm', 'web');

// Calls newer than Chromium 86, with the version that brought them (MDN
// browser-compat-data). A property name alone is enough to flag: a false
// alarm costs a rename, a miss costs a broken page.
const tooNew = new Map([
  ['at', 'Array/String.prototype.at (Chrome 92)'],
  ['structuredClone', 'structuredClone (Chrome 98)'],
  ['hasOwn', 'Object.hasOwn (Chrome 93)'],
  ['findLast', 'Array.prototype.findLast (Chrome 97)'],
  ['findLastIndex', 'Array.prototype.findLastIndex (Chrome 97)'],
  ['toSorted', 'Array.prototype.toSorted (Chrome 110)'],
  ['toReversed', 'Array.prototype.toReversed (Chrome 110)'],
  ['toSpliced', 'Array.prototype.toSpliced (Chrome 110)'],
  ['groupBy', 'Object.groupBy (Chrome 117)'],
  ['fromAsync', 'Array.fromAsync (Chrome 121)'],
  ['randomUUID', 'crypto.randomUUID (Chrome 92)'],
  ['Segmenter', 'Intl.Segmenter (Chrome 87)'],
  ['withResolvers', 'Promise.withResolvers (Chrome 119)'],
  ['showSaveFilePicker', 'showSaveFilePicker (Chrome 86, not Firefox or Safari)'],
]);
// AbortSignal.timeout (Chrome 103) is a common name ('timeout') in other uses: checked as a pair.
const tooNewPairs = new Map([['AbortSignal.timeout', 'AbortSignal.timeout (Chrome 103)'], ['AbortSignal.any', 'AbortSignal.any (Chrome 116)']]);

const scripts = [
  { file: join(root, 'web', 'check.js'), ecmaVersion: 5 },
  { file: join(root, 'web', 'platform.js'), ecmaVersion: 2022 },
  { file: join(root, 'web', 'package-worker.js'), ecmaVersion: 2022 },
  { file: join(root, 'web', 'sw.js'), ecmaVersion: 2022 },
  // What emscripten generated around the WebAssembly (its own targets).
  { file: join(built, 'qaward.js'), ecmaVersion: 2022, generated: true },
  { file: join(built, 'qaward_worker.js'), ecmaVersion: 2022, generated: true },
];

const problems = [];
let checked = 0;
for (const { file, ecmaVersion, generated } of scripts) {
  if (!existsSync(file)) {
    if (generated) { problems.push(`${file}: not built (build the wasm app first)`); continue; }
    problems.push(`${file}: missing`);
    continue;
  }
  const source = readFileSync(file, 'utf8');
  let ast;
  try {
    ast = acorn.parse(source, { ecmaVersion, sourceType: 'script', allowHashBang: true, locations: true });
  } catch (e) {
    problems.push(`${file}: not ${ecmaVersion === 5 ? 'ES5' : 'ES2022'} as the baseline parses it: ${e.message}`);
    continue;
  }
  checked++;
  const where = (node) => `${file}:${node.loc.start.line}`;
  walk.full(ast, (node) => {
    // Syntax Chromium 86 does not read although ES2022 has it.
    if (node.type === 'StaticBlock') problems.push(`${where(node)}: a static block (Chrome 94)`);
    if (node.type === 'BinaryExpression' && node.operator === 'in' && node.left.type === 'PrivateIdentifier') {
      problems.push(`${where(node)}: #x in obj (Chrome 91)`);
    }
    if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
      const name = node.property.name;
      if (tooNew.has(name)) problems.push(`${where(node)}: ${tooNew.get(name)}`);
      if (node.object.type === 'Identifier' && tooNewPairs.has(`${node.object.name}.${name}`)) {
        problems.push(`${where(node)}: ${tooNewPairs.get(`${node.object.name}.${name}`)}`);
      }
    }
    if (node.type === 'Identifier' && node.name === 'structuredClone') problems.push(`${where(node)}: ${tooNew.get('structuredClone')}`);
  });
}
if (problems.length > 0) {
  console.error(`FAIL the browser baseline:\n${[...new Set(problems)].join('\n')}`);
  process.exit(1);
}
console.log(`PASS the browser baseline: ${checked} scripts parse as Chromium 86 reads them and call nothing newer`);
