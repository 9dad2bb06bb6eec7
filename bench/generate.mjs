// Generates realistic 项目支出绩效自评表 workbooks for the benchmark (SPEC §1.1 layout).
// Deterministic (seeded): the same size always gives the same workbook.
//   node bench/generate.mjs 10 100 1000        → bench/out/tables-10.xlsx, …
// Each table: title, 项目名称/主管部门 rows, a budget block (年度资金总额 + three 其中 breakdown rows),
// 年度总体目标, an indicator block of 25 rows with merged 一级/二级 cells, and a 总分 row.
// Tables are stacked TABLES_PER_SHEET per sheet, two blank rows apart. Each table carries a few
// deliberate errors (wrong 执行率 or 得分, text rate, blank total, text score, wrong weight…) so that
// check finds something and recalc writes cells.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ExcelJS = require('exceljs');

export const HERE = dirname(fileURLToPath(import.meta.url));
export const OUT_DIR = join(HERE, 'out');
export const TABLES_PER_SHEET = 10;
export const INDICATOR_ROWS = 25;

export function workbookPath(tables) {
  return join(OUT_DIR, `tables-${tables}.xlsx`);
}

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const r2 = (x) => Math.round(x * 100) / 100;
const r4 = (x) => Math.round(x * 10000) / 10000;

const UNITS = [
  '区人大常委会办公室', '区政协办公室', '区委办公室', '区政府办公室', '区财政局', '区教育局', '区卫生健康局', '区民政局',
  '区司法局', '区农业农村局', '区住建局', '区交通运输局', '区文旅局', '区应急管理局', '区市场监管局', '区医保局',
  '区退役军人事务局', '区统计局', '区审计局', '区人社局', '区自然资源局', '区生态环境局', '区水利局', '区林业局',
  '区商务局', '区科技局', '区体育局', '区档案馆', '区图书馆', '区融媒体中心', '区妇联', '区团委', '区残联', '区总工会',
  '区科协', '区红十字会', '区机关事务中心', '区信访局', '区城管局', '区供销社',
];
const PROJECTS = [
  '人代会议经费', '人大监督费', '代表履职能力提升', '宣传工作经费', '服务站星级创评费用', '备案审查法律专家聘请',
  '乡村振兴中心工作', '业务工作经费', '运行维护经费', '信息化建设', '培训经费', '档案数字化', '专项调研经费',
  '志愿服务活动', '安全生产专项', '公共卫生服务', '困难群众救助', '法律援助', '农田水利维护', '道路养护',
  '文化惠民演出', '全民健身活动', '食品安全抽检', '应急物资储备', '环境监测',
];

function projectName(i) {
  const unit = UNITS[i % UNITS.length];
  const proj = PROJECTS[Math.floor(i / UNITS.length) % PROJECTS.length];
  const round = Math.floor(i / (UNITS.length * PROJECTS.length));
  return `${unit}${proj}${round ? `（${round + 1}期）` : ''}`;
}

/** Indicator rows of one table: [一级, 二级, 三级, target, actual, weight, kind] before scoring. */
function indicatorRows(rand, budget) {
  const n = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const rows = [];
  const add = (l1, l2, l3, target, actual, weight, score) => rows.push({ l1, l2, l3, target, actual, weight, score });
  // 产出指标 (50): 数量 33, 质量 9, 时效 4, 成本 4
  const meetings = n(1, 4);
  add('产出指标', '数量指标', '召开会议次数', `${meetings}次`, `${meetings}次`, 5);
  const visits = n(20, 40);
  const visitsDone = rand() < 0.25 ? Math.round(visits * 1.4) : visits + n(-3, 4);
  add('产出指标', '数量指标', '专题视察、调研', `不少于${visits}次`, `${visitsDone}次`, 5);
  const trainees = n(100, 600);
  add('产出指标', '数量指标', '培训人数', `≥${trainees}人次`, `${trainees + n(-30, 60)}人次`, 4);
  const docs = n(200, 2000);
  add('产出指标', '数量指标', '印发学习资料', `${docs}份`, `${docs}份`, 3);
  const units = n(5, 30);
  add('产出指标', '数量指标', '覆盖单位数', `${units}个单位`, `${units}个`, 3);
  const cases = n(50, 300);
  add('产出指标', '数量指标', '办理代表建议', `${cases}件`, `${cases - n(0, 5)}件`, 4);
  const staff = n(20, 90);
  add('产出指标', '数量指标', '机关福利、办公支出保障人数', `${staff}人`, `${staff}人`, 3);
  add('产出指标', '数量指标', '宣传报道', `≥${n(30, 40)}篇`, `${n(28, 45)}篇`, 3);
  add('产出指标', '数量指标', '走访调研频次', `${n(5, 6)}~${n(8, 10)}次`, `${n(4, 11)}次`, 3);
  // 质量指标
  add('产出指标', '质量指标', '完成率%', '≥95%', '100%', 3);
  add('产出指标', '质量指标', '验收合格率', { v: 1, fmt: '0%' }, { v: r2(0.9 + rand() * 0.1), fmt: '0%' }, 3);
  add('产出指标', '质量指标', '资料归档完整性', '资料完整、归档及时', '完整', 3);
  // 时效指标
  add('产出指标', '时效指标', '工作保障时效', '2023年全年', '全年', 2);
  add('产出指标', '时效指标', '资金支付及时性', '12月31日前', '按时完成', 2);
  // 成本指标
  const cap = r2(budget * (0.9 + rand() * 0.1));
  const spent = r2(cap * (rand() < 0.3 ? 1.03 : 0.95 + rand() * 0.05));
  add('产出指标', '成本指标', '经济成本', `≤${cap}万元`, `${spent}万元`, 4);
  // 效益指标 (30)
  add('效益指标', '经济效益指标', '推动区域经济社会发展', '无直接经济效益', '宏观推动发展', 3);
  add('效益指标', '社会效益指标', '保障基本支出，完成年初计划', '保障机关人员工资福利支出到位，圆满完成年度各项工作任务。', '保证基本支出，开展履职活动', 6);
  add('效益指标', '社会效益指标', '群众意见建议办结', '办结率≥90%', `${r2(90 + rand() * 10)}%`, 5);
  add('效益指标', '社会效益指标', '政策知晓率', '≥85%', { v: r4(0.8 + rand() * 0.2), fmt: '0.00%' }, 5);
  add('效益指标', '生态效益指标', '/', '/', '/', 0);
  add('效益指标', '可持续影响指标', '持续推动工作迈上新台阶', '长期', '长期坚持', 6);
  add('效益指标', '可持续影响指标', '长效机制建设', '建立健全长效机制', '已建立', 5);
  // 满意度指标 (10)
  add('满意度指标', '服务对象满意度指标', '服务对象满意度', '≥90%', `${n(88, 100)}%`, 5);
  add('满意度指标', '服务对象满意度指标', '代表满意度', '≥95%', `${n(92, 100)}%`, 3);
  add('满意度指标', '服务对象满意度指标', '社会公众满意度', '不低于85%', `${n(85, 99)}%`, 2);
  return rows;
}

// Score as a careful accountant would state it (SPEC §4), rounded to 2 decimals; null = qualitative.
function parseQ(v) {
  if (typeof v === 'object') return { op: '>=', value: v.v * 100, pct: true };
  const s = String(v).replace('≥', '>=').replace('≤', '<=');
  let m = /^(?:不少于|不低于|>=|办结率>=)?(\d+(?:\.\d+)?)(%|次|人次|份|个单位|个|件|人|篇|万元)$/.exec(s);
  if (m) return { op: '>=', value: Number(m[1]) };
  m = /^<=(\d+(?:\.\d+)?)万元$/.exec(s);
  if (m) return { op: '<=', value: Number(m[1]) };
  m = /^(\d+)~(\d+)次$/.exec(s);
  if (m) return { op: 'range', value: Number(m[1]), hi: Number(m[2]) };
  return null;
}

function statedScore(row) {
  const a = parseQ(row.target);
  const b = parseQ(row.actual);
  const w = row.weight;
  if (!a || !b || w === 0) return { score: w === 0 ? 0 : w, quantitative: false };
  const B = b.value;
  let s;
  if (a.op === 'range') s = B < a.value ? (w * B) / a.value : B > a.hi ? (w * a.hi) / B : w;
  else if (a.op === '<=') s = B <= a.value ? w : w * Math.max(0, 1 - (B - a.value) / a.value);
  else s = B >= a.value ? w : (w * B) / a.value;
  return { score: r2(s), quantitative: true };
}

const THIN = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = { name: '宋体', size: 10 };
const BOLD = { name: '宋体', size: 10, bold: true };
const TITLE_FONT = { name: '方正小标宋简体', size: 16 };
const WRAP = { vertical: 'middle', horizontal: 'center', wrapText: true };
const WRAP_LEFT = { vertical: 'middle', horizontal: 'left', wrapText: true };

const COLS = 9; // A 绩效指标 | B 一级 | C 二级 | D 三级 | E 年度指标值 | F 实际完成值 | G 分值 | H 得分 | I 偏差原因

/** Writes one table at `top` (1-based row); returns the next free row and what was planted. */
function writeTable(ws, top, index, rand) {
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  let r = top;
  const set = (row, col, v, opts = {}) => {
    const c = ws.getCell(row, col);
    if (v !== undefined && v !== null) {
      if (typeof v === 'object' && 'fmt' in v) {
        c.value = v.v;
        c.numFmt = v.fmt;
      } else c.value = v;
    }
    if (opts.fmt) c.numFmt = opts.fmt;
    c.font = opts.bold ? BOLD : FONT;
    c.alignment = opts.left ? WRAP_LEFT : WRAP;
    c.border = BORDER;
    return c;
  };
  const boxRow = (row) => {
    for (let c = 1; c <= COLS; c++) {
      const cell = ws.getCell(row, c);
      cell.border = BORDER;
      if (!cell.font) cell.font = FONT;
    }
  };

  // Title and name rows.
  const title = ws.getCell(r, 1);
  title.value = '项目支出绩效自评表';
  title.font = TITLE_FONT;
  title.alignment = WRAP;
  ws.mergeCells(r, 1, r, COLS);
  r++;
  ws.getCell(r, 1).value = '（2023年度）';
  ws.getCell(r, 1).alignment = WRAP;
  ws.mergeCells(r, 1, r, COLS);
  r++;
  const name = projectName(index);
  set(r, 1, '项目名称', { bold: true });
  set(r, 2, name, { left: true });
  ws.mergeCells(r, 2, r, COLS);
  boxRow(r);
  r++;
  set(r, 1, '主管部门', { bold: true });
  set(r, 2, UNITS[index % UNITS.length]);
  ws.mergeCells(r, 2, r, 4);
  set(r, 5, '实施单位', { bold: true });
  set(r, 6, UNITS[index % UNITS.length]);
  ws.mergeCells(r, 6, r, COLS);
  boxRow(r);
  r++;

  // Budget block.
  const budgetTop = r;
  set(r, 1, '项目资金（万元）', { bold: true });
  const heads = ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'];
  heads.forEach((h, k) => set(r, 3 + k, h, { bold: true }));
  boxRow(r);
  r++;
  const initial = r2(5 + rand() * 495);
  const annual = rand() < 0.3 ? r2(initial * (0.8 + rand() * 0.3)) : initial;
  const executed = r2(annual * (0.6 + rand() * 0.4));
  const rate = executed / annual;
  const rateScore = r2(10 * Math.min(rate, 1));
  set(r, 2, '年度资金总额');
  set(r, 3, initial, { fmt: '0.00' });
  set(r, 4, annual, { fmt: '0.00' });
  set(r, 5, executed, { fmt: '0.00' });
  set(r, 6, 10);
  const rateCell = set(r, 7, r4(rate), { fmt: '0.00%' });
  set(r, 8, rateScore, { fmt: '0.00' });
  boxRow(r);
  r++;
  const fiscal = r2(annual * 0.8);
  const breakdown = [
    ['其中：当年财政拨款', fiscal, fiscal, r2(executed * 0.8)],
    ['上年结转资金', r2(initial - fiscal > 0 ? initial - fiscal : 0), r2(annual - fiscal), r2(executed * 0.2)],
    ['其他资金', 0, 0, 0],
  ];
  for (const [label, a, b, c] of breakdown) {
    set(r, 2, label, { left: true });
    set(r, 3, a, { fmt: '0.00' });
    set(r, 4, b, { fmt: '0.00' });
    set(r, 5, c, { fmt: '0.00' });
    set(r, 6, '—');
    set(r, 7, '—');
    set(r, 8, '—');
    boxRow(r);
    r++;
  }
  ws.mergeCells(budgetTop, 1, r - 1, 1);

  // 年度总体目标.
  set(r, 1, '年度总体目标', { bold: true });
  set(r, 2, '预期目标', { bold: true });
  ws.mergeCells(r, 2, r, 5);
  set(r, 6, '实际完成情况', { bold: true });
  ws.mergeCells(r, 6, r, COLS);
  boxRow(r);
  r++;
  set(r, 2, `保障${name}顺利实施，完成年度各项工作任务，资金使用规范、效益明显。`, { left: true });
  ws.mergeCells(r, 2, r, 5);
  set(r, 6, `全年完成${name}各项任务，资金支出${executed}万元，执行率${(rate * 100).toFixed(2)}%。`, { left: true });
  ws.mergeCells(r, 6, r, COLS);
  boxRow(r);
  ws.mergeCells(r - 1, 1, r, 1);
  r++;

  // Indicator block.
  const headerRow = r;
  ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'].forEach((h, k) =>
    set(r, 1 + k, h, { bold: true }),
  );
  r++;
  const rows = indicatorRows(rand, annual);
  const first = r;
  const level1Weights = {};
  for (const row of rows) level1Weights[row.l1] = (level1Weights[row.l1] ?? 0) + row.weight;
  const scored = rows.map((row) => {
    const { score, quantitative } = statedScore(row);
    // Qualitative rows: usually full marks, sometimes a point off with a reason.
    const stated = !quantitative && row.weight > 0 && rand() < 0.15 ? row.weight - 1 : score;
    return { ...row, stated, quantitative, reason: stated < row.weight ? pick(['下一年度将进一步加强管理，提高完成质量。', '受客观因素影响未全部完成，将加快进度。', '超过年初预算，下一年度预算更加精细。']) : '' };
  });

  // Deliberate errors: 2-4 per table.
  const planted = [];
  const errors = ['rate', 'rateText', 'score', 'total', 'totalBlank', 'textScore', 'exceeds', 'weight', 'grade', 'blankScore', 'noReason'];
  const nErr = 2 + Math.floor(rand() * 3);
  const chosen = new Set();
  while (chosen.size < nErr) chosen.add(pick(errors));
  const quantIdx = scored.map((x, i) => (x.quantitative && x.weight > 0 ? i : -1)).filter((i) => i >= 0);
  const qualIdx = scored.map((x, i) => (!x.quantitative && x.weight > 0 ? i : -1)).filter((i) => i >= 0);
  for (const e of chosen) {
    planted.push(e);
    if (e === 'score') {
      const i = pick(quantIdx);
      scored[i].stated = scored[i].stated === scored[i].weight ? r2(scored[i].weight - 0.5) : scored[i].weight;
    } else if (e === 'textScore') scored[pick(qualIdx)].stated = '满分';
    else if (e === 'exceeds') {
      const i = pick(qualIdx);
      scored[i].stated = scored[i].weight + 1;
      scored[i].reason = '';
    } else if (e === 'weight') {
      const i = pick(quantIdx);
      scored[i].weight += 1;
    } else if (e === 'blankScore') scored[pick(quantIdx)].stated = null;
    else if (e === 'noReason') {
      const i = pick(qualIdx);
      scored[i].stated = scored[i].weight - 1;
      scored[i].reason = '';
    }
  }
  let prev1 = null;
  let prev2 = null;
  let start1 = first;
  let start2 = first;
  const closeMerges = (row, l1changed) => {
    if (row - 1 > start2) ws.mergeCells(start2, 3, row - 1, 3);
    if (l1changed && row - 1 > start1) ws.mergeCells(start1, 2, row - 1, 2);
  };
  for (const x of scored) {
    if (x.l1 !== prev1 || x.l2 !== prev2) {
      if (prev1 !== null) closeMerges(r, x.l1 !== prev1);
      if (x.l1 !== prev1) {
        const decl = level1Weights[x.l1];
        set(r, 2, `${x.l1}\n\n（${decl}分）`, { bold: true });
        start1 = r;
      }
      set(r, 3, x.l2);
      start2 = r;
      prev1 = x.l1;
      prev2 = x.l2;
    }
    set(r, 4, x.l3, { left: true });
    set(r, 5, x.target);
    set(r, 6, x.actual);
    set(r, 7, x.weight);
    set(r, 8, x.stated);
    set(r, 9, x.reason || null, { left: true });
    boxRow(r);
    r++;
  }
  closeMerges(r, true);
  ws.mergeCells(headerRow, 1, r - 1, 1); // 绩效指标 spans the header and the indicator rows

  // 总分 row.
  const weightSum = 10 + scored.reduce((s, x) => s + x.weight, 0);
  const numeric = scored.reduce((s, x) => s + (typeof x.stated === 'number' ? x.stated : x.stated === '满分' ? x.weight : 0), 0);
  let total = r2(rateScore + numeric);
  const grade = (t) => (t >= 90 ? '优' : t >= 80 ? '良' : t >= 60 ? '中' : '差');
  let gradeText = grade(total);
  set(r, 1, '总分', { bold: true });
  ws.mergeCells(r, 1, r, 6);
  set(r, 7, weightSum);
  if (chosen.has('total')) total = r2(total + 2);
  if (chosen.has('grade')) gradeText = gradeText === '优' ? '良' : '优';
  set(r, 8, chosen.has('totalBlank') ? null : total, { fmt: '0.00' });
  set(r, 9, gradeText);
  boxRow(r);
  r++;
  set(r, 1, '填表人：张三     填报日期：2024年3月15日     联系电话：28580679     单位负责人签字：', { left: true });
  ws.mergeCells(r, 1, r, COLS);
  r++;

  // Rate errors last: they change cells already written.
  if (chosen.has('rate')) rateCell.value = r4(Math.min(1, rate + 0.05));
  if (chosen.has('rateText')) {
    rateCell.value = `${(rate * 100).toFixed(1)}%`;
    rateCell.numFmt = '@';
  }
  return { next: r + 2, planted, indicatorRows: scored.length };
}

/** Builds the workbook of `tables` tables and writes it to `path`; returns counts. */
export async function generate(tables, path = workbookPath(tables)) {
  mkdirSync(dirname(path), { recursive: true });
  const rand = rng(20230000 + tables);
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效自评助手 bench';
  let indicatorRows = 0;
  const planted = {};
  let ws = null;
  let row = 1;
  for (let i = 0; i < tables; i++) {
    if (i % TABLES_PER_SHEET === 0) {
      ws = wb.addWorksheet(`项目自评表${String(Math.floor(i / TABLES_PER_SHEET) + 1).padStart(3, '0')}`);
      ws.columns = [10, 12, 14, 24, 18, 18, 8, 8, 28].map((width) => ({ width }));
      row = 1;
    }
    const t = writeTable(ws, row, i, rand);
    row = t.next;
    indicatorRows += t.indicatorRows;
    for (const p of t.planted) planted[p] = (planted[p] ?? 0) + 1;
  }
  await wb.xlsx.writeFile(path);
  return { tables, indicatorRows, sheets: wb.worksheets.length, planted, path };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = process.argv.slice(2).map(Number);
  for (const n of sizes.length ? sizes : [10, 100, 1000]) {
    const t0 = performance.now();
    const info = await generate(n);
    console.log(`${info.path}: ${info.tables} tables, ${info.indicatorRows} indicator rows, ${info.sheets} sheets, ${Math.round(performance.now() - t0)} ms`, info.planted);
  }
}
