// 部门（单位）整体支出绩效自评报告 (SPEC §6): ten sections from the 自评表 and the 基础数据表.
import { sub } from '../num/decimal';
import type { SelfEvalEval } from '../compute/evaluate';
import { num } from '../compute/evaluate';
import { rangeAddress } from '../grid/address';
import type { Settings } from '../settings';
import type { BasicDataRow, BasicDataTable } from '../tables/model';
import { money, pct, profileSentence, reportedTotal, score, yearOf } from './figures';
import { deductionSentence, indicatorSections } from './indicators';
import { h1, h2, p, placeholder, type Block, type Report } from './model';
import { deviationBlocks } from './project';

function row(bd: BasicDataTable | null, label: RegExp): BasicDataRow | undefined {
  return bd?.rows.find((r) => r.role === 'top' && label.test(r.label));
}

/** "三公经费：上年决算 X，本年预算 Y，本年决算 Z，比上年增加/减少…" from a basic-data row. */
function spendingSentence(name: string, r: BasicDataRow | undefined, bd: BasicDataTable, unit: Settings['moneyUnit']): Block {
  const [last, budget, actual] = [0, 1, 2].map((i) => num(r?.amounts[i] ?? null));
  if (!r || (last === null && budget === null && actual === null)) return p(`${name}：`, placeholder(`${name}的上年决算、本年预算和本年决算数`));
  const m = (x: number) => money(x, bd.moneyUnit, unit);
  const parts: string[] = [];
  if (actual !== null) parts.push(`本年决算${m(actual)}`);
  if (budget !== null) parts.push(`本年预算${m(budget)}`);
  if (last !== null) parts.push(`上年决算${m(last)}`);
  let cmp = '';
  if (actual !== null && last !== null) {
    const d = sub(actual, last);
    cmp += d === 0 ? '，与上年持平' : `，比上年${d > 0 ? '增加' : '减少'}${m(Math.abs(d))}`;
  }
  if (actual !== null && budget !== null && budget !== 0) cmp += `，为预算的${pct(actual / budget)}`;
  return p(`${name}${parts.join('，')}${cmp}。`);
}

export function deptReport(e: SelfEvalEval, bd: BasicDataTable | null, s: Settings): Report {
  const t = e.table;
  const name = t.name || t.sheet.name;
  const year = yearOf(t.title, bd?.title ?? '', t.sheet.name) ?? '';
  const unit = s.moneyUnit;
  const m = (x: number | null) => (x === null ? null : money(x, t.moneyUnit, unit));
  const b = t.budget;
  const blocks: Block[] = [{ kind: 'title', text: `${year ? `${year}年度` : ''}${name.replace(/(?:整体支出)$/, '')}整体支出绩效自评报告` }];

  blocks.push(h1('一、部门（单位）基本情况'));
  blocks.push(h2('（一）部门职能职责'));
  blocks.push(p(placeholder('部门职能职责')));
  blocks.push(h2('（二）机构设置和人员情况'));
  const quota = num(bd?.staff?.quota ?? null);
  const staff = num(bd?.staff?.actual ?? null);
  if (quota !== null && staff !== null) {
    const over = staff > quota ? `，实际在职人数超过编制数${staff - quota}人` : '';
    blocks.push(p(`本部门编制数${quota}人，实际在职人数${staff}人，控制率${pct(staff / quota)}${over}。`, placeholder('内设机构和所属单位')));
  } else blocks.push(p(placeholder('机构设置、编制数和实际在职人数')));

  blocks.push(h1('二、一般公共预算支出情况'));
  blocks.push(h2('（一）基本支出和项目支出'));
  const initial = m(num(b?.initial ?? null));
  const annual = m(num(b?.annual ?? null));
  const executed = m(num(b?.executed ?? null));
  const totals = [initial && `年初预算数${initial}`, annual && `全年预算数${annual}`, executed && `全年执行数${executed}`].filter(Boolean);
  if (totals.length) blocks.push(p(`${year ? `${year}年，` : ''}本部门${totals.join('，')}${e.rate !== null ? `，预算执行率${pct(e.rate)}` : ''}。`));
  const basic = b?.breakdown.find((x) => /基本支出/.test(x.label));
  const project = b?.breakdown.find((x) => /项目支出/.test(x.label));
  if (basic || project) {
    const parts = [basic && `基本支出${money(basic.value, t.moneyUnit, unit)}`, project && `项目支出${money(project.value, t.moneyUnit, unit)}`].filter(Boolean);
    blocks.push(p(`按支出性质分：${parts.join('，')}。`));
  } else blocks.push(p(placeholder('基本支出和项目支出金额')));
  blocks.push(h2('（二）“三公”经费和公用经费'));
  if (bd) {
    blocks.push(spendingSentence('“三公”经费', row(bd, /^三公经费/), bd, unit));
    blocks.push(spendingSentence('公用经费', row(bd, /^公用经费/), bd, unit));
  } else blocks.push(p(placeholder('“三公”经费和公用经费（工作簿中没有基础数据表）')));

  const other = (label: RegExp) => b?.breakdown.find((x) => label.test(x.label) && x.value !== 0);
  const fund = other(/政府性基金/);
  blocks.push(h1('三、政府性基金预算支出情况'));
  blocks.push(p(fund ? `政府性基金拨款${money(fund.value, t.moneyUnit, unit)}。` : '无。'));
  blocks.push(h1('四、国有资本经营预算支出情况'));
  blocks.push(p('无。'));
  blocks.push(h1('五、社会保险基金预算支出情况'));
  blocks.push(p('无。'));

  blocks.push(h1('六、部门整体支出绩效情况'));
  const reported = reportedTotal(e, s);
  if (reported.total !== null) blocks.push(p(`部门整体支出绩效自评总分${score(reported.total)}，自评等级为“${e.grade}”。`, ...deductionSentence(e)));
  else blocks.push(p(reported.why, placeholder('自评总分和等级')));
  blocks.push(p(profileSentence(s)));
  blocks.push(h2('（一）年度总体目标'));
  blocks.push(p('年度预期目标：', t.goals.expected || placeholder('年度总体目标')));
  blocks.push(p('实际完成情况：', t.goals.actual || placeholder('年度总体目标实际完成情况')));
  blocks.push(...indicatorSections(e, 2));

  blocks.push(h1('七、存在的问题及原因分析'));
  blocks.push(...deviationBlocks(e, s, unit, '本部门'));
  blocks.push(h1('八、下一步改进措施'));
  blocks.push(p(placeholder('针对上述问题的改进措施')));
  blocks.push(h1('九、绩效自评结果拟应用和公开情况'));
  blocks.push(p(placeholder('自评结果的应用和公开情况')));
  blocks.push(h1('十、其他需要说明的情况'));
  blocks.push(p('无。'));
  return { kind: 'dept', title: (blocks[0] as { text: string }).text, source: `${t.sheet.name}!${rangeAddress(t.range)}`, blocks };
}
