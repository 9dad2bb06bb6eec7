// The CLI on one workbook per template family of SPEC §1.2 (test/fixtures/families.ts), each through
// the family suite; and the families between them give every reason a recalculation writes with.
import { FAMILIES, REASONS } from '../fixtures/families';
import { describeFamilies } from './family-suite';

jest.setTimeout(30_000);

describeFamilies(FAMILIES, 'jixiao-families-');

test('the families cover the reasons a recalculation gives (formula aside: no family holds a formula)', () => {
  const given = new Set(FAMILIES.flatMap((x) => x.expect.writes.map((w) => w.reason)));
  expect(REASONS.filter((r) => r !== 'formula' && !given.has(r))).toEqual([]);
});
