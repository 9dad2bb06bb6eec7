// RATE_MISMATCH, SCORE_MISMATCH, TOTAL_MISMATCH, GRADE_MISMATCH (and 剩余指标): a stated computed
// value disagrees with §4; FORMULA_KEPT where a user's formula stands; MISSING_VALUE where it is blank.
import { statedShown, writtenValue, type ComputedField } from '../compute/computed';
import { agrees, round } from '../compute/decimal';
import { normaliseGrade } from '../compute/grade';
import type { Finding } from '../findings';
import { fmtNum, fmtPct } from '../format';
import { cellText } from '../parse/text';
import { finding, type Rule } from './rule';

export function shown(f: ComputedField, x: number): string {
  return f.kind === 'rate' ? fmtPct(x) : fmtNum(round(x, f.decimals));
}

function checkField(f: ComputedField): Finding[] {
  const out: Finding[] = [];
  const cell = f.cell;
  const expected = writtenValue(f);
  if (f.kind === 'grade') {
    const text = cellText(cell?.v ?? null).trim();
    if (!text) {
      out.push(finding('MISSING_VALUE', f.table, f.row, f.col, `${f.label}为空，按总分应为「${f.exact}」。`, expected));
    } else if (normaliseGrade(text) !== f.exact) {
      out.push(finding('GRADE_MISMATCH', f.table, f.row, f.col, `${f.label}应为「${f.exact}」，表中为「${text}」。`, expected, text));
    }
    return out;
  }
  const exact = f.exact as number;
  if (!f.stated || f.stated.parse.kind === 'blank') {
    if (!cell?.f) out.push(finding('MISSING_VALUE', f.table, f.row, f.col, `${f.label}为空，应为 ${shown(f, exact)}，重算将填入。`, expected));
    return out;
  }
  const cmp = statedShown(f);
  if (!cmp) return out; // not a number: NOT_A_NUMBER reports it
  const ok = agrees(cmp.computed, cmp.stated, cmp.decimals);
  const statedValue = f.stated.parse.kind === 'number' ? f.stated.parse.value : cmp.stated;
  if (!ok) {
    // Formatted only for a finding (hot: every computed field of every table).
    const statedText = f.kind === 'rate' ? `${fmtNum(cmp.stated, 4)}%` : fmtNum(cmp.stated, 6);
    out.push(finding(f.mismatch, f.table, f.row, f.col, `${f.label}应为 ${shown(f, exact)}，表中为 ${statedText}。`, expected, statedValue));
  }
  if (cell?.f && (!ok || typeof expected !== 'number' || cell.v !== expected)) {
    out.push(finding('FORMULA_KEPT', f.table, f.row, f.col, `${f.label}由公式计算，已保留公式未覆盖；按规则应为 ${shown(f, exact)}。`, expected, statedValue));
  }
  return out;
}

export const computedMismatch: Rule = (ctx) => ctx.evals.flatMap((e) => e.fields.flatMap(checkField));
