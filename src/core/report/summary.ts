// 项目支出绩效自评总报告: each project's 执行率, 得分 and 等级, and the totals; from a 项目绩效自评汇总表
// or, without one, from the project tables of the workbook.
import { clean, div, round, sum } from '../num/decimal';
import type { SelfEvalEval } from '../compute/evaluate';
import { num } from '../compute/evaluate';
import { gradeOf } from '../compute/grade';
import { rangeAddress } from '../grid/address';
import { profileOf, type Settings } from '../settings';
import type { MoneyUnit, SummaryTable } from '../tables/model';
import { projectKey } from '../parse/project-key';
import { money, pct, profileSentence, reportedTotal, score, yearOf } from './figures';
import { h1, p, placeholder, type Block, type Report } from './model';
import { commonUnit, selfEvalUnits, summaryUnits } from './units';

interface ProjectLine {
  name: string;
  annual: number | null;
  executed: number | null;
  unit: MoneyUnit;
  rate: number | null;
  score: number | null;
}

/**
 * The summary's rows. A project with its own self-evaluation table in the workbook takes that table's
 * total as recalculation writes it (SPEC §4, sync), or none where it is not certain; a stated score above
 * the full score is no score (SPEC §6: never a total above totalWeight).
 */
function fromSummary(t: SummaryTable, projects: SelfEvalEval[], s: Settings): ProjectLine[] {
  const own = new Map<string, number | null>();
  for (const e of projects) {
    const k = projectKey(e.table.name);
    if (k) own.set(k, own.has(k) ? null : reportedTotal(e, s).total);
  }
  return t.rows
    .filter((r) => !r.isSubtotal)
    .map((r) => {
      const annual = num(r.annual) ?? num(r.initial);
      const executed = num(r.executed);
      const k = projectKey(r.name);
      const stated = num(r.score);
      const sc = own.has(k) ? (own.get(k) as number | null) : stated !== null && stated >= 0 && stated <= s.totalWeight ? stated : null;
      return { name: r.name, annual, executed, unit: t.moneyUnit, rate: annual && executed !== null ? div(executed, annual) : null, score: sc };
    });
}

function fromProjects(evals: SelfEvalEval[], s: Settings): ProjectLine[] {
  return evals.map((e) => {
    const b = e.table.budget;
    return {
      name: e.table.name || e.table.sheet.name,
      annual: num(b?.annual ?? null) ?? num(b?.initial ?? null),
      executed: num(b?.executed ?? null),
      unit: e.table.moneyUnit,
      rate: e.rate,
      score: reportedTotal(e, s).total,
    };
  });
}

export function summaryReport(summary: SummaryTable | null, projects: SelfEvalEval[], s: Settings): Report {
  const lines = summary ? fromSummary(summary, projects, s) : fromProjects(projects, s);
  const unit = s.moneyUnit;
  const year = yearOf(summary?.title ?? '', ...projects.map((e) => e.table.title)) ?? '';
  const toUnit = (x: number, from: MoneyUnit) => clean((x * (from === '万元' ? 10000 : 1)) / (unit === '万元' ? 10000 : 1));
  const budget = sum(lines.filter((l) => l.annual !== null).map((l) => toUnit(l.annual as number, l.unit)));
  const spent = sum(lines.filter((l) => l.executed !== null).map((l) => toUnit(l.executed as number, l.unit)));
  const scored = lines.filter((l) => l.score !== null).map((l) => l.score as number);
  const mean = scored.length ? div(sum(scored), scored.length) : null;
  const grades = new Map<string, number>();
  const labels = profileOf(s).grades.labels;
  for (const x of scored) grades.set(gradeOf(x, s.gradeBands, labels), (grades.get(gradeOf(x, s.gradeBands, labels)) ?? 0) + 1);

  const blocks: Block[] = [{ kind: 'title', text: `${year ? `${year}年度` : ''}项目支出绩效自评总报告` }];
  blocks.push(h1('一、基本情况'));
  const unitName = (summary && commonUnit([summaryUnits(summary)])) ?? commonUnit(projects.map((e) => selfEvalUnits(e.table)));
  blocks.push(
    p(
      unitName ?? placeholder('单位名称'),
      `对纳入${year ? `${year}年度` : '本年度'}预算的${lines.length}个项目开展了绩效自评，涉及全年预算${money(budget, unit, unit)}，全年执行${money(spent, unit, unit)}`,
      budget ? `，总体预算执行率${pct(spent / budget)}。` : '。',
    ),
  );
  blocks.push(h1('二、各项目自评结果'));
  blocks.push({
    kind: 'table',
    header: ['序号', '项目名称', `全年预算数（${unit}）`, `全年执行数（${unit}）`, '预算执行率', '自评得分', '自评等级'],
    rows: lines.map((l, i) => [
      String(i + 1),
      l.name,
      l.annual === null ? '—' : money(l.annual, l.unit, unit).replace(unit, ''),
      l.executed === null ? '—' : money(l.executed, l.unit, unit).replace(unit, ''),
      l.rate === null ? '—' : pct(l.rate),
      l.score === null ? '—' : score(l.score).replace('分', ''),
      l.score === null ? '—' : gradeOf(l.score, s.gradeBands, profileOf(s).grades.labels),
    ]),
  });
  blocks.push(h1('三、自评结论'));
  if (mean !== null) {
    const dist = profileOf(s).grades.labels.filter((g) => grades.get(g)).map((g) => `“${g}”${grades.get(g)}个`).join('，');
    const none = lines.length - scored.length;
    blocks.push(p(`${none ? `已评分的` : ''}${scored.length}个项目平均得分${score(round(mean, s.precision))}，其中${dist}。`, ...(none ? [`${none}个项目得分未填写或无法确定：`, placeholder('这些项目的得分')] : [])));
  } else blocks.push(p(placeholder('自评结论')));
  blocks.push(p(profileSentence(s)));
  const low = lines.filter((l) => l.rate !== null && l.rate < 1);
  blocks.push(h1('四、存在的问题及改进措施'));
  if (low.length) blocks.push(p(`预算执行率未达到100%的项目${low.length}个：${low.map((l) => `${l.name}（${pct(l.rate as number)}）`).join('，')}。`, placeholder('原因分析及改进措施')));
  else blocks.push(p(placeholder('存在的问题及改进措施')));
  blocks.push(h1('五、绩效自评结果拟应用和公开情况'));
  blocks.push(p(placeholder('自评结果的应用和公开情况')));
  const source = summary ? `${summary.sheet.name}!${rangeAddress(summary.range)}` : projects.map((e) => e.table.sheet.name).join('、');
  return { kind: 'summary', title: (blocks[0] as { text: string }).text, source, blocks };
}
