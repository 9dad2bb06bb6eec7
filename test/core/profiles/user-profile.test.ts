// A user's own profile (JSON): validated with Chinese messages; caps and grade labels it may set.
import { parseProfile, PROFILES, listProfiles } from '../../../src/core/profiles';
import { parseSettings } from '../../../src/core/settings';
import { changeAt, findingsOf, under, atRate, written } from './helpers';

const CAPS = { below: 0.8, cap: 89 };
const manual = (more: Record<string, unknown> = {}) => {
  const r = parseProfile({
    id: 'manual-2022',
    name: '某省手册',
    source: '2022 年某省预算管理一体化用户手册',
    totalCaps: [CAPS, { below: 0.7, cap: 79 }, { below: 0.6, cap: 69 }, { below: 0.5, cap: 59 }],
    ...more,
  });
  if (!r.ok) throw new Error(r.message);
  return r.profile;
};

describe('shipped profiles', () => {
  test('seven, national first, each with a name and a source', () => {
    expect(listProfiles().map((p) => p.id)).toEqual(['national', 'jiangxi', 'hubei', 'zhejiang', 'guangxi', 'ningxia', 'shanxi']);
    for (const p of PROFILES) {
      expect(p.name).toMatch(/[\u4e00-\u9fa5]/);
      expect(p.source.length).toBeGreaterThan(5);
    }
  });
  test('national states 财预〔2020〕10号', () => expect(PROFILES[0].source).toContain('财预〔2020〕10号'));
});

describe('a user profile', () => {
  test.each([
    [{ id: 'x', name: 'x', source: 's', rateWeight: -1 }, 'rateWeight（执行率分值）无效：必须是正数'],
    [{ id: 'x', name: 'x', source: 's', overachieve: { action: 'shout' } }, 'overachieve.action（超额完成·处理方式）'],
    [{ id: 'x', name: 'x', source: 's', rateScore: { method: 'bands', bands: [{ from: 0.8, factor: 0.7 }] } }, '最后一个区间的下限必须是 0'],
    [{ id: 'x', name: 'x', source: 's', totalCaps: [{ below: 0.8 }] }, 'totalCaps.0.cap（按执行率封顶总分·第 1 项·封顶分）'],
    [{ id: 'x', name: 'x', source: 's', colour: 'red' }, '无法识别的字段：colour'],
    [{ id: 'x', name: 'x', source: 's', extends: 'mars' }, 'extends（基于规则）只能是内置规则的编号'],
    [{ id: 'x', name: '', source: 's' }, 'name（规则名称）无效：不能为空'],
    [[1, 2], '必须是一个 JSON 对象'],
  ])('%j is refused: %s', (input, message) => {
    const r = parseProfile(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  test('extends a shipped profile: 江西 bands with 湖北 weight', () => {
    const r = parseProfile({ id: 'mine', name: '我的', source: '自定', extends: 'jiangxi', rateWeight: 20 });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.profile.rateScore.method).toBe('bands');
      expect(r.profile.rateWeight).toBe(20);
    }
  });

  test('settings refuse an unknown profile id, naming the field in Chinese', () => {
    const r = parseSettings({ profile: 'mars' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('profile（评分规则）');
  });

  test("a setting given explicitly overrides the profile's; one left out takes it", () => {
    const p = manual({ reverseScoring: 'ratio', grades: { bands: [85, 75, 60], labels: ['好', '较好', '一般', '差'] } });
    expect(under(p).reverseScoring).toBe('ratio');
    expect(under(p).gradeBands).toEqual([85, 75, 60]);
    expect(under(p, { gradeBands: [90, 80, 60] }).gradeBands).toEqual([90, 80, 60]);
  });
});

describe('total caps by 执行率 (a provincial manual)', () => {
  const s = under(manual());
  // Indicators add to 90 with scores 88 + the 执行率 score; total row stated 95.5.
  test.each([
    // 执行数, total written by the capped profile, by national
    [80, 96, 96], // 8 + 88: 执行率 80% is not below 80%
    [79.99, 89, 96], // 7.999 is written 8: the cap compares the rate, not the score
    [70, 89, 95],
    [69.99, 79, 95],
    [60, 79, 94],
    [59.99, 69, 94],
    [49.99, 59, 93],
  ])('执行率 %s%%: total %s (national %s)', (executed, capped, nat) => {
    expect(written(atRate(executed), s, 'H15')).toBe(capped);
    expect(written(atRate(executed), under('national'), 'H15')).toBe(nat);
  });

  test('the capped total is explained with min() and the cap, and a stated total above it is TOTAL_ABOVE_CAP', () => {
    const c = changeAt(atRate(75), s, 'H15')!;
    expect(c.explain?.arithmetic).toBe('min(7.5 + 20 + 10 + 10 + 10 + 28 + 10, 89)');
    expect(c.explain?.rule).toContain('低于 80%，总得分不超过 89 分');
    const f = findingsOf(atRate(75, { total: { score: 95.5 } }), s, 'TOTAL_ABOVE_CAP');
    expect(f).toHaveLength(1);
    expect(f[0].expected).toBe(89);
    expect(f[0].explain?.text).toContain('某省手册');
  });

  test('the grade follows the capped total', () => {
    const o = atRate(75, { total: { score: 95.5, grade: '优' } });
    expect(written(o, s, 'J15')).toBe('良');
    expect(written(o, under('national'), 'J15')).toBeUndefined();
  });
});

describe('grade labels', () => {
  test('好 / 较好 / 一般 / 差', () => {
    const p = manual({ totalCaps: [], grades: { bands: [90, 80, 60], labels: ['好', '较好', '一般', '差'] } });
    expect(written(atRate(100, { total: { score: 98, grade: '优' } }), under(p), 'J15')).toBeUndefined(); // 优 is 好 in another word
    expect(written(atRate(100, { total: { score: 98, grade: '' } }), under(p), 'J15')).toBe('好');
    expect(findingsOf(atRate(100, { total: { score: 98, grade: '较好' } }), under(p), 'GRADE_MISMATCH')[0]?.message).toContain('应为「好」');
  });
});
