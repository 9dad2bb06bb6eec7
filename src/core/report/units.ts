// The unit a table names in its header block (单位名称 / 预算单位 / 主管部门 / 实施单位), for the report's
// subject instead of a placeholder where the table says it.
import { cellText, halfWidth, isPlaceholder } from '../parse/text';
import type { SelfEvalTable, SummaryTable } from '../tables/model';

export type UnitRole = 'unit' | 'dept' | 'impl';

export type Units = Partial<Record<UnitRole, string>>;

const LABELS: [UnitRole, RegExp][] = [
  ['unit', /^(?:填报|申报|预算|评价)?单位(?:名称)?$|^预算部门(?:名称)?$|^部门(?:\(单位\))?名称$/],
  ['dept', /^主管(?:部门|单位)(?:名称)?$/],
  ['impl', /^(?:项目)?实施单位(?:名称)?$/],
];

function label(s: string): { role: UnitRole; rest: string } | null {
  const t = halfWidth(s).replace(/\s+/g, '');
  const m = /^([^:：]{2,12})[:：]?(.*)$/.exec(t);
  if (!m) return null;
  for (const [role, re] of LABELS) if (re.test(m[1])) return { role, rest: m[2] };
  return null;
}

/** A unit as a report names it: trimmed, without a leading budget code (`305001-湘东区人大`). */
function unitName(s: string): string {
  return s.replace(/\s+/g, ' ').trim().replace(/^\d{3,}\s*[-－—_]\s*/, '');
}

function plausible(s: string): boolean {
  return s.length >= 2 && s.length <= 40 && !isPlaceholder(s) && !label(s) && !/^[\d.,%\s]+$/.test(s) && !/^[(（]?(?:万?元|%)[)）]?$/.test(s);
}

/** `单位名称：X` in one cell, or a label cell and the next filled cell of its row, above row `end`. */
function scan(rows: SelfEvalTable['sheet']['rows'], from: number, end: number, c0: number, c1: number): Units {
  const out: Units = {};
  for (let r = Math.max(0, from); r < end; r++) {
    const row = rows[r] ?? [];
    for (let c = c0; c <= c1; c++) {
      const l = label(cellText(row[c]?.v ?? null));
      if (!l || out[l.role]) continue;
      let value = unitName(l.rest);
      for (let k = c + 1; !value && k <= c1; k++) {
        const t = cellText(row[k]?.v ?? null).trim();
        if (!t) continue;
        if (plausible(unitName(t))) value = unitName(t);
        break;
      }
      if (value && plausible(value)) out[l.role] = value;
    }
  }
  return out;
}

/** The units a self-evaluation table's header block names (between its title and its first block). */
export function selfEvalUnits(t: SelfEvalTable): Units {
  const first = Math.min(...[t.budget?.headerRow, t.indicatorHeaderRow].filter((x): x is number => x !== undefined && x >= 0));
  const end = Number.isFinite(first) ? first : t.range.r1 + 1;
  return scan(t.sheet.rows, t.range.r0 - 2, end, t.range.c0, t.range.c1);
}

/** The unit a summary table names: above its header, or one 预算单位 / 单位名称 column shared by every row. */
export function summaryUnits(t: SummaryTable): Units {
  const out = scan(t.sheet.rows, t.range.r0 - 3, t.headerRow, t.range.c0, t.range.c1);
  if (out.unit) return out;
  const header = t.sheet.rows[t.headerRow] ?? [];
  for (let c = t.range.c0; c <= t.range.c1; c++) {
    const l = label(cellText(header[c]?.v ?? null));
    if (!l || l.rest) continue;
    const values = new Set(t.rows.filter((r) => !r.isSubtotal).map((r) => unitName(cellText(t.sheet.rows[r.row]?.[c]?.v ?? null))));
    const [only] = values;
    if (values.size === 1 && plausible(only)) out[l.role] ??= only;
  }
  return out;
}

/**
 * The one unit several tables name, by role: 单位名称/预算单位 first, then 主管部门, then 实施单位. The
 * first role any table names decides: every table names it alike, or there is no one unit (null).
 */
export function commonUnit(all: Units[]): string | null {
  for (const role of ['unit', 'dept', 'impl'] as UnitRole[]) {
    const named = all.map((u) => u[role]);
    if (!named.some(Boolean)) continue;
    const values = new Set(named);
    return values.size === 1 && named[0] ? named[0] : null;
  }
  return null;
}
