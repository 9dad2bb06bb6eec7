// §7: one validated settings object (stored with the workbook by the add-in, a JSON file for the CLI).
import { z } from 'zod';
import { PROFILES, ProfileSchema, resolveProfile, type Profile, type ProfileRef } from './profiles';

/** Each field's name as a person reads it (the task pane shows only this; the CLI adds the JSON key). */
export const FIELD_LABELS: Record<string, string> = {
  profile: '评分规则',
  precision: '得分小数位数',
  reverseScoring: '反向指标计分方式',
  overachieveRatio: '超额完成提示倍数',
  totalWeight: '满分',
  gradeBands: '等级分数线',
  moneyUnit: '金额单位',
};

const PROFILE_IDS = PROFILES.map((p) => p.id);

export const SettingsSchema = z
  .object({
    profile: z
      .union([z.string(), ProfileSchema], { error: `只能是内置规则的编号（${PROFILE_IDS.join('、')}）或一个完整的评分规则` })
      .refine((p) => typeof p !== 'string' || PROFILE_IDS.includes(p), `只能是内置规则的编号：${PROFILE_IDS.join('、')}`)
      .default('national'),
    precision: z.number({ error: '必须是 0 到 4 的整数' }).int('必须是 0 到 4 的整数').min(0, '必须是 0 到 4 的整数').max(4, '必须是 0 到 4 的整数').default(2),
    reverseScoring: z.enum(['linear', 'ratio'], { error: '只能是 "linear"（线性扣分）或 "ratio"（比值计分）' }).default('linear'),
    overachieveRatio: z.number({ error: '必须是大于 1 的数' }).gt(1, '必须是大于 1 的数').max(100, '不能超过 100').default(1.3),
    totalWeight: z.number({ error: '必须是正数' }).positive('必须是正数').max(10000, '不能超过 10000').default(100),
    gradeBands: z
      .array(z.number({ error: '必须是三个数' }), { error: '必须是三个数，如 [90, 80, 60]' })
      .length(3, '必须是三个数，如 [90, 80, 60]')
      .refine((b) => b[0] > b[1] && b[1] > b[2] && b[2] >= 0, '必须从高到低排列且不小于 0，如 [90, 80, 60]')
      .default([90, 80, 60]),
    moneyUnit: z.enum(['万元', '元'], { error: '只能是 "万元" 或 "元"' }).default('万元'),
  })
  .strict();

export type Settings = z.infer<typeof SettingsSchema>;

/** Settings a profile gives a value for: where the settings do not state one, the profile's counts (SPEC §7). */
export const PROFILE_OWNED = ['reverseScoring', 'overachieveRatio', 'gradeBands'] as const;

function profileValues(p: Profile): Pick<Settings, (typeof PROFILE_OWNED)[number]> {
  return { reverseScoring: p.reverseScoring, overachieveRatio: p.overachieve.ratio, gradeBands: [...p.grades.bands] };
}

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** The profile settings name (`national` unless chosen). */
export function profileOf(s: Pick<Settings, 'profile'>): Profile {
  return resolveProfile(s.profile as ProfileRef);
}

/** Settings under another profile: what the old profile gave is dropped, so the new one's values count. */
export function withProfile(input: Record<string, unknown>, profile: ProfileRef): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input, profile };
  const old = resolveProfile((input.profile as ProfileRef | undefined) ?? 'national');
  const given = profileValues(old) as Record<string, unknown>;
  for (const k of PROFILE_OWNED) if (JSON.stringify(out[k]) === JSON.stringify(given[k])) delete out[k];
  return out;
}

export type SettingsResult =
  | { ok: true; settings: Settings }
  | {
      ok: false;
      /** For a settings file: names the JSON key and its label (`设置项 precision（得分小数位数）无效：…`). */
      message: string;
      /** The JSON key at fault ('' when the input is not an object). */
      field: string;
      /** For a form, beside the field: its label and what is wrong (`得分小数位数必须是 0 到 4 的整数。`). */
      fieldMessage: string;
    };

/** Validates outside input; the message names the field in Chinese. */
export function parseSettings(input: unknown): SettingsResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    const message = '设置必须是一个 JSON 对象，例如 {"precision": 2}。';
    return { ok: false, field: '', message, fieldMessage: message };
  }
  // A field the settings leave out takes the profile's value (an explicit one overrides it, SPEC §7).
  const given = input as Record<string, unknown>;
  const ref = SettingsSchema.shape.profile.safeParse(given.profile);
  const filled = ref.success ? { ...profileValues(resolveProfile(ref.data as ProfileRef)), ...given } : given;
  const r = SettingsSchema.safeParse(filled);
  if (r.success) return { ok: true, settings: r.data };
  const issue = r.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys: string[] }).keys;
    const message = `设置中有无法识别的字段：${keys.join('、')}（可用字段：${Object.keys(FIELD_LABELS).join('、')}）。`;
    return { ok: false, field: keys[0], message, fieldMessage: message };
  }
  const field = String(issue.path[0] ?? '');
  const label = FIELD_LABELS[field];
  return {
    ok: false,
    field,
    message: `设置项 ${label ? `${field}（${label}）` : field}无效：${issue.message}。`,
    fieldMessage: `${label ?? field}${issue.message}。`,
  };
}
