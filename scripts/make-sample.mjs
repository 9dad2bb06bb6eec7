// Writes samples/示例-项目支出自评.xlsx, the demo workbook `npm start` checks and recalculates:
// a county unit's 项目绩效自评汇总表, 预算执行情况表 and two 项目支出绩效自评表 with a handful of
// typical mistakes. The same workbook as demoWorkbook() in test/fixtures/workbooks.ts (a test compares
// them cell by cell): change both together.
// Usage, from the project root: node scripts/make-sample.mjs [out.xlsx]
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ExcelJS = createRequire(join(root, 'package.json'))('exceljs');
const out = process.argv[2] ?? join(root, 'samples', '示例-项目支出自评.xlsx');

const UNIT = '305001-县人大常委会办公室';
const pct = (value, numFmt = '0.00%') => ({ value, numFmt });

function set(ws, row, col, x) {
  if (x === undefined || x === null || x === '') return;
  const cell = ws.getCell(row, col);
  if (typeof x === 'object' && 'value' in x) {
    cell.value = x.value;
    if (x.numFmt) cell.numFmt = x.numFmt;
  } else cell.value = x;
}
function merge(ws, r0, c0, r1, c1) {
  if (r1 > r0 || c1 > c0) ws.mergeCells(r0, c0, r1, c1);
}
function put(ws, row, col, rows) {
  rows.forEach((r, i) => r.forEach((x, j) => set(ws, row + i, col + j, x)));
}

/** Cosmetics only: widths, borders, wrapped text, a bold title. */
function style(ws, widths, titleRows = [1]) {
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const thin = { style: 'thin' };
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    for (let c = 1; c <= widths.length; c++) {
      const cell = row.getCell(c);
      cell.font = { name: '宋体', size: titleRows.includes(r) ? 14 : 10, bold: titleRows.includes(r) };
      cell.alignment = { vertical: 'middle', horizontal: titleRows.includes(r) ? 'center' : undefined, wrapText: true };
      if (!titleRows.includes(r)) cell.border = { top: thin, left: thin, bottom: thin, right: thin };
    }
  });
}

function summaryTable(ws, title, rows) {
  set(ws, 1, 1, title);
  merge(ws, 1, 1, 1, 9);
  put(ws, 2, 1, [['序号', '项目名称', '预算单位', '年初预算数', '全年预算数', '全年执行数', '预算执行率', '得分', '自评结论'], ...rows]);
  style(ws, [6, 20, 26, 11, 11, 11, 11, 8, 9]);
}

function execTable(ws, title, rows) {
  set(ws, 1, 1, title);
  merge(ws, 1, 1, 1, 5);
  put(ws, 2, 1, [['预算项目', '年初预算指标', '已用指标', '剩余指标', '预算执行率'], ...rows]);
  style(ws, [44, 14, 14, 14, 11]);
}

/** The 附件3 layout: see selfEval() in test/fixtures/workbooks.ts for the row map. */
function selfEval(ws, s) {
  const nb = s.breakdown.length;
  const n = s.indicators.length;
  set(ws, 1, 1, '项目支出绩效自评表');
  merge(ws, 1, 1, 1, 9);
  set(ws, 2, 1, '项目名称');
  set(ws, 2, 2, s.name);
  merge(ws, 2, 2, 2, 9);
  set(ws, 3, 1, '项目资金（万元）');
  merge(ws, 3, 1, 4 + nb, 1);
  put(ws, 3, 3, [['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']]);
  set(ws, 4, 2, '年度资金总额');
  put(ws, 4, 3, [s.budget]);
  put(ws, 5, 2, s.breakdown);
  const g = 5 + nb;
  set(ws, g, 1, '年度总体目标');
  merge(ws, g, 1, g + 1, 1);
  set(ws, g, 2, '预期目标');
  merge(ws, g, 2, g, 5);
  set(ws, g, 6, '实际完成情况');
  merge(ws, g, 6, g, 9);
  set(ws, g + 1, 2, s.goals[0]);
  merge(ws, g + 1, 2, g + 1, 5);
  set(ws, g + 1, 6, s.goals[1]);
  merge(ws, g + 1, 6, g + 1, 9);
  const h = g + 2;
  set(ws, h, 1, '绩效指标');
  merge(ws, h, 1, h + n, 1);
  put(ws, h, 2, [['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']]);
  let start1 = h + 1;
  let start2 = h + 1;
  s.indicators.forEach((row, i) => {
    const r = h + 1 + i;
    put(ws, r, 2, [row]);
    if (i > 0 && row[0]) {
      merge(ws, start1, 2, r - 1, 2);
      start1 = r;
    }
    if (i > 0 && (row[0] || row[1])) {
      merge(ws, start2, 3, r - 1, 3);
      start2 = r;
    }
  });
  merge(ws, start1, 2, h + n, 2);
  merge(ws, start2, 3, h + n, 3);
  const t = h + n + 1;
  set(ws, t, 1, '总分');
  merge(ws, t, 1, t, 6);
  set(ws, t, 7, s.sum[0]);
  set(ws, t, 8, s.sum[1]);
  set(ws, t + 1, 1, '自评等级');
  merge(ws, t + 1, 1, t + 1, 6);
  set(ws, t + 1, 7, s.grade);
  merge(ws, t + 1, 7, t + 1, 9);
  style(ws, [10, 16, 16, 20, 16, 14, 7, 7, 24]);
  ws.getRow(g + 1).height = 48;
}

const wb = new ExcelJS.Workbook();
wb.creator = '绩效自评助手';

summaryTable(wb.addWorksheet('汇总表'), '某县人大常委会2023年度项目绩效自评汇总表', [
  [1, '人代会议', UNIT, 48, 34, 34, pct(1), 100, '优'],
  // 30.2 / 35.4 = 85.31%, not 90%.
  [2, '代表培训', UNIT, 40.32, 35.4, 30.2, pct(0.9), 96.53, '优'],
  [3, '人大监督费', UNIT, 31, 21.02, 21.02, pct(1), 100, '优'],
  [4, '人大宣传工作经费', UNIT, 25, 17.35, 17.35, pct(1), 96, '优'],
]);

execTable(wb.addWorksheet('执行情况'), '绩效项目预算指标年度执行情况', [
  ['小计4项', 1443200, 1025691.98, 417508.02, pct(0.7107)],
  ['360313238888030001704-人代会议', 480000, 340025, 139975, pct(0.7084)],
  ['360313238888030001802-代表培训', 403200, 302000, 101200, pct(0.749)],
  ['360313238888030001762-人大监督费', 310000, 210196.28, 99803.72, pct(0.6781)],
  ['360313238888030001927-人大宣传工作经费', 250000, 173470.7, 76529.3, pct(0.6939)],
]);

const breakdown = (a, b, c) => [
  ['其中：当年财政拨款', a, b, c],
  ['上年结转资金', 0, 0, 0],
];

selfEval(wb.addWorksheet('附件3-人代会议'), {
  name: '人代会议',
  budget: [48, 34, 34, 10, pct(1), 10],
  breakdown: breakdown(48, 34, 34),
  goals: ['召开县第十八届人民代表大会第三次会议，审议通过政府工作报告等各项报告。', '会议于2023年2月顺利召开，完成全部议程。'],
  indicators: [
    ['产出指标（50分）', '数量指标', '召开县人代会', '1次', '1次', 10, 10],
    // 12 > 10, and 10 × 176/180 = 9.78.
    ['', '', '参会代表人数', '≥180人', '176人', 10, 12, '部分代表请假'],
    ['', '质量指标', '会议议程完成率', '100%', '100%', 10, 10],
    ['', '时效指标', '会议召开时间', '2023年2月底前', '2023年2月', 10, 10],
    // Reverse indicator: 10 × (1 − (34 − 32)/32) = 9.38, and no reason given.
    ['', '成本指标', '会议总成本', '≤32万元', '34万元', 10, 10],
    ['效益指标（30分）', '社会效益指标', '人大依法履职', '有效保障', '有效保障', 30, 30],
    ['满意度指标（10分）', '服务对象满意度指标', '代表满意度', '≥95%', '98%', 10, 10],
  ],
  // Recomputed: 99.16.
  sum: [100, 100],
  grade: '优',
});

selfEval(wb.addWorksheet('附件3-代表培训'), {
  name: '代表培训',
  budget: [40.32, 35.4, 30.2, 10, pct(0.8531), 8.53],
  breakdown: breakdown(40.32, 35.4, 30.2),
  goals: ['组织全县人大代表开展履职培训，提升代表依法履职能力。', '全年举办培训3期，培训代表312人次。'],
  indicators: [
    ['产出指标（50分）', '数量指标', '培训代表人次', '≥300人次', '312人次', 20, 20],
    ['', '', '培训期数', '≥3次', '3次', 10, 10],
    ['', '质量指标', '培训合格率', '≥95%', '97%', 10, 10],
    ['', '时效指标', '培训完成时间', '2023年11月底前', '2023年10月', 10, 10],
    ['效益指标（30分）', '社会效益指标', '代表履职能力提升', '明显提升', '明显提升', 30, 28, '部分培训内容针对性有待加强'],
    ['满意度指标（10分）', '服务对象满意度指标', '参训代表满意度', '≥90%', '95.6%', 10, 10],
  ],
  sum: [100, 96.53],
  grade: '优',
});

mkdirSync(dirname(out), { recursive: true });
await wb.xlsx.writeFile(out);
console.log(`已生成：${out}`);
