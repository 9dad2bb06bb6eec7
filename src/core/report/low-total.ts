// 宁夏 (SPEC §8): a total below the profile's line makes sections of the report required — 存在的问题 and
// 整改措施 — an error while they are blank, in the generated report and in a narrative already written.
import type { SelfEvalEval } from '../compute/evaluate';
import type { Finding } from '../findings';
import { address } from '../grid/address';
import { fmtNum } from '../format';
import { profileOf, type Settings } from '../settings';
import { round } from '../num/decimal';
import { h2, p, placeholder, type Block } from './model';
import { lowTotalCodes } from '../rules/report-codes';

export interface LowTotal {
  total: number;
  below: number;
  sections: string[];
  profile: string;
}

/** The requirement where the table's total (as the report states it) is below the profile's line. */
export function lowTotalOf(e: SelfEvalEval, s: Settings): LowTotal | null {
  const p = profileOf(s);
  if (!p.lowTotal) return null;
  // The total as recalculation leaves it (a blank score cell it fills counts), where it is certain.
  if (!e.totalCertain) return null;
  const total = round(e.scoreSum, s.precision);
  if (!(total < p.lowTotal.below)) return null;
  return { total, below: p.lowTotal.below, sections: p.lowTotal.sections, profile: p.name };
}

/** The required sections in a generated report: a heading each, to be written by the person. */
export function lowTotalBlocks(low: LowTotal, first: number): Block[] {
  const out: Block[] = [];
  low.sections.forEach((name, i) => {
    out.push(h2(`（${'一二三四五六七八九十'[first + i] ?? first + i + 1}）${name}`));
    out.push(p(placeholder(`${name}（${low.profile}规则：总分低于 ${fmtNum(low.below)} 分须写明）`)));
  });
  return out;
}

function requirement(e: SelfEvalEval, low: LowTotal, missing: string[], where: string): Finding {
  const t = e.table;
  const col = t.total?.scoreCol ?? t.headerCell.col;
  const row = t.total?.row ?? t.headerCell.row;
  return {
    code: 'LOW_TOTAL_SECTIONS',
    severity: lowTotalCodes.codes.LOW_TOTAL_SECTIONS.severity,
    sheet: t.sheet.name,
    cell: address(row, col),
    message: `${t.name ? `「${t.name}」` : ''}总分 ${fmtNum(low.total)} 低于 ${fmtNum(low.below)} 分，${low.profile}规则要求报告写明${low.sections.join('和')}；${where}${missing.join('、')}尚未填写。`,
  };
}

/** The generated report's required sections are placeholders until the person writes them. */
export function lowTotalReportFindings(evals: readonly SelfEvalEval[], s: Settings): Finding[] {
  const out: Finding[] = [];
  for (const e of evals) {
    const low = lowTotalOf(e, s);
    if (low) out.push(requirement(e, low, low.sections, '生成的报告中'));
  }
  return out;
}

/**
 * A narrative already written: each required section must be named and followed by some words of its
 * own (not a 【待填写】 placeholder) before the next heading.
 */
export function lowTotalNarrativeFindings(text: string, evals: readonly SelfEvalEval[], s: Settings): Finding[] {
  const out: Finding[] = [];
  for (const e of evals) {
    const low = lowTotalOf(e, s);
    if (!low) continue;
    const missing = low.sections.filter((name) => !written(text, name));
    if (missing.length) out.push(requirement(e, low, missing, '报告中'));
  }
  return out;
}

const HEADING = /^\s*(#+\s*)?([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十\d]+\)|\d+[.、])/;

function written(text: string, name: string): boolean {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const at = lines[i].indexOf(name);
    if (at < 0) continue;
    // The words after the name on its line, then the lines up to the next heading.
    const body = [lines[i].slice(at + name.length)];
    for (let j = i + 1; j < lines.length && !HEADING.test(lines[j]); j++) body.push(lines[j]);
    const words = body.join('').replace(/【待填写[^】]*】/g, '').replace(/[\s：:。，,;；、（）()#*_-]/g, '');
    if (words.length >= 6) return true;
  }
  return false;
}
