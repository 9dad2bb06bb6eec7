// A scoring profile (SPEC §8): how one finance bureau scores the tables, as data. Validated with zod so
// that a user's own profile (a JSON file) is rejected with a message naming the field in Chinese.
import { z } from 'zod';

const SEVERITIES = ['error', 'warning', 'info'] as const;

const fraction = (what: string) => z.number({ error: `${what}必须是 0 到 1 之间的小数` }).min(0, `${what}不能小于 0`).max(1, `${what}不能大于 1`);

/** 执行率 ≥ from (a fraction) scores factor × 分值; bands from the highest down. */
const RateBand = z.object({ from: z.number({ error: '区间下限必须是数' }).min(0, '区间下限不能小于 0'), factor: fraction('得分比例') }).strict();

const RateScore = z.discriminatedUnion(
  'method',
  [
    z.object({ method: z.literal('linear') }).strict(),
    z
      .object({ method: z.literal('bands'), bands: z.array(RateBand).min(1, '至少要有一个区间') })
      .strict()
      .refine((r) => r.bands.every((b, i) => i === 0 || b.from < r.bands[i - 1].from), '区间必须按下限从高到低排列')
      .refine((r) => r.bands[r.bands.length - 1].from === 0, '最后一个区间的下限必须是 0（执行率再低也要有得分规则）'),
  ],
  { error: 'method 只能是 "linear"（分值 × 执行率）或 "bands"（按区间）' },
);

/** 执行率 below `below` (a fraction) caps the total at `cap`; the lowest cap that applies wins. */
const TotalCap = z.object({ below: z.number({ error: '执行率界限必须是数' }).positive('执行率界限必须大于 0'), cap: z.number({ error: '封顶分必须是数' }).min(0, '封顶分不能小于 0') }).strict();

const QualitativeBand = z.object({ label: z.string().min(1, '档次名称不能为空'), from: fraction('档次下限'), to: fraction('档次上限') }).strict();

export const ProfileSchema = z
  .object({
    id: z.string({ error: '必须是文字' }).regex(/^[A-Za-z0-9_-]{1,40}$/, '只能由字母、数字、- 和 _ 组成'),
    name: z.string({ error: '必须是文字' }).min(1, '不能为空'),
    source: z.string({ error: '必须是文字' }).min(1, '不能为空（写明文件名、文号或做法来源）'),
    rateScore: RateScore,
    rateWeight: z.number({ error: '必须是正数' }).positive('必须是正数'),
    rateWeightRequired: z.boolean({ error: '必须是 true 或 false' }),
    overBudget: z.enum(['warning', 'allowed'], { error: '只能是 "warning"（提示）或 "allowed"（允许）' }),
    zeroBudgetRate: z.enum(['none', 'full'], { error: '只能是 "none"（不计算）或 "full"（按 100% 计）' }),
    executedWithOther: z.boolean({ error: '必须是 true 或 false' }),
    totalCaps: z.array(TotalCap, { error: '必须是区间列表' }),
    overachieve: z
      .object({
        ratio: z.number({ error: '必须是大于 1 的数' }).gt(1, '必须是大于 1 的数'),
        zeroTargetAt: z.number({ error: '必须是正数' }).positive('必须是正数'),
        action: z.enum(['warning', 'require-reason'], { error: '只能是 "warning"（提示）或 "require-reason"（须填偏差原因）' }),
      })
      .strict(),
    lowTotal: z.object({ below: z.number({ error: '必须是数' }).positive('必须是正数'), sections: z.array(z.string().min(1)).min(1, '至少列出一项') }).strict().nullable(),
    budgetAdjustment: z.object({ ratio: z.number({ error: '必须是数' }).positive('必须是正数'), totalAbove: z.number({ error: '必须是数' }).min(0, '不能小于 0') }).strict().nullable(),
    reverseScoring: z.enum(['linear', 'ratio'], { error: '只能是 "linear"（线性扣分）或 "ratio"（比值计分）' }),
    qualitativeBands: z.array(QualitativeBand, { error: '必须是档次列表' }),
    grades: z
      .object({
        bands: z.array(z.number()).length(3, '必须是三个数，如 [90, 80, 60]').refine((b) => b[0] > b[1] && b[1] > b[2] && b[2] >= 0, '必须从高到低排列且不小于 0'),
        labels: z.array(z.string().min(1)).length(4, '必须是四个等级名称，如 ["优", "良", "中", "差"]'),
      })
      .strict(),
    targets: z.enum(['adjusted', 'initial'], { error: '只能是 "adjusted"（调整后指标值优先）或 "initial"（年初指标值）' }),
    severities: z.record(z.string().regex(/^[A-Z_]+$/, '必须是检查代码，如 OVERACHIEVED'), z.enum(SEVERITIES, { error: '只能是 "error"、"warning" 或 "info"' })),
    // A province's own column names, per header kind and field ({"budget": {"executed": ["资金支出数"]}}).
    vocabulary: z
      .object(Object.fromEntries(['budget', 'indicator', 'summary', 'execution', 'staff', 'building'].map((k) => [k, z.record(z.string(), z.array(z.string().min(1, '表头不能为空'))).optional()])))
      .strict(),
  })
  .strict();

export type Profile = z.infer<typeof ProfileSchema>;

/** Each setting's name as a person reads it: messages about a profile name the field in Chinese. */
export const PROFILE_FIELD_LABELS: Record<string, string> = {
  id: '规则编号',
  name: '规则名称',
  source: '规则来源',
  rateScore: '执行率得分方法',
  rateWeight: '执行率分值',
  rateWeightRequired: '执行率分值必须为规定值',
  overBudget: '执行率超过 100%',
  zeroBudgetRate: '预算与执行均为 0 时的执行率',
  executedWithOther: '执行数含“其他”列',
  totalCaps: '按执行率封顶总分',
  overachieve: '超额完成',
  lowTotal: '低分须说明的报告部分',
  budgetAdjustment: '预算调整幅度',
  reverseScoring: '反向指标计分方式',
  qualitativeBands: '定性指标得分档次',
  grades: '等级',
  targets: '指标值列',
  severities: '检查级别',
  vocabulary: '表头用语',
  extends: '基于规则',
  bands: '区间',
  method: '方法',
  from: '下限',
  factor: '得分比例',
  below: '执行率界限',
  cap: '封顶分',
  ratio: '比例',
  zeroTargetAt: '指标值为 0 时的超额界限',
  action: '处理方式',
  sections: '报告部分',
  totalAbove: '总分界限',
  labels: '等级名称',
  label: '档次名称',
  to: '上限',
};
