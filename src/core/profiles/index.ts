// Scoring profiles (SPEC §8): the shipped ones by id, a user's own from JSON, and the one settings name.
import { PROFILE_FIELD_LABELS, ProfileSchema, type Profile } from './schema';
import { NATIONAL, PROVINCES, type ProfileDelta } from './shipped';

export { ProfileSchema, PROFILE_FIELD_LABELS, type Profile } from './schema';
export { NATIONAL } from './shipped';

/** A profile on top of another: objects merge one level deep (a delta may give one field of `overachieve`). */
function onTop(base: Profile, delta: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(delta)) {
    const b = (base as Record<string, unknown>)[k];
    const plain = (x: unknown) => x !== null && typeof x === 'object' && !Array.isArray(x);
    // rateScore is replaced whole: its fields depend on its method.
    out[k] = plain(v) && plain(b) && k !== 'rateScore' ? { ...(b as object), ...(v as object) } : v;
  }
  return out;
}

function build(delta: ProfileDelta): Profile {
  return ProfileSchema.parse(onTop(NATIONAL, delta));
}

/** Every shipped profile, `national` first. */
export const PROFILES: readonly Profile[] = [NATIONAL, ...PROVINCES.map(build)];

const BY_ID = new Map(PROFILES.map((p) => [p.id, p]));

export function shippedProfile(id: string): Profile | undefined {
  return BY_ID.get(id);
}

/** The profiles a picker lists: id, name and source. */
export function listProfiles(): { id: string; name: string; source: string }[] {
  return PROFILES.map(({ id, name, source }) => ({ id, name, source }));
}

/** What settings hold for a profile: a shipped profile's id, or a user's own profile (complete, validated). */
export type ProfileRef = string | Profile;

/** The profile settings name; an unknown id (never let through by parseSettings) reads as national. */
export function resolveProfile(ref: ProfileRef | undefined): Profile {
  if (ref === undefined) return NATIONAL;
  if (typeof ref !== 'string') return ref;
  return BY_ID.get(ref) ?? NATIONAL;
}

export type ProfileResult = { ok: true; profile: Profile } | { ok: false; message: string; field: string };

/**
 * A user's own profile (a JSON file): the fields it gives on top of `extends` (a shipped profile's id,
 * default `national`), validated; the message names the field in Chinese.
 */
export function parseProfile(input: unknown): ProfileResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, field: '', message: '评分规则必须是一个 JSON 对象，例如 {"id": "my", "name": "我的规则", "source": "…", "rateWeight": 20}。' };
  }
  const { extends: base = 'national', ...delta } = input as Record<string, unknown>;
  if (typeof base !== 'string' || !BY_ID.has(base)) {
    return { ok: false, field: 'extends', message: `评分规则的 extends（${PROFILE_FIELD_LABELS.extends}）只能是内置规则的编号：${PROFILES.map((p) => p.id).join('、')}。` };
  }
  const r = ProfileSchema.safeParse(onTop(BY_ID.get(base)!, delta));
  if (r.success) return { ok: true, profile: r.data };
  const issue = r.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys: string[] }).keys;
    const where = issue.path.length ? `${pathName(issue.path)}中` : '';
    return { ok: false, field: keys[0], message: `评分规则${where}有无法识别的字段：${keys.join('、')}。` };
  }
  const field = issue.path.map(String).join('.');
  return { ok: false, field, message: `评分规则的 ${field}（${pathName(issue.path)}）无效：${issue.message}。` };
}

/** `overachieve.action` → 超额完成·处理方式; list indices as 第 N 项. */
function pathName(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `第 ${p + 1} 项` : PROFILE_FIELD_LABELS[String(p)] ?? String(p))).join('·');
}
