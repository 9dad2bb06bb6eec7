// Run by malformed-parts.test.ts in a child process (a scan that loops would hang jest itself):
// every XML scan of the package reader and editor, given malformed parts with the well-formedness
// check switched off, must end (return, or throw). Usage: node scan-malformed.cjs DIST FILE.xlsx [PER_PART]
// Prints one JSON line: { runs, worstMs, outcomes }.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const [dist, file, perPartArg] = process.argv.slice(2);
const PER_PART = Number(perPartArg ?? 60);
const xml = require(join(dist, 'hosts/xlsx/package/xml.js'));
const { PackageParts } = require(join(dist, 'hosts/xlsx/package/parts.js'));
const { readPackage } = require(join(dist, 'hosts/xlsx/package/read.js'));
const { patchSheet } = require(join(dist, 'hosts/xlsx/package/sheet-edit.js'));
const { StyleBook } = require(join(dist, 'hosts/xlsx/package/styles.js'));
const { readZip } = require(join(dist, 'hosts/xlsx/package/zip.js'));
const { entryData } = require(join(dist, 'hosts/xlsx/package/zip-node.js'));

// The scans meet the malformed text themselves: no check in front of them.
xml.checkWellFormed = () => {};

const buf = readFileSync(file);
const zip = readZip(buf);
const texts = new Map(zip.items.filter((i) => /\.(xml|rels)$/.test(i.name)).map((i) => [i.name, entryData(zip, i).toString('utf8')]));

/** Up to `n` positions spread over `list`. */
function spread(list, n) {
  if (list.length <= n) return list;
  return Array.from({ length: n }, (_, k) => list[Math.floor((k * list.length) / n)]);
}

function mutations(text) {
  const out = [];
  const ends = [...text.matchAll(/<\/[^>]+>/g)];
  for (const m of spread(ends, PER_PART)) out.push(text.slice(0, m.index) + text.slice(m.index + m[0].length)); // an end tag dropped
  const empties = [...text.matchAll(/\/>/g)];
  for (const m of spread(empties, PER_PART)) out.push(text.slice(0, m.index) + text.slice(m.index + 1)); // <x/> unclosed
  const cuts = Array.from({ length: Math.min(PER_PART, text.length) }, (_, k) => Math.floor((k * text.length) / Math.min(PER_PART, text.length)));
  for (const at of cuts) out.push(text.slice(0, at)); // cut short
  const starts = [...text.matchAll(/<[A-Za-z][^>]*[^/]>/g)];
  for (const m of spread(starts, PER_PART)) out.push(text.slice(0, m.index) + m[0] + text.slice(m.index)); // a start tag doubled
  return out;
}

let runs = 0;
let worstMs = 0;
const outcomes = {};
function attempt(what, f) {
  const t0 = performance.now();
  let outcome = 'ok';
  try {
    f();
  } catch (e) {
    outcome = e && e.name ? e.name : 'thrown';
  }
  worstMs = Math.max(worstMs, performance.now() - t0);
  runs++;
  outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
}

const writes = [
  { row: 0, col: 0, state: { v: 1 } },
  { row: 3, col: 7, state: { v: 0.5, fmt: '0.00%' } },
  { row: 40, col: 2, state: { v: 'x', f: 'A1' } },
];
for (const [name, text] of texts) {
  for (const mutated of mutations(text)) {
    const parts = new PackageParts(zip, (item) => (item.name === name ? Buffer.from(mutated, 'utf8') : entryData(zip, item)));
    attempt(`read ${name}`, () => readPackage(parts));
    if (/worksheets\//.test(name)) attempt(`edit ${name}`, () => patchSheet(mutated, writes, new StyleBook(texts.get('xl/styles.xml'))));
    if (/styles\.xml$/.test(name)) {
      attempt(`styles ${name}`, () => {
        const s = new StyleBook(mutated);
        s.withNumFmt(1, '0.00%');
        s.toXml();
      });
    }
  }
}
process.stdout.write(JSON.stringify({ runs, worstMs: Math.round(worstMs), outcomes }) + '\n');
