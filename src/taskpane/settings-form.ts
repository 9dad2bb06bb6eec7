// 设置's form without React (unit-tested in test/taskpane/settings-form.test.ts): the settings as the
// form's text, back to the object the schema validates, the profiles the picker lists, and what a change
// of profile does to the fields a profile gives (SPEC §7: the new profile's values count, a value the
// person changed stays).
import { listProfiles, type Profile, type ProfileRef } from '../core/profiles';
import { parseSettings, PROFILE_OWNED, withProfile, type Settings } from '../core/settings';

/** Each setting as the form holds it: text (a list of numbers as `90, 80, 60`). */
export type Form = Record<keyof Settings, string>;

/** What the picker lists: a shipped profile by its id, the workbook's own profile (if any) by `custom:` and its id. */
export interface ProfileOption {
  value: string;
  name: string;
  source: string;
}

/** The select's value for a profile settings give: its id, or `custom:id` for a profile of the user's own. */
export function profileValue(ref: ProfileRef): string {
  return typeof ref === 'string' ? ref : `custom:${ref.id}`;
}

/** The shipped profiles, then (where the workbook's settings hold one) the user's own, shown by its name. */
export function profileOptions(custom: Profile | null): ProfileOption[] {
  const shipped = listProfiles().map((p) => ({ value: p.id, name: p.name, source: p.source }));
  return custom ? [...shipped, { value: profileValue(custom), name: `${custom.name}（自定义）`, source: custom.source }] : shipped;
}

/** The user's own profile the settings hold, or null for a shipped one. */
export function customProfile(s: Settings): Profile | null {
  return typeof s.profile === 'string' ? null : (s.profile as Profile);
}

export function toForm(s: Settings): Form {
  return {
    profile: profileValue(s.profile as ProfileRef),
    precision: String(s.precision),
    reverseScoring: s.reverseScoring,
    overachieveRatio: String(s.overachieveRatio),
    totalWeight: String(s.totalWeight),
    gradeBands: s.gradeBands.join(', '),
    moneyUnit: s.moneyUnit,
  };
}

/** The profile a select value names: the user's own for `custom:…`, else the shipped id. */
function refOf(value: string, custom: Profile | null): ProfileRef {
  return custom && value === profileValue(custom) ? custom : value;
}

/** Form text → the object the schema validates; text that is not a number stays text so zod names the field. */
export function fromForm(f: Form, custom: Profile | null): Record<string, unknown> {
  const n = (x: string) => (x.trim() !== '' && !Number.isNaN(Number(x)) ? Number(x) : x);
  return {
    profile: refOf(f.profile, custom),
    precision: n(f.precision),
    reverseScoring: f.reverseScoring,
    overachieveRatio: n(f.overachieveRatio),
    totalWeight: n(f.totalWeight),
    gradeBands: f.gradeBands.split(/[,，\s]+/).filter(Boolean).map(n),
    moneyUnit: f.moneyUnit,
  };
}

/**
 * The form under another profile (withProfile): a field the profile gives that held the old profile's
 * value now shows the new one's; one the person changed stays as typed (even if it is not valid yet).
 */
export function switchProfile(f: Form, value: string, custom: Profile | null): Form {
  const ref = refOf(value, custom);
  const kept = withProfile(fromForm(f, custom), ref);
  const given = parseSettings({ profile: ref });
  const values = given.ok ? toForm(given.settings) : null;
  const out: Form = { ...f, profile: value };
  if (values) for (const k of PROFILE_OWNED) if (!(k in kept)) out[k] = values[k];
  return out;
}

/**
 * What is stored with the workbook: the settings less the values their profile gives (the profile's
 * count when left out, SPEC §7), so a shipped profile is its id and a later switch of profile is clean.
 */
export function storedSettings(s: Settings): Record<string, unknown> {
  const out: Record<string, unknown> = { ...s };
  const base = parseSettings({ profile: s.profile });
  if (!base.ok) return out;
  for (const k of PROFILE_OWNED) if (JSON.stringify(out[k]) === JSON.stringify(base.settings[k])) delete out[k];
  return out;
}
