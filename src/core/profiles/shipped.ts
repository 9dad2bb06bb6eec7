// The shipped scoring profiles (SPEC §8). `national` states every setting; each province states only
// what SPEC §8 records for it, on top of `national`. Sources as SPEC §8 names them.
import type { Profile } from './schema';

export const NATIONAL: Profile = {
  id: 'national',
  name: '全国通用',
  source: '财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）',
  rateScore: { method: 'linear' },
  // 10 where a table states no weight for 执行率; a table may weigh it otherwise.
  rateWeight: 10,
  rateWeightRequired: false,
  overBudget: 'warning',
  zeroBudgetRate: 'none',
  executedWithOther: false,
  totalCaps: [],
  overachieve: { ratio: 1.3, zeroTargetAt: 30, action: 'warning' },
  lowTotal: null,
  budgetAdjustment: null,
  reverseScoring: 'linear',
  qualitativeBands: [
    { label: '达成', from: 0.8, to: 1 },
    { label: '部分达成', from: 0.6, to: 0.8 },
    { label: '未达成', from: 0, to: 0.6 },
  ],
  grades: { bands: [90, 80, 60], labels: ['优', '良', '中', '差'] },
  // SPEC §1.2: where a layout has 年初 and 调整后 指标值, the adjusted one counts where it is filled.
  targets: 'adjusted',
  severities: {},
  vocabulary: {},
};

/** A profile as shipped: what it changes on top of `national`. */
export type ProfileDelta = Partial<Profile> & Pick<Profile, 'id' | 'name' | 'source'>;

const COMMERCIAL = '某商用预算管理一体化系统（源码公开）自评模块的省份规则';

export const PROVINCES: ProfileDelta[] = [
  {
    id: 'jiangxi',
    name: '江西',
    source: `${COMMERCIAL}：执行率得分按区间`,
    rateScore: {
      method: 'bands',
      bands: [
        { from: 1, factor: 1 },
        { from: 0.8, factor: 0.7 },
        { from: 0.6, factor: 0.5 },
        { from: 0, factor: 0 },
      ],
    },
  },
  { id: 'hubei', name: '湖北', source: `${COMMERCIAL}：执行率指标分值 20 分`, rateWeight: 20, rateWeightRequired: true },
  {
    id: 'zhejiang',
    name: '浙江（2024 年起）',
    source: `${COMMERCIAL}：2024 年起执行率可超过 100%，执行数含“其他”列，预算与执行均为 0 按 100% 计`,
    overBudget: 'allowed',
    zeroBudgetRate: 'full',
    executedWithOther: true,
  },
  {
    id: 'guangxi',
    name: '广西',
    source: `${COMMERCIAL}：超计划较大须填写偏差原因；预算调整幅度大而得分高须说明原因`,
    overachieve: { ratio: 1.3, zeroTargetAt: 30, action: 'require-reason' },
    budgetAdjustment: { ratio: 0.3, totalAbove: 90 },
    severities: { OVERACHIEVED: 'error' },
  },
  {
    id: 'ningxia',
    name: '宁夏',
    source: `${COMMERCIAL}：总分低于 80 分须写明存在的问题和整改措施`,
    lowTotal: { below: 80, sections: ['存在的问题', '整改措施'] },
  },
  {
    id: 'shanxi',
    name: '山西',
    source: '山西省项目支出绩效自评表样式：年初指标值与调整后指标值两列',
    targets: 'adjusted',
  },
];
