// CROSS_SHEET_MISMATCH: the same project's amounts or score differ between tables.
import { round } from '../num/decimal';
import { num, type TableEval } from '../compute/evaluate';
import type { Finding } from '../findings';
import { fmtNum } from '../format';
import { address } from '../grid/address';
import type { MoneyUnit, NumField, Table } from '../tables/model';
import { projectKey } from '../parse/project-key';
import { defineRule, finding } from './rule';

type Measure = 'initial' | 'annual' | 'executed' | 'score';

interface Figure {
  table: Table;
  value: number;
  /** Decimals as stated (or as recalculation writes). */
  decimals: number;
  row: number;
  col: number;
  /** What the source table calls it. */
  label: string;
  money: boolean;
  /** The number the sheet shows, where `value` is what recalculation writes instead (a project's total). */
  stated?: number | null;
  /** A summary row's 得分: recalculation takes it from the project's table where that total is certain (SPEC §4 sync). */
  synced?: boolean;
  /** A project's total as recalculation writes it (certain). */
  certain?: boolean;
}

interface Entry {
  table: Table;
  name: string;
  figures: Partial<Record<Measure, Figure>>;
}

function fig(t: Table, f: NumField | null, label: string, money = true): Figure | undefined {
  const v = num(f);
  if (!f || v === null || f.parse.kind !== 'number') return undefined;
  return { table: t, value: v, decimals: f.parse.decimals, row: f.row, col: f.col, label, money };
}

function entries(e: TableEval, precision: number): Entry[] {
  const t = e.table;
  switch (t.kind) {
    case 'project-self-eval': {
      const b = t.budget;
      const se = e.selfEval;
      const figures: Entry['figures'] = {
        initial: fig(t, b?.initial ?? null, '年初预算数'),
        annual: fig(t, b?.annual ?? null, '全年预算数'),
        executed: fig(t, b?.executed ?? null, '全年执行数'),
      };
      // The total as recalculation writes it where that is certain, else as the table states it.
      if (se && se.totalCertain && t.total && t.total.scoreCol !== null && se.indicators.length) {
        const value = round(se.scoreSum, precision);
        const stated = num(t.total.score);
        figures.score = { table: t, value, decimals: precision, row: t.total.row, col: t.total.scoreCol, label: '总得分', money: false, certain: true };
        if (stated !== value) figures.score.stated = stated;
      } else if (t.total) figures.score = fig(t, t.total.score, '总得分', false);
      return t.name ? [{ table: t, name: t.name, figures }] : [];
    }
    case 'project-summary':
      return t.rows
        .filter((r) => !r.isSubtotal)
        .map((r) => ({
          table: t,
          name: r.name,
          figures: {
            initial: fig(t, r.initial, '年初预算数'),
            annual: fig(t, r.annual, '全年预算数'),
            executed: fig(t, r.executed, '全年执行数'),
            score: synced(fig(t, r.score, '得分', false)),
          },
        }));
    case 'budget-execution':
      return t.rows
        .filter((r) => !r.isSubtotal)
        .map((r) => ({ table: t, name: r.name, figures: { initial: fig(t, r.initial, '年初预算指标'), executed: fig(t, r.used, '已用指标') } }));
    case 'basic-data':
      return t.rows
        .filter((r) => r.role === 'numbered' || r.role === 'item')
        .map((r) => ({
          table: t,
          name: r.label,
          figures: { annual: fig(t, r.amounts[1] ?? null, t.amountLabels[1] ?? '本年预算数'), executed: fig(t, r.amounts[2] ?? null, t.amountLabels[2] ?? '本年决算数') },
        }));
    case 'dept-self-eval':
      return [];
  }
}

/** Which measures each pair of table kinds compares. */
const PAIRS: Record<string, Measure[]> = {
  'basic-data|project-self-eval': ['annual', 'executed'],
  'budget-execution|project-summary': ['initial', 'executed'],
  'project-self-eval|project-summary': ['initial', 'annual', 'executed', 'score'],
};

const TO_YUAN: Record<MoneyUnit, number> = { 万元: 10000, 元: 1 };

function compare(a: Figure, b: Figure, name: string, unit: MoneyUnit): Finding | null {
  const [first, second] = order(a, b);
  const scaleA = first.money ? TO_YUAN[first.table.moneyUnit] : 1;
  const scaleB = second.money ? TO_YUAN[second.table.moneyUnit] : 1;
  // Precision as a power of ten in 元: 17.35 万元 is good to 100 元.
  const pa = -first.decimals + Math.log10(scaleA);
  const pb = -second.decimals + Math.log10(scaleB);
  const coarse = Math.max(pa, pb);
  const va = round(first.value * scaleA, -coarse);
  const vb = round(second.value * scaleB, -coarse);
  if (va === vb) return null;
  const show = (f: Figure, scale: number) => {
    const v = (x: number) => (f.money ? `${fmtNum((x * scale) / TO_YUAN[unit], 6)}${unit}` : `${fmtNum(x)}分`);
    const at = `${f.table.sheet.name}!${address(f.row, f.col)}`;
    if (f.stated === undefined) return `${at} ${f.label}为 ${v(f.value)}`;
    const asShown = f.stated === null ? `${f.label}为空` : `${f.label}表中为 ${v(f.stated)}`;
    return `${at} ${asShown}（重算将写入 ${v(f.value)}）`;
  };
  // The cell recalculation corrects (a summary row takes its project's total) is named first; the
  // finding's own cell stays the one in the table read second (SPEC §5), the other is `related`.
  const syncs = (a: Figure, b: Figure) => a.synced === true && b.certain === true;
  const wrongFirst = syncs(first, second) ? [first, second] : [second, first];
  const then = syncs(wrongFirst[0], wrongFirst[1]) ? '重算将按自评表同步汇总表。' : '请核对两表，改正有误的一处。';
  const msg = `「${name}」两表不一致：${wrongFirst.map((f) => show(f, f === first ? scaleA : scaleB)).join('，')}。${then}`;
  const out = finding('CROSS_SHEET_MISMATCH', second.table, second.row, second.col, msg, first.value, second.value);
  out.related = [{ sheet: first.table.sheet.name, cell: address(first.row, first.col) }];
  return out;
}

function synced(f: Figure | undefined): Figure | undefined {
  if (f) f.synced = true;
  return f;
}

function order(a: Figure, b: Figure): [Figure, Figure] {
  const ka = a.table.sheetIndex * 1e7 + a.row;
  const kb = b.table.sheetIndex * 1e7 + b.row;
  return ka <= kb ? [a, b] : [b, a];
}

/** The names of entries(e), in order, without their figures. */
function forEachName(e: TableEval, fn: (name: string) => void): void {
  const t = e.table;
  switch (t.kind) {
    case 'project-self-eval':
      if (t.name) fn(t.name);
      return;
    case 'project-summary':
    case 'budget-execution':
      for (const r of t.rows) if (!r.isSubtotal) fn(r.name);
      return;
    case 'basic-data':
      for (const r of t.rows) if (r.role === 'numbered' || r.role === 'item') fn(r.label);
      return;
    case 'dept-self-eval':
      return;
  }
}

export const crossSheet = defineRule({
  scope: 'workbook',
  codes: { CROSS_SHEET_MISMATCH: { severity: 'error', label: '跨表不一致' } },
  run: (ctx) => {
    // Only projects two entries share are compared: count the keys first, then make entries (with their
    // figures) for the tables that have such a project, in the same order as for all of them.
    const counts = new Map<string, number>();
    for (const e of ctx.evals) {
      forEachName(e, (name) => {
        const k = projectKey(name);
        if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
      });
    }
    const shared = (name: string) => {
      const k = projectKey(name);
      return k !== '' && (counts.get(k) ?? 0) > 1;
    };
    const byKey = new Map<string, Entry[]>();
    for (const e of ctx.evals) {
      let any = false;
      forEachName(e, (name) => {
        if (!any && shared(name)) any = true;
      });
      if (!any) continue;
      for (const en of entries(e, ctx.settings.precision)) {
        if (!shared(en.name)) continue;
        const k = projectKey(en.name);
        const list = byKey.get(k);
        if (list) list.push(en);
        else byKey.set(k, [en]);
      }
    }
    const out: Finding[] = [];
    for (const list of byKey.values()) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const [x, y] = [list[i], list[j]].sort((p, q) => (p.table.kind < q.table.kind ? -1 : 1));
          const measures = PAIRS[`${x.table.kind}|${y.table.kind}`];
          if (!measures) continue;
          for (const m of measures) {
            const fx = x.figures[m];
            const fy = y.figures[m];
            if (!fx || !fy) continue;
            const f = compare(fx, fy, projectKey(x.name), ctx.settings.moneyUnit);
            if (f) out.push(f);
          }
        }
      }
    }
    return out;
  },
});
