// The narrative report (SPEC §6) as structured blocks; the sheet, .docx and Markdown writers render them.
import type { TableEval } from '../compute/evaluate';
import type { Finding } from '../findings';
import type { Table } from '../tables/model';

/**
 * What the reports are written from: the tables read, their evaluations and the findings. The engine's
 * Analysis is one (the report layer sits below the engine and does not import it).
 */
export interface Analysed {
  tables: Table[];
  evals: TableEval[];
  findings: Finding[];
}

/** A stretch of text; a placeholder is for the user to fill (facts the tables do not hold). */
export interface Run {
  text: string;
  placeholder?: boolean;
}

export type Block =
  | { kind: 'title'; text: string }
  /** Level 1: 一、… (黑体); level 2: （一）… (楷体). */
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'table'; header: string[]; rows: string[][] };

export interface Report {
  /** 'project' | 'dept' per self-evaluation table; 'summary' for the combined 总报告. */
  kind: 'project' | 'dept' | 'summary';
  title: string;
  /** Where the figures come from, e.g. "附件3!A1:I28". */
  source: string;
  blocks: Block[];
}

export const placeholder = (what: string): Run => ({ text: `【待填写：${what}】`, placeholder: true });

export function p(...parts: (string | Run)[]): Block {
  return { kind: 'paragraph', runs: parts.map((x) => (typeof x === 'string' ? { text: x } : x)) };
}

export function h1(text: string): Block {
  return { kind: 'heading', level: 1, text };
}

export function h2(text: string): Block {
  return { kind: 'heading', level: 2, text };
}

/** Plain text of a block, for Markdown/plain text and for tests. */
export function blockText(b: Block): string {
  switch (b.kind) {
    case 'title':
    case 'heading':
      return b.text;
    case 'paragraph':
      return b.runs.map((r) => r.text).join('');
    case 'table':
      return [b.header, ...b.rows].map((r) => r.join('\t')).join('\n');
  }
}

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];

/** 1 → 一 (for 一、 and （一） numbering). */
export function cnNumber(n: number): string {
  return CN_NUM[n - 1] ?? String(n);
}
