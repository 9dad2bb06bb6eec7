import { analyze, recalc } from '../../src/core/engine';
import { projectSheet, workbook } from './template';

test('the template is detected as one clean project table', () => {
  const a = analyze(workbook(projectSheet()));
  expect(a.tables.map((t) => [t.kind, t.sheet.name])).toEqual([['project-self-eval', '附件3']]);
  const se = a.evals[0].selfEval!;
  expect(se.weightSum).toBe(100);
  expect(se.indicators).toHaveLength(6);
  expect(a.findings.filter((f) => f.severity !== 'info')).toEqual([]);
});

test('recalc is idempotent and fixes what it computes', () => {
  const wb = workbook(projectSheet({ rate: 0.5, score: 9 }));
  const r1 = recalc(wb);
  expect(r1.changes.changes.map((c) => c.cell).sort()).toEqual(['G4', 'H4']);
  const r2 = recalc(r1.result);
  expect(r2.changes.changes).toEqual([]);
});
