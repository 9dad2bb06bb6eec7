// 执行率得分 under each profile, at the published thresholds' edges, beside national (SPEC §8).
import { changeAt, under, atRate, written } from './helpers';

const H4 = 'H4'; // the 执行率 row's 得分 (weight 10 in G4... column F holds 分值)

describe('江西: 执行率得分 by bands of the weight', () => {
  const jiangxi = under('jiangxi');
  const national = under('national');
  test.each([
    // 执行数 of 100, 江西 score, national score
    [100, 10, 10],
    [120, 10, 10],
    [99.99, 7, 10],
    [85, 7, 8.5],
    [80, 7, 8],
    [79.99, 5, 8],
    [60, 5, 6],
    [59.99, 0, 6],
    [0, 0, 0],
  ])('执行率 %s%%: 江西 %s, national %s', (executed, jx, nat) => {
    expect(written(atRate(executed), jiangxi, H4)).toBe(jx);
    expect(written(atRate(executed), national, H4)).toBe(nat);
  });

  test('the change explains the band, naming 江西', () => {
    const c = changeAt(atRate(85), jiangxi, H4)!;
    expect(c.explain?.arithmetic).toBe('10 × 0.7');
    expect(c.explain?.rule).toContain('江西');
    expect(c.explain?.rule).toContain('[80%, 100%)');
    expect(c.explain?.text).toBe('执行率得分 = 10 × 0.7 = 7（江西：执行率 85.00% 在 [80%, 100%) 区间，得分 = 分值 × 0.7）');
    // Two decimals as reports show rates, unless they would put the rate on the other side of an edge.
    expect(changeAt(atRate(79.995), jiangxi, H4)!.explain?.rule).toContain('执行率 79.995% 在 [60%, 80%) 区间');
    expect(changeAt(atRate(85.3107), jiangxi, H4)!.explain?.rule).toContain('执行率 85.31% 在 [80%, 100%) 区间');
    // Full marks read as a value, not 「= 10 = 10」.
    expect(changeAt(atRate(100), jiangxi, H4)?.explain?.text ?? '').not.toMatch(/= 10 = 10/);
    const n = changeAt(atRate(85), under('national'), H4)!;
    expect(n.explain?.text).toBe('执行率得分 = 10 × 85 ÷ 100 = 8.5（全国通用：得分 = 分值 × 执行率（全年执行数 ÷ 全年预算数））');
  });
});

describe('浙江: 0 / 0 counts as 100%', () => {
  test.each([
    ['zhejiang', 10, 1],
    ['national', undefined, undefined],
  ])('%s: 得分 %s, 执行率 %s', (profile, score, rate) => {
    const o = atRate(0, { initial: 0, annual: 0 });
    expect(written(o, under(profile), H4)).toBe(score);
    expect(written(o, under(profile), 'G4')).toBe(rate);
  });
});
