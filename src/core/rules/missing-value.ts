// MISSING_VALUE: a needed input is blank (实际完成值, 全年执行数, 编制数…), or a 得分 that needs a person.
import { num } from '../compute/evaluate';
import type { Finding } from '../findings';
import type { NumField, Table } from '../tables/model';
import { isScored } from './indicator-rows';
import { defineRule, finding, rowName, type Check } from './rule';

function blank(f: NumField | null): boolean {
  return f !== null && f.parse.kind === 'blank';
}

function missing(t: Table, f: NumField, why: string): Finding {
  return finding('MISSING_VALUE', t, f.row, f.col, `${f.label}为空，${why}。`);
}

const tablesMissing: Check = (ctx) => {
  const out: Finding[] = [];
  for (const t of ctx.tables) {
    if (t.kind === 'project-self-eval' || t.kind === 'dept-self-eval') {
      const b = t.budget;
      if (!b) continue;
      if (b.executed && blank(b.executed)) out.push(missing(t, b.executed, '无法计算执行率'));
      const base = b.annual && b.annual.parse.kind === 'number' ? b.annual : b.initial && b.initial.parse.kind === 'number' ? b.initial : null;
      if (!base && b.annual && blank(b.annual) && (!b.initial || blank(b.initial))) out.push(missing(t, b.annual, '年初预算数也为空，无法计算执行率'));
      const computable = base !== null && num(base) !== 0 && b.executed?.parse.kind === 'number';
      if (!computable && b.score && blank(b.score)) out.push(missing(t, b.score, '执行率无法计算，请先补全预算数和执行数'));
      if (base && base.parse.kind === 'number' && base.parse.value === 0 && b.rate) {
        out.push(finding('MISSING_VALUE', t, base.row, base.col, `${base.label}为 0，无法计算执行率，请核对预算数。`));
      }
    } else if (t.kind === 'basic-data' && t.staff) {
      for (const f of [t.staff.quota, t.staff.actual]) if (f && blank(f)) out.push(missing(t, f, '无法计算控制率'));
    } else if (t.kind === 'budget-execution') {
      for (const r of t.rows) for (const f of [r.initial, r.used]) if (f && blank(f)) out.push(missing(t, f, `「${r.name}」无法计算执行率`));
    } else if (t.kind === 'project-summary') {
      for (const r of t.rows) if (r.executed && blank(r.executed)) out.push(missing(t, r.executed, `「${r.name}」无法计算执行率`));
    }
  }
  return out;
};

export const missingValue = defineRule({
  scope: 'indicator-row',
  codes: { MISSING_VALUE: { severity: 'warning', label: '缺少数据' } },
  run: tablesMissing,
  row: (i, e) => {
    if (!isScored(i) || i.target.kind === 'na') return null;
    const actual =
      i.actual.kind === 'na' && !i.actual.text
        ? finding('MISSING_VALUE', e.table, i.ind.row, i.ind.actualCol, `${rowName(i.ind.level3, i.ind.row)}的实际完成值为空，请填写。`)
        : null;
    const score =
      i.computed === null && i.ind.score && blank(i.ind.score)
        ? finding('MISSING_VALUE', e.table, i.ind.score.row, i.ind.score.col, `${rowName(i.ind.level3, i.ind.row)}的得分为空；该指标为定性或无法自动计算，需人工评分（达成 80%–100%，部分达成 60%–80%，未达成 0–60%）。`)
        : null;
    return actual && score ? [actual, score] : actual ?? score;
  },
});
