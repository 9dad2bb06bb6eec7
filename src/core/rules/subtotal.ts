// SUBTOTAL_MISMATCH: a parent row ≠ Σ its children (§1.2), a 小计/合计 row ≠ Σ its items,
// or 其中 rows that exceed their parent.
import { agrees, sum } from '../num/decimal';
import { num } from '../compute/evaluate';
import { fmtNum } from '../format';
import type { Finding } from '../findings';
import type { BasicDataTable, NumField, Table } from '../tables/model';
import { defineRule, finding } from './rule';

function decimalsOf(f: NumField): number {
  return f.parse.kind === 'number' ? f.parse.decimals : 0;
}

function basicData(t: BasicDataTable): Finding[] {
  const out: Finding[] = [];
  const cols = t.amountLabels.length;
  t.rows.forEach((parent, pi) => {
    const children = t.rows.filter((r) => r.parent === pi && (r.role === 'numbered' || r.role === 'item'));
    const partGroups = new Map<number, typeof t.rows>();
    for (const r of t.rows) if (r.parent === pi && r.role === 'part' && r.partGroup !== null) partGroups.set(r.partGroup, [...(partGroups.get(r.partGroup) ?? []), r]);
    for (let c = 0; c < cols; c++) {
      const pf = parent.amounts[c];
      const pv = num(pf);
      if (!pf || pv === null) continue;
      const label = t.amountLabels[c] ?? '';
      const values = (rows: typeof t.rows) => rows.map((r) => num(r.amounts[c]));
      if (children.length) {
        const vs = values(children);
        if (vs.some((v) => v !== null) && !children.some((r) => r.amounts[c]?.parse.kind === 'invalid')) {
          const total = sum(vs.filter((v): v is number => v !== null));
          if (!agrees(total, pv, decimalsOf(pf))) {
            out.push(finding('SUBTOTAL_MISMATCH', t, pf.row, pf.col, `「${parent.label}」${label} ${fmtNum(pv)} 与其下各项之和 ${fmtNum(total)} 不等。`, total, pv));
          }
        }
      }
      for (const group of partGroups.values()) {
        const total = sum(values(group).filter((v): v is number => v !== null));
        if (total > pv) {
          out.push(finding('SUBTOTAL_MISMATCH', t, pf.row, pf.col, `「${parent.label}」${label} ${fmtNum(pv)} 小于其中各项之和 ${fmtNum(total)}，“其中”项不应超过总数。`, total, pv));
        }
      }
    }
  });
  return out;
}

/** A 小计/合计 row (above or below its items) against the sum of the other rows. */
function listSubtotals(t: Table, rows: { name: string; isSubtotal: boolean; fields: (NumField | null)[] }[], labels: string[]): Finding[] {
  const out: Finding[] = [];
  const items = rows.filter((r) => !r.isSubtotal);
  for (const sub of rows.filter((r) => r.isSubtotal)) {
    sub.fields.forEach((f, i) => {
      const v = num(f);
      if (!f || v === null) return;
      if (items.some((r) => r.fields[i]?.parse.kind === 'invalid')) return;
      const vs = items.map((r) => num(r.fields[i])).filter((x): x is number => x !== null);
      if (!vs.length) return;
      const total = sum(vs);
      if (!agrees(total, v, decimalsOf(f))) {
        out.push(finding('SUBTOTAL_MISMATCH', t, f.row, f.col, `「${sub.name}」${labels[i]} ${fmtNum(v)} 与各项之和 ${fmtNum(total)} 不等。`, total, v));
      }
    });
  }
  return out;
}

export const subtotal = defineRule({
  scope: 'table',
  codes: { SUBTOTAL_MISMATCH: { severity: 'error', label: '小计不符' } },
  run: (ctx) =>
    ctx.tables.flatMap((t) => {
      if (t.kind === 'basic-data') return basicData(t);
      if (t.kind === 'budget-execution')
        return listSubtotals(t, t.rows.map((r) => ({ name: r.name, isSubtotal: r.isSubtotal, fields: [r.initial, r.used, r.remaining] })), ['年初预算指标', '已用指标', '剩余指标']);
      if (t.kind === 'project-summary')
        return listSubtotals(t, t.rows.map((r) => ({ name: r.name, isSubtotal: r.isSubtotal, fields: [r.initial, r.annual, r.executed] })), ['年初预算数', '全年预算数', '全年执行数']);
      return [];
    }),
});
