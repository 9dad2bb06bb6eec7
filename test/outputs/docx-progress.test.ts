// reportsToDocx's progress (what the task pane's worker posts): per report while the paragraphs are
// made, while docx builds their XML and while it writes it out; the document is the same with or
// without it.
import JSZip from 'jszip';
import type { Report } from '../../src/core/report/model';
import { reportsToDocx } from '../../src/outputs/docx';

const report = (i: number): Report => ({
  kind: 'project',
  title: `项目${i}绩效自评报告`,
  source: `附件${i}!A1:I28`,
  blocks: [
    { kind: 'title', text: `项目${i}绩效自评报告` },
    { kind: 'heading', level: 1, text: '一、基本情况' },
    { kind: 'paragraph', runs: [{ text: `预算执行率为${80 + i}%，` }, { text: '【待填写：原因】', placeholder: true }] },
    { kind: 'table', header: ['指标', '得分'], rows: [['参会代表人数', '9.78']] },
  ],
});

const documentXml = async (bytes: Uint8Array) => (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');

test('progress per report through each phase, in order; the document.xml is the one written without it', async () => {
  const reports = Array.from({ length: 5 }, (_, i) => report(i + 1));
  const events: [string, number, number][] = [];
  const withProgress = await reportsToDocx(reports, (phase, done, total) => events.push([phase, done, total]));
  const without = await reportsToDocx(reports);
  expect(await documentXml(withProgress)).toBe(await documentXml(without));

  const of = (phase: string) => events.filter((e) => e[0] === phase).map((e) => e[1]);
  expect(of('build')).toEqual([1, 2, 3, 4, 5]);
  expect(of('format')).toEqual([0, 1, 2, 3, 4, 5]);
  expect(of('serialize')).toEqual([0, 1, 2, 3, 4, 5]);
  expect(events.every((e) => e[2] === 5)).toBe(true);
  // Phases one after the other: every report built before docx formats any, formatted before written.
  const order = events.map((e) => e[0]);
  expect(order.lastIndexOf('build')).toBeLessThan(order.indexOf('format'));
  expect(order.lastIndexOf('format')).toBeLessThan(order.indexOf('serialize'));
});
