// The emulated workbook as a grid: sheet tabs, merged cells, fills, the selection; only visible rows render.
import { useEffect, useMemo, useRef, useState } from 'react';
import { address, columnName } from '../core/grid/address';
import { MergeIndex } from '../core/grid/sheet';
import type { Sheet } from '../core/grid/types';
import type { EmulatedWorkbook } from '../hosts/emulated/state';
import { displayCell } from './format';

const ROW_H = 22;
const COL_W = 96;
const HEAD_W = 44;
const OVERSCAN = 20;

export function GridView({ book }: { book: EmulatedWorkbook }) {
  const [, setVersion] = useState(0);
  const [sheetName, setSheetName] = useState(book.activeSheet);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => book.onChange(() => setVersion((v) => v + 1)), [book]);
  // Follow the selection (a click on a finding selects a cell, possibly on another sheet).
  const sel = book.selection;
  useEffect(() => {
    if (!sel) return;
    setSheetName(sel.sheet);
    const row = Number(/\d+/.exec(sel.address)?.[0] ?? '1') - 1;
    const el = box.current;
    if (el && (row * ROW_H < el.scrollTop || (row + 1) * ROW_H > el.scrollTop + el.clientHeight - ROW_H)) {
      el.scrollTop = Math.max(0, row * ROW_H - el.clientHeight / 3);
    }
  }, [sel?.sheet, sel?.address]);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const sheet: Sheet | undefined = book.workbook.sheets.find((s) => s.name === sheetName) ?? book.workbook.sheets[0];
  const merges = useMemo(() => new MergeIndex(sheet?.merges ?? []), [sheet, sheet?.merges.length]);
  if (!sheet) return <div>工作簿中没有工作表。</div>;
  const rows = Math.max(sheet.rows.length + 5, 30);
  let cols = 8;
  for (const r of sheet.rows) if (r && r.length > cols) cols = r.length;
  cols += 1;
  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - OVERSCAN);
  const last = Math.min(rows - 1, Math.ceil((scrollTop + height) / ROW_H) + OVERSCAN);
  const selected = sel && sel.sheet === sheet.name ? sel.address.split(':')[0] : null;
  // Column widths the workbook sets, in points (4/3 px each).
  const widthOf = (c: number) => {
    const w = book.columnWidth(sheet.name, columnName(c));
    return w === undefined ? COL_W : Math.round((w * 4) / 3);
  };
  let tableWidth = HEAD_W;
  for (let c = 0; c < cols; c++) tableWidth += widthOf(c);

  const body = [];
  for (let r = first; r <= last; r++) {
    const tds = [
      <th key="h" className="rh">
        {r + 1}
      </th>,
    ];
    for (let c = 0; c < cols; c++) {
      const area = merges.areaOf(r, c);
      let rowSpan = 1;
      let colSpan = 1;
      let at = { r, c };
      if (area) {
        // The master renders the area; where the master has scrolled away, the first visible row stands in.
        const master = area.r0 === r && area.c0 === c;
        const standIn = area.r0 < first && r === first && c === area.c0;
        if (!master && !standIn) continue;
        rowSpan = Math.min(area.r1, last) - r + 1;
        colSpan = area.c1 - area.c0 + 1;
        at = { r: area.r0, c: area.c0 };
      }
      const addr = address(at.r, at.c);
      const cell = sheet.rows[at.r]?.[at.c];
      const fill = book.fills.get(`${sheet.name}!${addr}`);
      const fmt = book.cellFormat(sheet.name, addr);
      const num = typeof cell?.v === 'number';
      const style: Record<string, string | number> = {};
      if (fill) style.background = fill.slice(0, 7); // the colour of the fill (src/hosts/emulated/fill.ts)
      if (fmt?.bold) style.fontWeight = 'bold';
      if (fmt?.size) style.fontSize = `${fmt.size}px`;
      if (fmt?.wrap) style.whiteSpace = 'normal';
      tds.push(
        <td
          key={c}
          rowSpan={rowSpan > 1 ? rowSpan : undefined}
          colSpan={colSpan > 1 ? colSpan : undefined}
          data-addr={addr}
          className={(selected === addr ? 'sel ' : '') + (num ? 'num' : '')}
          style={Object.keys(style).length ? style : undefined}
          title={cell?.f ? `=${cell.f}` : undefined}
        >
          {displayCell(cell)}
        </td>,
      );
    }
    body.push(
      <tr key={r} style={{ height: ROW_H }}>
        {tds}
      </tr>,
    );
  }

  return (
    <div className="grid-wrap">
      <div className="grid" ref={box} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} data-testid="grid" data-sheet={sheet.name}>
        <table style={{ width: tableWidth }}>
          <colgroup>
            <col style={{ width: HEAD_W }} />
            {Array.from({ length: cols }, (_, c) => (
              <col key={c} style={{ width: widthOf(c) }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th className="corner" />
              {Array.from({ length: cols }, (_, c) => (
                <th key={c}>{columnName(c)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr style={{ height: first * ROW_H }} />
            {body}
            <tr style={{ height: (rows - 1 - last) * ROW_H }} />
          </tbody>
        </table>
      </div>
      <div className="tabs" role="tablist">
        {book.workbook.sheets.map((s) => (
          <button
            key={s.name}
            role="tab"
            aria-selected={s.name === sheet.name}
            className={s.name === sheet.name ? 'tab on' : 'tab'}
            onClick={() => setSheetName(s.name)}
            data-testid="sheet-tab"
          >
            {s.hidden ? `（隐藏）${s.name}` : s.name}
          </button>
        ))}
      </div>
    </div>
  );
}
