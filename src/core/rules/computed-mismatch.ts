// RATE_MISMATCH, SCORE_MISMATCH, TOTAL_MISMATCH, GRADE_MISMATCH (and 剩余指标): a stated computed
// value disagrees with §4; FORMULA_KEPT where a user's formula stands; MISSING_VALUE where it is blank.
import { writtenValue, type ComputedField } from '../compute/computed';
import { agrees, round } from '../num/decimal';
import { sameGrade } from '../compute/grade';
import type { Finding } from '../findings';
import { fmtNum, fmtPct } from '../format';
import { cellText } from '../parse/text';
import { missingValue } from './missing-value';
import { defineRule, finding } from './rule';

export function shown(f: ComputedField, x: number): string {
  return f.kind === 'rate' ? fmtPct(x) : fmtNum(round(x, f.decimals));
}

function checkField(f: ComputedField, out: Finding[]): void {
  const cell = f.cell;
  if (f.kind === 'grade') {
    const text = cellText(cell?.v ?? null).trim();
    if (!text) {
      out.push(finding('MISSING_VALUE', f.table, f.row, f.col, `${f.label}为空，按总分应为「${f.exact}」。`, writtenValue(f)));
    } else if (!sameGrade(text, String(f.exact))) {
      out.push(finding('GRADE_MISMATCH', f.table, f.row, f.col, `${f.label}应为「${f.exact}」，表中为「${text}」。`, writtenValue(f), text));
    }
    return;
  }
  const exact = f.exact as number;
  if (!f.stated || f.stated.parse.kind === 'blank') {
    if (cell?.f) return;
    const then = f.withheld ? `；${f.withheld}，重算不会填入` : '，重算将填入';
    out.push(finding('MISSING_VALUE', f.table, f.row, f.col, `${f.label}为空，应为 ${shown(f, exact)}${then}。`, f.withheld ? undefined : writtenValue(f)));
    return;
  }
  // statedShown(f), without its object (hot: every computed field of every table).
  const p = f.stated.parse;
  if (p.kind !== 'number') return; // not a number: NOT_A_NUMBER reports it
  let stated = p.value;
  let computed = exact;
  let decimals = p.decimals;
  if (f.kind === 'rate') {
    // Compare in percent units: 89.12% against 89.125%.
    const statedPct = p.percent ? p.value * 100 : f.rateStyle === 'percent-units' ? p.value : p.value * 100;
    decimals = p.percent || f.rateStyle === 'percent-units' ? p.decimals : Math.max(0, p.decimals - 2);
    stated = Number(statedPct.toPrecision(15));
    computed = Number((exact * 100).toPrecision(15));
  }
  const ok = agrees(computed, stated, decimals);
  const statedValue = p.value;
  // A synced value that disagrees is the other table's figure: CROSS_SHEET_MISMATCH says so.
  if (!ok && !f.sync) {
    // Formatted only for a finding (hot: every computed field of every table).
    const statedText = f.kind === 'rate' ? `${fmtNum(stated, 4)}%` : fmtNum(stated, 6);
    if (f.withheld) {
      // Where the inputs are in doubt the sum is stated, not asked for (SPEC §5 TOTAL_MISMATCH).
      out.push(finding(f.mismatch, f.table, f.row, f.col, `${f.label}表中为 ${statedText}，按各行计算为 ${shown(f, exact)}；${f.withheld}。`, undefined, statedValue));
    } else out.push(finding(f.mismatch, f.table, f.row, f.col, `${f.label}应为 ${shown(f, exact)}，表中为 ${statedText}。`, writtenValue(f), statedValue));
  }
  // writtenValue(f) (the value recalculation writes) is made only for a finding (hot: every computed field).
  if (cell?.f) {
    const x = writtenValue(f);
    if (!ok || typeof x !== 'number' || cell.v !== x) {
      out.push(finding('FORMULA_KEPT', f.table, f.row, f.col, `${f.label}由公式计算，已保留公式未覆盖；按规则应为 ${shown(f, exact)}。`, x, statedValue));
    }
  }
}

export const computedMismatch = defineRule({
  scope: 'table',
  codes: {
    RATE_MISMATCH: { severity: 'error', label: '比率不符' },
    SCORE_MISMATCH: { severity: 'error', label: '得分不符' },
    TOTAL_MISMATCH: { severity: 'error', label: '合计不符' },
    // SPEC §8: the total above the cap the profile sets by 执行率 (a provincial manual).
    TOTAL_ABOVE_CAP: { severity: 'error', label: '总分超过封顶分' },
    GRADE_MISMATCH: { severity: 'error', label: '等级不符' },
    FORMULA_KEPT: { severity: 'info', label: '保留公式' },
  },
  alsoReports: [missingValue],
  run: (ctx) => {
    const out: Finding[] = [];
    for (const e of ctx.evals) for (const f of e.fields) checkField(f, out);
    return out;
  },
});
