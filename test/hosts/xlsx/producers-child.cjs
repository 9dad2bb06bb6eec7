// The worker of producers-all.test.ts, forked with a heap limit: for each file the parent sends it runs
// the built CLI's run() (what `node dist/cli/main.js` runs) as `check F --json`, `recalc F -o OUT --json`
// and `check OUT --json`, then writes a small change set of its own through the built XlsxHost (what
// recalc does once the engine has its changes), reads it back and checks that output too. It replies
// with what happened; the parent compares the packages and kills this process when a file hangs.
'use strict';
const { existsSync } = require('node:fs');
const { extname, join } = require('node:path');

const DIST = process.env.JIXIAO_DIST;
const { run } = require(join(DIST, 'cli/main.js'));
const { XlsxHost } = require(join(DIST, 'hosts/xlsx/xlsx-host.js'));
const { makeChange } = require(join(DIST, 'core/changes/changeset.js'));

const cut = (s, n = 4000) => (s.length > n ? s.slice(0, n) + '…' : s);

async function cli(args) {
  let out = '';
  let err = '';
  const t = Date.now();
  let code;
  try {
    code = await run(args, (s) => (out += s), (s) => (err += s));
  } catch (e) {
    code = 'threw';
    err += String((e && e.stack) || e);
  }
  return { code, ms: Date.now() - t, out: cut(out, 200_000), err: cut(err) };
}

/** A few cells written on the first sheet: new numbers with a new number format, a formula and a text below the data; an existing number and an existing formula result changed. */
function syntheticChanges(wb) {
  const sheet = wb.sheets[0];
  const covered = (r, c) => sheet.merges.some((m) => r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1 && (r !== m.r0 || c !== m.c0));
  const below = Math.max(sheet.rows.length, ...sheet.merges.map((m) => m.r1 + 1)) + 1;
  const changes = [
    makeChange(wb, sheet.name, below, 0, { v: 1234.5, fmt: '#,##0.00"万元"' }, '预算数'),
    makeChange(wb, sheet.name, below, 1, { v: 0.875, fmt: '0.00%' }, '执行率'),
    makeChange(wb, sheet.name, below, 2, { v: 3, f: 'SUM(1,2)' }, '得分'),
    makeChange(wb, sheet.name, below, 3, { v: '自评' }, '说明'),
  ];
  let number = false;
  let formula = false;
  sheet.rows.forEach((row, r) =>
    (row || []).forEach((cell, c) => {
      if (!cell || typeof cell.v !== 'number' || covered(r, c)) return;
      const after = { v: cell.v + 1 };
      if (cell.fmt !== undefined) after.fmt = cell.fmt;
      if (cell.f === undefined && !number) {
        number = true;
        changes.push(makeChange(wb, sheet.name, r, c, after, '执行数'));
      } else if (cell.f !== undefined && !formula) {
        formula = true;
        changes.push(makeChange(wb, sheet.name, r, c, { ...after, f: cell.f }, '总分'));
      }
    }),
  );
  return changes;
}

async function edit(file, out) {
  let host;
  try {
    host = await XlsxHost.open(file);
  } catch (e) {
    return { opened: false, error: `${(e && e.name) || 'Error'}: ${e && e.message}` };
  }
  const r = { opened: true };
  try {
    const wb = await host.readWorkbook();
    if (!wb.sheets.length) return { ...r, skipped: 'no worksheet' };
    const changes = syntheticChanges(wb);
    r.sheet = wb.sheets[0].name;
    r.changes = changes.map((c) => ({ sheet: c.sheet, cell: c.cell, after: c.after }));
    await host.applyChanges({ changes });
    await host.save(out);
    r.notes = [...host.notes];
    r.written = existsSync(out);
    const back = await (await XlsxHost.open(out)).readWorkbook();
    const sheet = back.sheets.find((s) => s.name === r.sheet);
    r.readBack = changes
      .map((c) => {
        const cell = sheet && sheet.rows[c.row] ? sheet.rows[c.row][c.col] : undefined;
        const got = { v: cell ? cell.v : null, fmt: cell ? cell.fmt : undefined, formula: !!(cell && cell.f !== undefined) };
        const want = { v: c.after.v, fmt: c.after.fmt, formula: c.after.f !== undefined };
        return JSON.stringify(got) === JSON.stringify(want) ? null : `${c.sheet}!${c.cell}: wrote ${JSON.stringify(want)}, read ${JSON.stringify(got)}`;
      })
      .filter(Boolean);
    r.check = await cli(['check', out, '--json']);
  } catch (e) {
    r.error = `${(e && e.name) || 'Error'}: ${e && e.message}`;
  }
  return r;
}

process.on('message', async ({ id, file, outDir }) => {
  const ext = extname(file);
  const recalcOut = join(outDir, `${id}-recalc${ext}`);
  const editOut = join(outDir, `${id}-edit${ext}`);
  const res = { id, file, recalcOut, editOut };
  res.check = await cli(['check', file, '--json']);
  res.recalc = await cli(['recalc', file, '-o', recalcOut, '--json']);
  res.recalcWritten = existsSync(recalcOut);
  if (res.recalcWritten) res.recheck = await cli(['check', recalcOut, '--json']);
  res.edit = await edit(file, editOut);
  process.send(res);
});
process.send({ ready: true });
