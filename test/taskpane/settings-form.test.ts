// 设置's form without React: the profiles it lists, switching profile (the fields a profile gives take the
// new one's values unless the person changed them), and what is stored with the workbook (small).
import { parseProfile, type Profile } from '../../src/core/profiles';
import { parseSettings, type Settings } from '../../src/core/settings';
import { customProfile, fromForm, profileOptions, storedSettings, switchProfile, toForm } from '../../src/taskpane/settings-form';

const settings = (input: Record<string, unknown>): Settings => {
  const r = parseSettings(input);
  if (!r.ok) throw new Error(r.message);
  return r.settings;
};

function own(): Profile {
  const r = parseProfile({ id: 'my-unit', name: '本单位规则', source: '本单位 2024 年绩效自评办法', extends: 'jiangxi', reverseScoring: 'ratio', grades: { bands: [85, 75, 60] } });
  if (!r.ok) throw new Error(r.message);
  return r.profile;
}

test('the picker lists every shipped profile by name with its source, national first; a workbook’s own profile after them', () => {
  const shipped = profileOptions(null);
  expect(shipped.map((o) => o.name)).toEqual(['全国通用', '江西', '湖北', '浙江（2024 年起）', '广西', '宁夏', '山西']);
  expect(shipped[0]).toMatchObject({ value: 'national', source: expect.stringContaining('财预〔2020〕10号') });
  for (const o of shipped) expect(o.source.length).toBeGreaterThan(0);
  const withOwn = profileOptions(own());
  expect(withOwn).toHaveLength(shipped.length + 1);
  expect(withOwn[withOwn.length - 1]).toEqual({ value: 'custom:my-unit', name: '本单位规则（自定义）', source: '本单位 2024 年绩效自评办法' });
});

test('a shipped profile is its id in the form and back', () => {
  const f = toForm(settings({ profile: 'jiangxi', precision: 1 }));
  expect(f).toMatchObject({ profile: 'jiangxi', precision: '1', gradeBands: '90, 80, 60', overachieveRatio: '1.3', reverseScoring: 'linear' });
  expect(fromForm(f, null)).toMatchObject({ profile: 'jiangxi', precision: 1, gradeBands: [90, 80, 60] });
});

test('a workbook’s own profile shows by its name and is saved back whole', () => {
  const s = settings({ profile: own() });
  const custom = customProfile(s);
  expect(custom?.name).toBe('本单位规则');
  const f = toForm(s);
  expect(f.profile).toBe('custom:my-unit');
  // Its values fill the fields it owns.
  expect(f).toMatchObject({ reverseScoring: 'ratio', gradeBands: '85, 75, 60' });
  expect(fromForm(f, custom).profile).toEqual(own());
  expect(customProfile(settings({ profile: 'guangxi' }))).toBeNull();
});

test('switching profile: the fields the old profile gave take the new one’s values; the person’s own stay', () => {
  const custom = own();
  const f = toForm(settings({ profile: custom }));
  const national = switchProfile(f, 'national', custom);
  expect(national).toMatchObject({ profile: 'national', reverseScoring: 'linear', gradeBands: '90, 80, 60', overachieveRatio: '1.3' });
  // And back: the profile's own values again.
  expect(switchProfile(national, 'custom:my-unit', custom)).toMatchObject({ reverseScoring: 'ratio', gradeBands: '85, 75, 60' });

  // Changed by the person: kept, as are the fields no profile gives.
  const changed = { ...f, gradeBands: '95, 85, 70', overachieveRatio: '1.5', precision: '1' };
  expect(switchProfile(changed, 'guangxi', custom)).toMatchObject({ profile: 'guangxi', reverseScoring: 'linear', gradeBands: '95, 85, 70', overachieveRatio: '1.5', precision: '1' });
  // A field not valid yet does not stop the switch, and stays as typed.
  const typing = { ...toForm(settings({})), precision: '九', overachieveRatio: '' };
  expect(switchProfile(typing, 'jiangxi', null)).toMatchObject({ profile: 'jiangxi', precision: '九', overachieveRatio: '' });
});

test('what is stored is small: a shipped profile by its id, without the values it gives', () => {
  expect(storedSettings(settings({ profile: 'jiangxi' }))).toEqual({ profile: 'jiangxi', precision: 2, totalWeight: 100, moneyUnit: '万元' });
  // A value the person set differently is stored, and wins when read back.
  const stored = storedSettings(settings({ profile: 'guangxi', overachieveRatio: 1.5 }));
  expect(stored).toEqual({ profile: 'guangxi', precision: 2, overachieveRatio: 1.5, totalWeight: 100, moneyUnit: '万元' });
  expect(settings(stored)).toEqual(settings({ profile: 'guangxi', overachieveRatio: 1.5 }));
  // A profile of the user's own is stored whole (there is no id to find it by).
  expect(storedSettings(settings({ profile: own() })).profile).toEqual(own());
});
