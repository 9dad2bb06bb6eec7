// Indicator passages shared by the project and department reports: targets against results,
// deductions with their reasons, and targets that may have been set too low. Sections 二, 三 and 四
// are written from the same facts (rowScore, deductions, unscored), so none says what another denies
// (SPEC §6 "The report agrees with the workbook").
import type { IndicatorEval, SelfEvalEval } from '../compute/evaluate';
import { isOverachieved } from '../compute/indicator-score';
import { sub, sum } from '../num/decimal';
import type { Settings } from '../settings';
import { cellText, isPlaceholder } from '../parse/text';
import type { NumField } from '../tables/model';
import { score } from './figures';
import { cnNumber, h2, p, placeholder, type Block, type Run } from './model';

function cell(e: SelfEvalEval, row: number, col: number | null): string {
  if (col === null) return '';
  return oneLine(cellText(e.table.sheet.rows[row]?.[col]?.v ?? null));
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function reasonOf(e: SelfEvalEval, i: IndicatorEval): string {
  return cell(e, i.ind.row, i.ind.reasonCol);
}

/**
 * The table's own numbering before an indicator's text: `1.`, `1、`, `1.1、`, `4.1.`, `（1）`, `(2)`,
 * `一、`, `①`. A number is numbering only with its mark after it: `65岁及以上…`, `1.2万元`, `3.5G…`
 * keep theirs.
 */
const NUMBERING = /^\s*(?:[(（]\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[)）]|\d{1,3}(?:[.．]\d{1,3})*(?:[、，,)）]|[.．](?!\d))|[一二三四五六七八九十]{1,3}[、.．]|[\u2460-\u2473\u2776-\u277f])\s*/;

export function stripNumbering(s: string): string {
  let t = s;
  for (let k = 0; k < 3; k++) {
    const m = NUMBERING.exec(t);
    if (!m || m[0].length === t.length) break;
    t = t.slice(m[0].length);
  }
  return t;
}

export function nameOf(i: IndicatorEval): string {
  const l3 = isPlaceholder(i.ind.level3) ? '' : stripNumbering(i.ind.level3.replace(/\s+/g, ''));
  return l3 || i.ind.level2.replace(/\s+/g, '') || `第${i.ind.row + 1}行指标`;
}

/** The target as the table states it: a split target's 指标性质 · 指标值 · 度量单位 composed (`≥735人次`). */
function targetText(e: SelfEvalEval, i: IndicatorEval): string {
  return oneLine(i.target.text) || cell(e, i.ind.row, i.ind.targetCol);
}

/**
 * The actual as the table states it, with its own unit column, else with the unit the target's unit
 * column states (`3620` under 平方米 reads 3620平方米, as the table writes the unit).
 */
function actualText(e: SelfEvalEval, i: IndicatorEval): string {
  const t = oneLine(i.actual.text);
  if (i.ind.actualUnitCol === null && i.ind.targetUnitCol !== null) {
    const shown = cell(e, i.ind.row, i.ind.targetUnitCol).replace(/\s+/g, '');
    const u = i.target.unit;
    if (shown && u && t.endsWith(u) && !t.endsWith(shown)) return t.slice(0, t.length - u.length) + shown;
  }
  return t || cell(e, i.ind.row, i.ind.actualCol);
}

/** A row that states no indicator: 三级指标 or 年度指标值 blank or a placeholder (`---`). */
export function isPlaceholderRow(i: IndicatorEval): boolean {
  return isPlaceholder(i.ind.level3) || i.target.kind === 'na';
}

function blank(f: NumField | null): boolean {
  return f !== null && f.parse.kind === 'blank';
}

/**
 * A row's score as the report states it: the score as recalculation leaves it, except that a score
 * cell that is blank is not filled in: never read as a score, full marks least of all.
 */
export function rowScore(i: IndicatorEval): number | null {
  return blank(i.ind.score) ? null : i.effective;
}

/** The 执行率 score as the report states it (blank cell: not filled in); null too where it is not scored. */
export function rateScore(e: SelfEvalEval): number | null {
  return blank(e.table.budget?.score ?? null) ? null : e.rateScoreEffective;
}

/** Rows that carry a weight: the ones scored. */
export function scoredRows(e: SelfEvalEval): IndicatorEval[] {
  return e.indicators.filter((i) => i.weight !== null && i.weight > 0);
}

/** Scored rows (and the 执行率 row) whose score is not filled in. */
export function unscored(e: SelfEvalEval): string[] {
  const out: string[] = [];
  if (e.rateWeight !== null && e.rateWeight > 0 && rateScore(e) === null) out.push('预算执行率');
  for (const i of scoredRows(e)) if (rowScore(i) === null) out.push(nameOf(i));
  return out;
}

/** Whether a scored row met its target: full marks. A placeholder row claims nothing. */
function status(i: IndicatorEval, got: number | null): string {
  if (got === null) return '得分未填写';
  const w = i.weight as number;
  if (got >= w) return '已完成';
  return got > 0 ? '部分完成' : '未完成';
}

/**
 * The groups of 一级指标 in the order they first appear: a 一级 the table repeats (the same text in two
 * separate runs of rows) is one group.
 */
function level1Groups(e: SelfEvalEval): { name: string; rows: IndicatorEval[] }[] {
  const byName = new Map<string, IndicatorEval[]>();
  const names = e.table.level1Groups.map((g) => g.name);
  for (const i of scoredRows(e)) {
    const name = names[i.ind.group] ?? '';
    const list = byName.get(name);
    if (list) list.push(i);
    else byName.set(name, [i]);
  }
  return [...byName].map(([name, rows]) => ({ name, rows }));
}

/** 二、(…) one heading per 一级指标, one sentence per indicator: target, result, done or not. */
export function indicatorSections(e: SelfEvalEval, startAt: number): Block[] {
  const out: Block[] = [];
  let n = startAt;
  for (const g of level1Groups(e)) {
    const title = g.name || '绩效指标';
    const full = sum(g.rows.map((i) => i.weight ?? 0));
    const scores = g.rows.map(rowScore);
    const missing = scores.filter((x) => x === null).length;
    out.push(h2(`（${cnNumber(n++)}）${title}完成情况`));
    out.push(
      p(
        `${title}共${g.rows.length}项，分值${score(full)}，`,
        missing ? `其中${missing}项得分未填写。` : `得${score(sum(scores as number[]))}。`,
      ),
    );
    g.rows.forEach((i, k) => {
      const no = `${k + 1}.`;
      const l2 = i.ind.level2 ? `（${i.ind.level2}）` : '';
      const got = rowScore(i);
      if (isPlaceholderRow(i)) {
        const what = [isPlaceholder(i.ind.level3) && '三级指标', i.target.kind === 'na' && '年度指标值'].filter(Boolean).join('和');
        out.push(p(`${no}${nameOf(i)}${l2}：表中${what}未填写，`, placeholder(`第${i.ind.row + 1}行指标的${what}及完成情况`), '。'));
        return;
      }
      const target = targetText(e, i) || '未填写';
      const actual = actualText(e, i) || '未填写';
      const runs: (string | Run)[] = [`${no}${nameOf(i)}${l2}：年度指标值为“${target}”，实际完成值为“${actual}”，${status(i, got)}`];
      runs.push(got !== null ? `，得分${score(got)}（分值${score(i.weight as number)}）。` : `（分值${score(i.weight as number)}）。`);
      out.push(p(...runs));
    });
  }
  return out;
}

export interface Deduction {
  name: string;
  lost: number;
  reason: string;
  /** The indicator, null for the 执行率 row. */
  row: IndicatorEval | null;
}

/** Every row that lost points (as its score is filled in), with the reason the table gives. */
export function deductions(e: SelfEvalEval): Deduction[] {
  const out: Deduction[] = [];
  const w = e.rateWeight;
  const rs = rateScore(e);
  if (w !== null && rs !== null && rs < w) out.push({ name: '预算执行率', lost: sub(w, rs), reason: '', row: null });
  for (const i of scoredRows(e)) {
    const got = rowScore(i);
    if (got === null || !(got < (i.weight as number))) continue;
    out.push({ name: nameOf(i), lost: sub(i.weight as number, got), reason: reasonOf(e, i), row: i });
  }
  return out;
}

/** Indicators whose actual is at least `ratio` × their target. */
export function overachieved(e: SelfEvalEval, s: Settings): IndicatorEval[] {
  return e.indicators.filter((i) => isOverachieved(i.target, i.actual, s.overachieveRatio));
}

/**
 * The deductions of section 三. Full marks only where every scored row (the 执行率 row included) has a
 * score filled in and none lost a point: a blank score is not full marks.
 */
export function deductionSentence(e: SelfEvalEval): (string | Run)[] {
  const d = deductions(e);
  const u = unscored(e);
  const parts: (string | Run)[] = [];
  if (d.length) parts.push(`扣分项共${d.length}项：${d.map((x) => `${x.name}扣${score(x.lost)}`).join('；')}。`);
  if (u.length) parts.push(`${u.length}项得分未填写（${u.join('、')}），`, placeholder('上述指标的得分'), '。');
  if (!d.length && !u.length) parts.push(scoredRows(e).length ? '各项指标均得满分，无扣分项。' : '表中没有评分的绩效指标。');
  return parts;
}

/**
 * Section 四 (project) / 七 (department): every deduction with its reason, 执行率 below 100 % with the
 * money left, overachieved targets, and scores not filled in. Says that nothing deviated only where the
 * tables show nothing: every score filled in at full marks, 执行率 100 %, no target overshot.
 */
export function deviationItems(
  e: SelfEvalEval,
  s: Settings,
  /** 执行率 below 100 %: what to say of it; or why it could not be computed. */
  rate: { below: string } | { unknown: string } | null,
  subject: string,
): Block[] {
  const out: Block[] = [];
  let n = 1;
  const d = deductions(e);
  const rateLoss = d.find((x) => x.row === null);
  if (rate && 'below' in rate) {
    out.push(p(`${n++}.${rate.below}${rateLoss ? `，执行率得分扣${score(rateLoss.lost)}` : ''}。原因：`, placeholder('资金未全部支出的原因及改进措施')));
  } else if (rate && 'unknown' in rate) {
    out.push(p(`${n++}.${rate.unknown}`, placeholder('预算执行情况')));
  }
  if (rateLoss && !(rate && 'below' in rate)) {
    out.push(p(`${n++}.预算执行率得分扣${score(rateLoss.lost)}。原因：`, placeholder('执行率扣分的原因及改进措施')));
  }
  for (const x of d) {
    if (!x.row) continue;
    const text = x.reason || null;
    out.push(p(`${n++}.${x.name}扣${score(x.lost)}。`, text ? `原因及改进措施：${/[。.！!]$/.test(text) ? text : text + '。'}` : placeholder(`${x.name}的偏差原因及改进措施`)));
  }
  for (const i of overachieved(e, s)) {
    out.push(p(`${n++}.${nameOf(i)}实际完成值“${actualText(e, i)}”达到年度指标值“${targetText(e, i)}”的${s.overachieveRatio}倍以上，年初指标值可能设置偏低，下一年度将结合实际合理设定。`));
  }
  const u = unscored(e);
  if (u.length) out.push(p(`${n++}.${u.join('、')}的得分未填写，是否偏离绩效目标待评分后确定：`, placeholder('上述指标的得分及偏差原因')));
  const empty = scoredRows(e).filter(isPlaceholderRow);
  if (empty.length) out.push(p(`${n++}.表中第${empty.map((i) => i.ind.row + 1).join('、')}行的指标未填写完整：`, placeholder('这些指标的内容及完成情况')));
  if (out.length === 0) {
    if (scoredRows(e).length) out.push(p(`${subject}各项绩效目标均已完成，未发现偏离绩效目标的情况。`));
    else out.push(p(placeholder('偏离绩效目标的情况（表中没有评分的绩效指标）')));
  }
  return out;
}
