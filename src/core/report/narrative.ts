// NARRATIVE_MISMATCH (SPEC §6): figures a written report ties to a project or to the department,
// compared with the tables. Only claims are compared: a figure needs a subject (a project named in the
// sentence, 本项目/本部门…, or a spending category) and words naming its field (预算/应支出 a budget,
// 实际支出/执行 an execution, 执行率, 得分…) before it; thresholds (超过5000元, ≥95%), shares (占…%),
// counts, years and amounts whose field is unclear are passed over.
import { lowTotalNarrativeFindings } from './low-total';
import { round, trunc } from '../num/decimal';
import { num, type TableEval } from '../compute/evaluate';
import type { Finding } from '../findings';
import { address } from '../grid/address';
import { fmtNum } from '../format';
import { halfWidth } from '../parse/text';
import { projectKey } from '../parse/project-key';
import { narrativeCodes } from '../rules/report-codes';
import type { Settings } from '../settings';
import type { MoneyUnit, NumField, Table } from '../tables/model';
import type { Analysed } from './model';

/** The code the narrative check reports (SPEC §6), in the registry with the rules' (src/core/rules). */

type Measure = 'initial' | 'annual' | 'executed' | 'rate' | 'score' | 'remaining' | 'last';
/** What a figure's words name: a table measure, or 'budget' when they name a budget but not which one. */
type Field = Measure | 'budget';

interface Fact {
  value: number;
  /** 'money' in 元, 'rate' as a fraction, 'score' in points. */
  type: 'money' | 'rate' | 'score';
  table: Table;
  cell: { row: number; col: number } | null;
  label: string;
  /** What the sheet shows where `value` is what recalculation writes instead (a total not yet recalculated). */
  stated?: number | null;
}

type Facts = Partial<Record<Measure, Fact>>;

interface Subjects {
  projects: Map<string, { name: string; facts: Facts }>;
  dept: Facts | null;
  /** 三公经费, 公用经费, 基本支出, 项目支出 of the department. */
  categories: Map<string, Facts>;
}

const YUAN: Record<MoneyUnit, number> = { 万元: 10000, 元: 1 };

function money(t: Table, f: NumField | null | undefined, label: string): Fact | undefined {
  const v = num(f);
  return v === null || !f ? undefined : { value: v * YUAN[t.moneyUnit], type: 'money', table: t, cell: { row: f.row, col: f.col }, label };
}

function merge(into: Facts, from: Facts): void {
  for (const k of Object.keys(from) as Measure[]) if (from[k] && !into[k]) into[k] = from[k];
}

function selfEvalFacts(e: TableEval, s: Settings): Facts {
  const se = e.selfEval!;
  const t = se.table;
  const b = t.budget;
  const f: Facts = {
    initial: money(t, b?.initial, '年初预算数'),
    annual: money(t, b?.annual, '全年预算数'),
    executed: money(t, b?.executed, '全年执行数'),
  };
  if (se.rate !== null) f.rate = { value: se.rate, type: 'rate', table: t, cell: b?.rate ?? b?.executed ?? null, label: '执行率' };
  if (se.totalCertain && se.indicators.length) {
    const col = t.total?.scoreCol ?? null;
    f.score = { value: round(se.scoreSum, s.precision), type: 'score', table: t, cell: t.total && col !== null ? { row: t.total.row, col } : null, label: '总得分' };
    const stated = num(t.total?.score ?? null);
    if (stated !== f.score.value) f.score.stated = stated;
  }
  const base = f.annual ?? f.initial;
  if (base && f.executed) f.remaining = { value: base.value - f.executed.value, type: 'money', table: t, cell: f.executed.cell, label: '结余（预算数减执行数）' };
  return f;
}

function gather(a: Analysed, s: Settings): Subjects {
  const projects = new Map<string, { name: string; facts: Facts }>();
  const categories = new Map<string, Facts>();
  let dept: Facts | null = null;
  const project = (name: string) => {
    const k = projectKey(name);
    if (!k || k.length < 2) return null;
    if (!projects.has(k)) projects.set(k, { name: k, facts: {} });
    return projects.get(k)!.facts;
  };
  // Own tables first: a project's 自评表 wins over the summary, the summary over the execution table.
  const order = ['project-self-eval', 'dept-self-eval', 'project-summary', 'budget-execution', 'basic-data'];
  const evals = [...a.evals].sort((x, y) => order.indexOf(x.table.kind) - order.indexOf(y.table.kind));
  for (const e of evals) {
    const t = e.table;
    if (t.kind === 'project-self-eval') {
      const f = project(t.name);
      if (f) merge(f, selfEvalFacts(e, s));
    } else if (t.kind === 'dept-self-eval') {
      dept ??= selfEvalFacts(e, s);
      for (const x of t.budget?.breakdown ?? []) {
        const cat = /基本支出/.test(x.label) ? '基本支出' : /项目支出/.test(x.label) ? '项目支出' : null;
        if (cat && !categories.has(cat)) categories.set(cat, { annual: { value: x.value * YUAN[t.moneyUnit], type: 'money', table: t, cell: t.budget ? { row: t.budget.row, col: 0 } : null, label: cat } });
      }
    } else if (t.kind === 'project-summary') {
      for (const r of t.rows) {
        const f = r.isSubtotal ? null : project(r.name);
        if (!f) continue;
        const base = num(r.annual) ?? num(r.initial);
        const ex = num(r.executed);
        merge(f, {
          initial: money(t, r.initial, '年初预算数'),
          annual: money(t, r.annual, '全年预算数'),
          executed: money(t, r.executed, '全年执行数'),
          rate: base && ex !== null ? { value: ex / base, type: 'rate', table: t, cell: r.rate ?? r.executed, label: '执行率' } : undefined,
          score: num(r.score) !== null && r.score ? { value: num(r.score) as number, type: 'score', table: t, cell: r.score, label: '得分' } : undefined,
        });
      }
    } else if (t.kind === 'budget-execution') {
      for (const r of t.rows) {
        const f = r.isSubtotal ? null : project(r.name);
        if (!f) continue;
        const ini = num(r.initial);
        const used = num(r.used);
        merge(f, {
          initial: money(t, r.initial, '年初预算指标'),
          executed: money(t, r.used, '已用指标'),
          rate: ini && used !== null ? { value: used / ini, type: 'rate', table: t, cell: r.rate ?? r.used, label: '预算执行率' } : undefined,
          remaining: ini !== null && used !== null ? { value: (ini - used) * YUAN[t.moneyUnit], type: 'money', table: t, cell: r.remaining ?? r.used, label: '剩余指标' } : undefined,
        });
      }
    } else if (t.kind === 'basic-data') {
      for (const r of t.rows) {
        const cat = r.role === 'top' ? (['三公经费', '公用经费', '项目支出'].find((c) => r.label.startsWith(c)) ?? null) : null;
        const facts: Facts = {
          last: money(t, r.amounts[0], t.amountLabels[0] ?? '上年决算数'),
          annual: money(t, r.amounts[1], t.amountLabels[1] ?? '本年预算数'),
          executed: money(t, r.amounts[2], t.amountLabels[2] ?? '本年决算数'),
        };
        if (facts.annual) facts.initial = facts.annual;
        if (cat) {
          const c = categories.get(cat) ?? {};
          // The basic-data table's figures are the department's own accounts: they win for categories.
          categories.set(cat, { ...c, ...Object.fromEntries(Object.entries(facts).filter(([, v]) => v)) });
        } else if (r.role === 'numbered' || r.role === 'item') {
          const f = project(r.label);
          if (f) merge(f, facts);
        }
      }
    }
  }
  return { projects, dept, categories };
}

const FIGURE = /(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万元|元|%|分)/g;
// The words that name a figure's field; the one ending nearest the figure wins, and on a tie (same end
// position) the earlier entry: 执行率 is a rate, not 执行; 未使用 remaining, not 使用; 应支出 a budget, not 支出.
const FIELD_WORDS: [RegExp, Field][] = [
  [/执行率/, 'rate'],
  [/总得分|总分|自评得分|得分/, 'score'],
  [/结余|剩余|未支出|未使用/, 'remaining'],
  [/上年决算数?|上年/, 'last'],
  [/年初预算数?|年初/, 'initial'],
  [/全年预算数?|调整后预算数?|当年预算数?|本年预算数?/, 'annual'],
  // 计划支出 is a plan (the whole phrase ties with 支出 and wins); 按计划支出 is spending done as planned.
  [/预算数?|应支出|(?<![按照])计划(?:支出|使用|投入|安排)?|安排|下达/, 'budget'],
  [/全年执行数?|执行数|实际支出|已支出|本年决算数?|决算数?|已用|执行|使用|支出/, 'executed'],
];
const NOT_A_CLAIM_BEFORE = /(超过|不超过|以上|以下|以内|不低于|不少于|不高于|达到|低于|高于|大于|小于|≥|≤|>|<|占[^，,。]{0,12}|约|近|逾|同比|增长|下降|增加|减少|调减|调增|比上年)$/;
const NOT_A_CLAIM_AFTER = /^(以上|以下|以内|左右|之内)/;
const CATEGORY_WORDS = /三公经费|公用经费|基本支出|项目支出|专项资金|专项经费|人员经费/g;
const CLAUSE_MARK = /[，,；;：:（(、]/g;

function lastMark(s: string): number {
  let at = 0;
  for (const m of s.matchAll(CLAUSE_MARK)) at = (m.index ?? 0) + 1;
  return at;
}

const DEPT = /本部门|本单位|我单位|我部门|部门整体|单位整体|整体支出|年度资金总额|部门预算/;
const PROJECT_SELF = /本项目|该项目/;
const CATEGORIES: [RegExp, string][] = [
  [/三公经费/, '三公经费'],
  [/公用经费/, '公用经费'],
  [/基本支出/, '基本支出'],
  [/项目支出|专项资金|专项经费/, '项目支出'],
];

/** Sentences: split at 。；！？ and line breaks, keeping the text for quotes. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[。；;！？!?])|\n+/)
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

function fieldOf(context: string): Field | null {
  let best: { at: number; field: Field } | null = null;
  for (const [re, field] of FIELD_WORDS) {
    const all = [...context.matchAll(new RegExp(re.source, 'g'))];
    const last = all[all.length - 1];
    if (last && last.index !== undefined) {
      const end = last.index + last[0].length;
      if (!best || end > best.at) best = { at: end, field };
    }
  }
  return best?.field ?? null;
}

/** The table figures a field may mean, the one to report first: a bare budget may be either budget. */
function candidates(facts: Facts, field: Field): Fact[] {
  const named = field === 'budget' ? [facts.annual, facts.initial] : [facts[field]];
  return named.filter((f): f is Fact => f !== undefined);
}

function typeOf(unit: string): Fact['type'] {
  return unit === '%' ? 'rate' : unit === '分' ? 'score' : 'money';
}

export function checkNarrative(text: string, a: Analysed, s: Settings): Finding[] {
  const subjects = gather(a, s);
  const names = [...subjects.projects.keys()].sort((x, y) => y.length - x.length);
  const findings: Finding[] = [];
  const onlyProject = subjects.projects.size === 1 ? [...subjects.projects.values()][0] : null;
  // The project a passage is about, for 本项目: the last one a sentence named.
  let current: { name: string; facts: Facts } | null = null;
  for (const raw of sentences(text)) {
    const sentence = halfWidth(raw);
    const named = names.filter((n) => sentence.includes(n));
    if (named.length === 1) current = subjects.projects.get(named[0])!;
    let lastFigureEnd = 0;
    for (const m of sentence.matchAll(FIGURE)) {
      const at = m.index ?? 0;
      const before = sentence.slice(0, at);
      const after = sentence.slice(at + m[0].length);
      if (NOT_A_CLAIM_BEFORE.test(before.replace(/\s+$/, '')) || NOT_A_CLAIM_AFTER.test(after)) {
        lastFigureEnd = at + m[0].length;
        continue;
      }
      // The clause the figure sits in: since the previous figure or clause mark. The words naming its field
      // must be there: a figure far from any says nothing checkable. Category names (项目支出…) name no field.
      const clause = before.slice(Math.max(lastFigureEnd, lastMark(before)) );
      const field = fieldOf(clause.replace(CATEGORY_WORDS, ''));
      lastFigureEnd = at + m[0].length;
      if (!field) continue;
      const type = typeOf(m[3]);
      if ((type === 'rate') !== (field === 'rate') || (type === 'score') !== (field === 'score')) continue;
      // Subject: a project named in the sentence (the nearest before the figure), unless the clause names a
      // spending category and not the project; else 本项目 (one project) or 本部门.
      let facts: Facts | null = null;
      let subject = '';
      let bestAt = -1;
      for (const n of names) {
        const i = before.lastIndexOf(n);
        if (i > bestAt) {
          bestAt = i;
          facts = subjects.projects.get(n)!.facts;
          subject = n;
        }
      }
      let cat: { at: number; name: string } | null = null;
      for (const [re, name] of CATEGORIES) {
        for (const c of before.matchAll(new RegExp(re.source, 'g'))) if (!cat || (c.index ?? 0) > cat.at) cat = { at: c.index ?? 0, name };
      }
      const self = current ?? onlyProject;
      if (cat && cat.at > bestAt) {
        if (!subjects.categories.has(cat.name)) continue; // a category the tables do not hold
        facts = subjects.categories.get(cat.name)!;
        subject = cat.name;
      } else if (!facts && PROJECT_SELF.test(sentence) && self) {
        facts = self.facts;
        subject = self.name;
      } else if (!facts && DEPT.test(sentence) && subjects.dept) {
        facts = subjects.dept;
        subject = '本部门';
      }
      if (!facts) continue;
      const compared = candidates(facts, field).filter((f) => f.type === type);
      if (!compared.length) continue;
      const decimals = m[2]?.length ?? 0;
      const stated = Number(`${m[1].replace(/,/g, '')}${m[2] ? `.${m[2]}` : ''}`);
      const scale = type === 'money' ? YUAN[m[3] as MoneyUnit] : type === 'rate' ? 0.01 : 1;
      const agrees = (f: Fact) => round(f.value / scale, decimals) === stated || trunc(f.value / scale, decimals) === stated;
      if (compared.some(agrees)) continue;
      const fact = compared[0];
      const truth = fact.value / scale;
      const shown = type === 'money' ? `${round(truth, Math.max(2, decimals)).toFixed(Math.max(2, decimals))}${m[3]}` : type === 'rate' ? `${fmtNum(round(truth, 2))}%` : `${fmtNum(round(truth, 2))}分`;
      const quote = raw.length > 60 ? raw.slice(0, 60) + '…' : raw;
      const cell = fact.cell;
      findings.push({
        code: 'NARRATIVE_MISMATCH',
        severity: narrativeCodes.codes.NARRATIVE_MISMATCH.severity,
        sheet: fact.table.sheet.name,
        cell: cell ? address(cell.row, cell.col) : 'A1',
        message: `报告中“${quote}”写的${subject}${fact.label}为${m[0].replace(/\s+/g, '')}，${asInSheet(fact, shown, scale)}。`,
        expected: round(truth, Math.max(2, decimals)),
        actual: stated,
      });
    }
  }
  // 宁夏: a low total requires sections of the report (SPEC §8).
  const selfEvals = a.evals.flatMap((e) => (e.selfEval ? [e.selfEval] : []));
  findings.push(...lowTotalNarrativeFindings(text, selfEvals, s));
  return findings;
}

/** 「表中为99.16分」, or where the sheet shows another total than recalculation writes, both (one story with 重算). */
function asInSheet(fact: Fact, shown: string, scale: number): string {
  if (fact.stated === undefined) return `表中为${shown}`;
  if (fact.stated === null) return `表中${fact.label}为空，重算后为${shown}`;
  return `表中为${fmtNum(round(fact.stated / scale, 2))}分，重算后为${shown}`;
}
