// 设置: SPEC §7, validated with zod and stored with the workbook; what is wrong with a field is said
// once, beside it, by its label. The scoring profile (SPEC §8) is picked first, its source under it;
// picking another one gives the fields it owns its values, unless the person changed them.
import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Select } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { Settings } from '../core/settings';
import { NO_CTRL_Z_PAST_SAVE, type Session } from './session';
import { customProfile, fromForm, profileOptions, switchProfile, toForm, type Form } from './settings-form';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '10px', width: '100%', maxWidth: '320px', minWidth: 0 },
  // A native select is as wide as its longest option: held to the form's width.
  select: { width: '100%', minWidth: 0, maxWidth: '100%' },
});

/** The two 反向指标 methods: a short name in the list, the rule under it. */
const REVERSE_HINT: Record<string, string> = {
  linear: '超出指标值的部分按比例扣分，达到指标值的 2 倍时得 0 分。',
  ratio: '得分 = 分值 × 指标值 ÷ 完成值。',
};

export function SettingsPanel({ session, onSaved }: { session: Session; onSaved: (message: string) => void }) {
  const s = useStyles();
  // A profile of the user's own (from a JSON) is listed by its name while the workbook's settings hold it.
  const [custom] = useState(() => customProfile(session.settings));
  const options = useMemo(() => profileOptions(custom), [custom]);
  const [form, setForm] = useState<Form>(() => toForm(session.settings));
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (k: keyof Settings) => (_: unknown, d: { value: string }) => setForm({ ...form, [k]: d.value });
  const msg = (k: keyof Settings) =>
    error?.field === k ? <span data-testid={`settings-error-${k}`}>{error.message}</span> : undefined;
  const save = async () => {
    setSaving(true);
    try {
      const r = await session.saveSettings(fromForm(form, custom));
      if (r.ok) {
        setError(null);
        onSaved(`设置已保存到本工作簿；此后的检查、重算和报告按新设置进行。${r.endsUndo ? NO_CTRL_Z_PAST_SAVE : ''}`);
      } else setError({ field: r.field, message: r.message });
    } catch (e) {
      setError({ field: '', message: e instanceof Error ? e.message : String(e) });
    } finally {
      setSaving(false);
    }
  };
  const picked = options.find((o) => o.value === form.profile);
  return (
    <div className={s.form}>
      <Field label="评分规则" validationMessage={msg('profile')} data-testid="settings-profile-field" hint={picked ? `来源：${picked.source}` : undefined}>
        <Select
          className={s.select}
          value={form.profile}
          onChange={(_, d) => setForm(switchProfile(form, d.value, custom))}
          data-testid="setting-profile"
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="得分小数位数（0–4）" validationMessage={msg('precision')}>
        <Input value={form.precision} onChange={set('precision')} data-testid="setting-precision" />
      </Field>
      <Field label="反向指标计分方式" validationMessage={msg('reverseScoring')} hint={REVERSE_HINT[form.reverseScoring]}>
        <Select className={s.select} value={form.reverseScoring} onChange={set('reverseScoring')} data-testid="setting-reverseScoring">
          <option value="linear">线性扣分</option>
          <option value="ratio">比值计分</option>
        </Select>
      </Field>
      <Field label="超额完成提示倍数" validationMessage={msg('overachieveRatio')}>
        <Input value={form.overachieveRatio} onChange={set('overachieveRatio')} data-testid="setting-overachieveRatio" />
      </Field>
      <Field label="满分" validationMessage={msg('totalWeight')}>
        <Input value={form.totalWeight} onChange={set('totalWeight')} />
      </Field>
      <Field label="等级分数线（优、良、中）" validationMessage={msg('gradeBands')}>
        <Input value={form.gradeBands} onChange={set('gradeBands')} data-testid="setting-gradeBands" />
      </Field>
      <Field label="金额单位" validationMessage={msg('moneyUnit')}>
        <Select className={s.select} value={form.moneyUnit} onChange={set('moneyUnit')}>
          <option value="万元">万元</option>
          <option value="元">元</option>
        </Select>
      </Field>
      {error && !(error.field in form) && (
        <MessageBar intent="error" data-testid="settings-error">
          <MessageBarBody>{error.message}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" onClick={save} disabled={saving} data-testid="save-settings">
          保存设置
        </Button>
      </div>
    </div>
  );
}
