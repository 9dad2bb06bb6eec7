// 项目支出绩效自评报告 (SPEC §6): five sections, every figure from a cell.
import type { SelfEvalEval } from '../compute/evaluate';
import { num } from '../compute/evaluate';
import { sub } from '../num/decimal';
import { rangeAddress } from '../grid/address';
import type { Settings } from '../settings';
import { money, pct, reportedTotal, score, yearOf } from './figures';
import { deductionSentence, deviationItems, indicatorSections } from './indicators';
import { h1, h2, p, placeholder, type Block, type Report } from './model';
import { selfEvalUnits } from './units';
import { lowTotalBlocks, lowTotalOf } from './low-total';
import { profileSentence } from './figures';

/** A project's name with 项目 once: 人代会议 → 人代会议项目, 委托业务项目 stays. */
export function projectName(name: string): string {
  return /项目$/.test(name) ? name : `${name}项目`;
}

/** The title of a project's report: 委托业务项目 gives 委托业务项目支出绩效自评报告, not 委托业务项目项目…. */
export function projectTitle(name: string, year: string): string {
  return `${year ? `${year}年度` : ''}${projectName(name)}支出绩效自评报告`;
}

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
  const blocks: Block[] = [{ kind: 'title', text: projectTitle(name, year) }];

  blocks.push(h1('一、基本情况'));
  blocks.push(h2('（一）项目概况'));
  const units = selfEvalUnits(t);
  const who = [units.dept && `主管部门为${units.dept}`, units.impl && `实施单位为${units.impl}`, !units.dept && !units.impl && units.unit && `预算单位为${units.unit}`].filter(Boolean);
  blocks.push(p(`${projectName(name)}`, who.length ? `${who.join('，')}。` : '', placeholder('项目立项依据、主要内容和实施情况')));
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
  if (reported.total !== null) {
    blocks.push(p(`本项目绩效自评总分${score(reported.total)}，自评等级为“${e.grade}”。`, ...deductionSentence(e)));
  } else blocks.push(p(reported.why, placeholder('自评总分和等级')));
  blocks.push(p(profileSentence(s)));

  blocks.push(h1('四、偏离绩效目标的原因和改进措施'));
  blocks.push(...deviationBlocks(e, s, unit));
  const low = lowTotalOf(e, s);
  if (low) blocks.push(...lowTotalBlocks(low, 0));

  blocks.push(h1('五、绩效自评结果拟应用和公开情况'));
  blocks.push(p(placeholder('自评结果在预算安排、项目调整中的应用，以及公开的时间和渠道')));
  return { kind: 'project', title: (blocks[0] as { text: string }).text, source: `${t.sheet.name}!${rangeAddress(t.range)}`, blocks };
}

/** Section 四: every deduction with its reason, execution below 100 % with the money left, overachieved targets. */
export function deviationBlocks(e: SelfEvalEval, s: Settings, unit: Settings['moneyUnit'], subject = '本项目'): Block[] {
  const t = e.table;
  let rate: Parameters<typeof deviationItems>[2] = null;
  if (e.rate !== null && e.rate < 1) {
    const base = num(e.rateBase);
    const executed = num(t.budget?.executed ?? null);
    const left = base !== null && executed !== null ? `，尚有${money(sub(base, executed), t.moneyUnit, unit)}未支出` : '';
    rate = { below: `预算执行率为${pct(e.rate)}${left}` };
  } else if (e.rate === null) {
    rate = { unknown: t.budget ? '表中预算数或执行数未填写，预算执行率无法计算：' : '表中预算资金部分未能识别，预算执行率无法计算：' };
  }
  return deviationItems(e, s, rate, subject);
}
