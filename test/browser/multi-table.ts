// A county unit's workbook with a 汇总表, an execution table and five project tables (two stacked on
// one sheet), planted so that 检查 finds several findings on one cell, cross-table findings, and 重算
// writes changes of every reason but 公式结果: 修正, 补填, 提高精度, 文本转数值, 同步. One cross-table
// mismatch is 重算's to fix (a 汇总表 score), another (an amount) is the person's.
import type * as ExcelJS from 'exceljs';
import { execTable, pct, selfEval, summaryTable, type In, type SelfEvalSpec } from '../fixtures/workbooks';

const UNIT = '305001-县人大常委会办公室';

const breakdown = (a: number, b: number, c: number): In[][] => [
  ['其中：当年财政拨款', a, b, c],
  ['上年结转资金', 0, 0, 0],
];

/** The five projects: name, budget row, indicators, 总分 row, grade. */
const PROJECTS: SelfEvalSpec[] = [
  {
    name: '人代会议',
    budget: [48, 34, 34, 10, pct(1), 10],
    breakdown: breakdown(48, 34, 34),
    indicators: [
      ['产出指标（50分）', '数量指标', '召开县人代会', '1次', '1次', 10, 10],
      ['', '', '参会代表人数', '≥180人', '176人', 10, 12, '部分代表请假'], // 12 > 10 and ≠ 9.78: two findings, one cell
      ['', '质量指标', '会议议程完成率', '100%', '100%', 10, 10],
      ['', '时效指标', '会议召开时间', '2023年2月底前', '2023年2月', 10, 10],
      ['', '成本指标', '会议总成本', '≤32万元', '34万元', 10, 10], // 9.38
      ['效益指标（30分）', '社会效益指标', '人大依法履职', '有效保障', '有效保障', 30, 30],
      ['满意度指标（10分）', '服务对象满意度指标', '代表满意度', '≥95%', '98%', 10, 10],
    ],
    sum: [100, 100], // 99.16: 合计不符, and 跨表不一致 with the 汇总表's 100
    grade: '优',
  },
  {
    name: '代表培训',
    budget: [40.32, 35.4, 30.2, 10, pct(0.8531), 8.5], // 8.53 at a coarser precision: 提高精度
    breakdown: breakdown(40.32, 35.4, 30.2),
    indicators: [
      ['产出指标（50分）', '数量指标', '培训代表人次', '≥300人次', '312人次', 20, 20],
      ['', '', '培训期数', '≥3次', '3次', 10, 10],
      ['', '质量指标', '培训合格率', '≥95%', '97%', 10, 10],
      ['', '时效指标', '培训完成时间', '2023年11月底前', '2023年10月', 10, 10],
      ['效益指标（30分）', '社会效益指标', '代表履职能力提升', '明显提升', '明显提升', 30, 28, '部分培训内容针对性有待加强'],
      ['满意度指标（10分）', '服务对象满意度指标', '参训代表满意度', '≥90%', '95.6%', 10, 10],
    ],
    sum: [100, 96.5],
    grade: '优',
  },
  {
    name: '人大监督费',
    budget: [31, 21.02, 21.02, 10, '100%', 10], // a rate as text: 文本转数值
    breakdown: breakdown(31, 21.02, 21.02),
    indicators: [
      ['产出指标（50分）', '数量指标', '专题视察次数', '≥6次', '6次', 20, 20],
      ['', '', '执法检查次数', '≥2次', '2次', 10, ''], // blank: 补填 (10)
      ['', '质量指标', '审议意见办结率', '≥95%', '96%', 10, 10],
      ['', '时效指标', '完成时间', '2023年12月底前', '2023年12月', 10, 10],
      ['效益指标（30分）', '社会效益指标', '监督实效', '明显', '明显', 30, 30],
      ['满意度指标（10分）', '服务对象满意度指标', '群众满意度', '≥90%', '93%', 10, 10],
    ],
    sum: [100, 100],
    grade: '优',
  },
  {
    name: '人大宣传工作经费',
    budget: [25, 17.35, 17.35, 10, pct(1), 10],
    breakdown: breakdown(25, 17.35, 17.35),
    indicators: [
      ['产出指标（50分）', '数量指标', '宣传稿件数量', '≥120篇', '96篇', 20, 20, ''], // 16, no reason given
      ['', '', '专题节目期数', '≥12期', '12期', 10, 10],
      ['', '质量指标', '稿件采用率', '≥80%', '85%', 10, 10],
      ['', '时效指标', '完成时间', '2023年12月底前', '2023年12月', 10, 10],
      ['效益指标（30分）', '社会效益指标', '人大工作知晓度', '提高', '提高', 30, 26, '宣传覆盖面有待扩大'],
      ['满意度指标（10分）', '服务对象满意度指标', '读者满意度', '≥90%', '92%', 10, 10],
    ],
    sum: [100, 96],
    grade: '优',
  },
  {
    name: '代表活动阵地建设',
    budget: [20, 20, 18, 10, pct(0.8), 8], // 90.00%, 9
    breakdown: breakdown(20, 20, 18),
    indicators: [
      ['产出指标（50分）', '数量指标', '新建代表联络站', '≥5个', '5个', 20, 20],
      ['', '', '开展活动次数', '≥24次', '30次', 10, 10],
      ['', '质量指标', '联络站达标率', '100%', '100%', 10, 10],
      ['', '时效指标', '完成时间', '2023年10月底前', '2023年9月', 10, 10],
      ['效益指标（30分）', '社会效益指标', '代表履职保障', '有效', '有效', 30, 30],
      ['满意度指标（10分）', '服务对象满意度指标', '代表满意度', '≥90%', '96%', 10, 10],
    ],
    sum: [100, 98],
    grade: '优',
  },
];

export async function multiTableWorkbook(): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb: ExcelJS.Workbook = new Excel.Workbook();
  summaryTable(wb.addWorksheet('汇总表'), 'A1', '某县人大常委会2023年度项目绩效自评汇总表', [
    [1, '人代会议', UNIT, 48, 34, 34, pct(1), 100, '优'],
    [2, '代表培训', UNIT, 40.32, 35.4, 30.2, pct(0.9), 96.5, '优'],
    [3, '人大监督费', UNIT, 31, 21.02, 21.02, pct(1), 100, '优'],
    [4, '人大宣传工作经费', UNIT, 25, 17.35, 17.35, pct(1), 96, '优'],
    [5, '代表活动阵地建设', UNIT, 20, 20, 18, pct(0.9), 98, '优'],
  ]);
  execTable(wb.addWorksheet('执行情况'), 'A1', '绩效项目预算指标年度执行情况', [
    ['小计5项', 1633200, 1205691.98, 427508.02, pct(0.7382)],
    ['360313238888030001704-人代会议', 480000, 340025, 139975, pct(0.7084)],
    ['360313238888030001802-代表培训', 403200, 302000, 101200, pct(0.749)],
    ['360313238888030001762-人大监督费', 300000, 210196.28, 89803.72, pct(0.7007)], // 30万元 against the 汇总表's 31
    ['360313238888030001927-人大宣传工作经费', 250000, 173470.7, 76529.3, pct(0.6939)],
    ['360313238888030001955-代表活动阵地建设', 200000, 180000, 20000, pct(0.9)],
  ]);
  selfEval(wb.addWorksheet('项目1'), 'A1', PROJECTS[0]);
  selfEval(wb.addWorksheet('项目2'), 'A1', PROJECTS[1]);
  selfEval(wb.addWorksheet('项目3'), 'A1', PROJECTS[2]);
  const stacked = wb.addWorksheet('项目4-5');
  selfEval(stacked, 'A1', PROJECTS[3]);
  selfEval(stacked, 'A24', PROJECTS[4]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One clean project table: 检查 finds nothing. */
export async function cleanWorkbook(): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb: ExcelJS.Workbook = new Excel.Workbook();
  selfEval(wb.addWorksheet('项目2'), 'A1', { ...PROJECTS[1], budget: [40.32, 35.4, 30.2, 10, pct(0.8531), 8.53], sum: [100, 96.53] });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sheets of notes and a list: no table of SPEC §1 anywhere. */
export async function noTableWorkbook(): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb: ExcelJS.Workbook = new Excel.Workbook();
  const ws = wb.addWorksheet('说明');
  ws.getCell('A1').value = '填报说明';
  ws.getCell('A2').value = '请于3月底前报送。';
  const list = wb.addWorksheet('通讯录');
  list.addRow(['姓名', '电话']);
  list.addRow(['张三', '12345678']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
