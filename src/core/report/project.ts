// 项目支出绩效自评报告 (SPEC §6): five sections, every figure from a cell.
import type { SelfEvalEval } from '../compute/evaluate';
import { num } from '../compute/evaluate';
import { round, sub } from '../compute/decimal';
import { rangeAddress } from '../grid/address';
import type { Settings } from '../settings';
import { money, pct, reportedTotal, score, yearOf } from './figures';
import { deductions, deductionSentence, indicatorSections, nameOf, overachieved } from './indicators';
import { h1, h2, p, placeholder, type Block, type Report } from './model';

export function projectReport(e: SelfEvalEval, s: Settings): Report {
  const t = e.table;
  const name = t.name || t.sheet.name;
  const year = yearOf(t.title, t.sheet.name) ?? '';
  const unit = s.moneyUnit;
  const b = t.budget;
  const m = (x: number | null) => (x === null ? null : money(x, t.moneyUnit, unit));
  const initial = m(num(b?.initial));
  const annual = m(num(b?.annual));
  const executed = m(num(b?.executed));
  const reported = reportedTotal(e, s);
  const blocks: Block[] = [{ kind: 'title', text: `${year ? `${year}年度` : ''}${name}项目支出绩效自评报告` }];

  blocks.push(h1('一、基本情况'));
  blocks.push(h2('（一）项目概况'));
  blocks.push(p(`${name}项目`, placeholder('项目立项依据、主要内容和实施情况')));
  blocks.push(h2('（二）资金投入和使用情况'));
  const money1: string[] = [];
  if (initial) money1.push(`年初预算数${initial}`);
  if (annual) money1.push(`全年预算数${annual}`);
  if (executed) money1.push(`全年执行数${executed}`);
  if (money1.length) {
    const rate = e.rate !== null ? `，预算执行率${pct(e.rate)}` : '';
    blocks.push(p(`${year ? `${year}年，` : ''}本项目${money1.join('，')}${rate}。`));
  } else blocks.push(p(placeholder('资金投入和使用情况（表中未填写预算和执行数）')));
  const parts = (b?.breakdown ?? []).filter((x) => x.value !== 0);
  if (parts.length) blocks.push(p(`资金构成：${parts.map((x) => `${x.label}${money(x.value, t.moneyUnit, unit)}`).join('，')}。`));

  blocks.push(h1('二、绩效目标完成情况'));
  blocks.push(h2('（一）年度总体目标'));
  blocks.push(p('年度预期目标：', t.goals.expected ? t.goals.expected : placeholder('年度总体目标')));
  blocks.push(p('实际完成情况：', t.goals.actual ? t.goals.actual : placeholder('年度总体目标实际完成情况')));
  blocks.push(...indicatorSections(e, 2));

  blocks.push(h1('三、自评结论'));
  const d = deductions(e);
  if (reported.total !== null) {
    blocks.push(p(`本项目绩效自评总分${score(reported.total)}，自评等级为“${e.grade}”。${deductionSentence(d)}`));
  } else blocks.push(p(reported.why, placeholder('自评总分和等级')));

  blocks.push(h1('四、偏离绩效目标的原因和改进措施'));
  blocks.push(...deviationBlocks(e, s, unit));

  blocks.push(h1('五、绩效自评结果拟应用和公开情况'));
  blocks.push(p(placeholder('自评结果在预算安排、项目调整中的应用，以及公开的时间和渠道')));
  return { kind: 'project', title: (blocks[0] as { text: string }).text, source: `${t.sheet.name}!${rangeAddress(t.range)}`, blocks };
}

/** Every deduction with its reason, execution below 100 % with the money left, and overachieved targets. */
export function deviationBlocks(e: SelfEvalEval, s: Settings, unit: Settings['moneyUnit']): Block[] {
  const t = e.table;
  const out: Block[] = [];
  let n = 1;
  if (e.rate !== null && e.rate < 1) {
    const base = num(e.rateBase);
    const executed = num(t.budget?.executed ?? null);
    const left = base !== null && executed !== null ? `，尚有${money(sub(base, executed), t.moneyUnit, unit)}未支出` : '';
    out.push(p(`${n++}.预算执行率为${pct(e.rate)}${left}。原因：`, placeholder('资金未全部支出的原因及改进措施')));
  }
  for (const i of e.indicators) {
    if (i.weight === null || i.effective === null || !(i.effective < i.weight)) continue;
    const reason = t.sheet.rows[i.ind.row]?.[i.ind.reasonCol ?? -1]?.v;
    const lost = score(sub(i.weight, i.effective));
    const text = typeof reason === 'string' && reason.trim() ? reason.trim() : null;
    out.push(p(`${n++}.${nameOf(i)}扣${lost}。`, text ? `原因及改进措施：${/[。.！!]$/.test(text) ? text : text + '。'}` : placeholder(`${nameOf(i)}的偏差原因及改进措施`)));
  }
  for (const i of overachieved(e, s)) {
    out.push(p(`${n++}.${nameOf(i)}实际完成值“${i.actual.text}”达到年度指标值“${i.target.text}”的${s.overachieveRatio}倍以上，年初指标值可能设置偏低，下一年度将结合实际合理设定。`));
  }
  if (out.length === 0) out.push(p('本项目各项绩效目标均已完成，未发现偏离绩效目标的情况。'));
  return out;
}
