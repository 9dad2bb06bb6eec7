// Workbooks as LibreOffice and openpyxl write them (test/fixtures/producers): the package reader reads
// what ExcelJS reads, and `jixiao recalc` writes its change set and leaves every other part as stored.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recalc } from '../../../src/core/engine';
import { readPackage } from '../../../src/hosts/xlsx/package/read';
import { readZip } from '../../../src/hosts/xlsx/package/zip';
import { entryData, nodeParts } from '../../../src/hosts/xlsx/package/zip-node';
import { XlsxHost } from '../../../src/hosts/xlsx/xlsx-host';
import { expectSameRead } from './read-compare';
import { expectWellFormed, tempDir } from './helpers';

const DIR = join(__dirname, '../../fixtures/producers');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.xlsx'));
const t = tempDir();
afterAll(() => t.cleanup());

test('the corpus has both producers', () => {
  expect(FILES.filter((f) => f.startsWith('libreoffice-')).length).toBeGreaterThanOrEqual(3);
  expect(FILES.filter((f) => f.startsWith('openpyxl-')).length).toBeGreaterThanOrEqual(3);
});

describe.each(FILES)('%s', (file) => {
  const input = readFileSync(join(DIR, file));

  test('reads what ExcelJS reads', async () => {
    await expectSameRead(input);
  });

  test('recalc writes its change set and copies every other part as stored', async () => {
    const host = await XlsxHost.fromBuffer(input);
    const r = recalc(await host.readWorkbook());
    await host.applyChanges(r.changes);
    const out = join(t.dir, file);
    await host.save(out);
    expect(host.notes).toEqual([]);

    const output = readFileSync(out);
    const before = readZip(input);
    const after = readZip(output);
    expect(after.items.map((i) => i.name)).toEqual(before.items.map((i) => i.name));
    for (const a of before.items) {
      const b = after.items.find((i) => i.name === a.name)!;
      const same = output.subarray(b.local, b.local + b.span).equals(input.subarray(a.local, a.local + a.span));
      if (same) continue;
      // Edited: a sheet written, styles.xml or workbook.xml; well-formed.
      expect(a.name).toMatch(/^xl\/(worksheets\/sheet\d+|styles|workbook)\.xml$/);
      expectWellFormed(entryData(after, b).toString('utf8'));
    }

    const back = readPackage(nodeParts(output)).workbook;
    for (const c of r.changes.changes) {
      const cell = back.sheets.find((s) => s.name === c.sheet)!.rows[c.row]?.[c.col];
      expect({ at: `${c.sheet}!${c.cell}`, v: cell?.v ?? null, fmt: cell?.fmt }).toEqual({ at: `${c.sheet}!${c.cell}`, v: c.after.v, fmt: c.after.fmt });
    }
  });
});
