// Human-readable output: a Chinese table of findings and of changes.
import { REASON_LABEL, type Change } from '../core/changes/changeset';
import type { TableSummary } from '../core/engine';
import type { Finding, Severity } from '../core/findings';
import { KIND_LABEL, SEVERITY_LABEL } from '../core/labels';
import { cellText } from '../core/parse/text';

export function printTables(tables: TableSummary[]): string {
  if (tables.length === 0) return '未识别到任何表格。\n';
  return `识别到 ${tables.length} 张表：\n` + tables.map((t) => `  · ${t.sheet}!${t.range}  ${KIND_LABEL[t.kind]}${t.title && t.title !== KIND_LABEL[t.kind] ? `（${t.title}）` : ''}`).join('\n') + '\n';
}

/** Readable output's options: `--explain` adds the rule and arithmetic under each computed value. */
export interface PrintOptions {
  explain?: boolean;
}

/** The explanation's line under a finding or a change. */
function explainLine(e: { text: string } | undefined, o: PrintOptions): string {
  return o.explain && e ? `\n      计算依据：${e.text}` : '';
}

export function printFindings(findings: Finding[], o: PrintOptions = {}): string {
  const count = (s: Severity) => `${SEVERITY_LABEL[s]} ${findings.filter((f) => f.severity === s).length}`;
  const head = `共 ${findings.length} 条：${count('error')}，${count('warning')}，${count('info')}。`;
  if (findings.length === 0) return '未发现问题。\n';
  const lines = findings.map((f) => `  [${SEVERITY_LABEL[f.severity]}] ${f.sheet}!${f.cell}  ${f.message}  (${f.code})${recalcNote(f)}${explainLine(f.explain, o)}`);
  return `${head}\n${lines.join('\n')}\n`;
}

/**
 * A finding in `--json`: the shape SPEC §5 documents ({ code, severity, sheet, cell, message, expected?,
 * actual? }). What 重算 does about it and a cross-table finding's other cell are in the readable output
 * and the pane; the message names both cells.
 */
export function jsonFinding(f: Finding): Pick<Finding, 'code' | 'severity' | 'sheet' | 'cell' | 'message' | 'expected' | 'actual' | 'explain'> {
  const { code, severity, sheet, cell, message, expected, actual, explain } = f;
  const out: ReturnType<typeof jsonFinding> = { code, severity, sheet, cell, message };
  if (expected !== undefined) out.expected = expected;
  if (actual !== undefined) out.actual = actual;
  // SPEC §8: a finding about a computed value carries the rule and arithmetic of the right value.
  if (explain !== undefined) out.explain = explain;
  return out;
}

/** 「重算可修正：将写入 9.38（修正）」 for a finding that recalculation resolves. */
function recalcNote(f: Finding): string {
  if (!f.recalc) return '';
  const w = f.recalc.writes;
  if (!w) return '  重算可修正';
  const where = w.sheet === f.sheet && w.cell === f.cell ? '' : `${w.sheet}!${w.cell} `;
  return `  重算可修正：将写入 ${where}${w.shown}（${REASON_LABEL[w.reason]}）`;
}

function stateText(v: unknown, fmt?: string): string {
  if (v === null || v === undefined) return '（空）';
  if (typeof v === 'number' && fmt && fmt.includes('%')) return `${Number((v * 100).toFixed(4))}%`;
  return cellText(v);
}

export function printChanges(changes: Change[], o: PrintOptions = {}): string {
  if (changes.length === 0) return '无需修改：所有计算值均已正确。\n';
  const lines = changes.map((c) => `  ${c.sheet}!${c.cell}  ${c.field}：${stateText(c.before.v, c.before.fmt)} → ${stateText(c.after.v, c.after.fmt)}${c.reason ? `（${REASON_LABEL[c.reason]}）` : ''}${explainLine(c.explain, o)}`);
  return `写入 ${changes.length} 个单元格：\n${lines.join('\n')}\n`;
}

/** Formulas that read a written cell but that the engine cannot evaluate: Excel recalculates them on opening. */
export function printStaleFormulas(stale: readonly { sheet: string; cell: string; formula: string }[]): string {
  if (stale.length === 0) return '';
  const lines = stale.map((f) => `  ${f.sheet}!${f.cell}  ${f.formula}`);
  return `以下 ${stale.length} 个公式引用了写入的单元格，本工具无法重算，Excel 打开文件时会重新计算（LibreOffice 需手动重算）：\n${lines.join('\n')}\n`;
}
