// Why a value is what it is (SPEC §8 "Every computed value is explainable"): carried by changes and
// by the findings about computed values, shown in the preview, the CLI and `--json`.

export interface Explain {
  /** The rule, naming the profile and the method: 「江西：执行率 85.00% 在 [80%, 100%) 区间，得分 = 分值 × 0.7」. */
  rule: string;
  /**
   * The arithmetic with the cells' values, in the written value's units (`10 × 35.65 ÷ 40`): evaluated
   * and rounded as the cell is, it gives the written value. Absent where the value is not arithmetic
   * (a grade, a formula's result).
   */
  arithmetic?: string;
  /** The value as the sheet will show it: `8.91`, `89.13%`, `优`. */
  result: string;
  /** One line for people: `执行率得分 = 10 × 35.65 ÷ 40 = 8.91（全国通用：得分 = 分值 × 执行率）`. */
  text: string;
}

export function explainText(label: string, e: Omit<Explain, 'text'>): string {
  // A value taken whole (full marks, a synced total) reads 「得分为 10」, not 「得分 = 10 = 10」.
  const plain = e.arithmetic === undefined || e.arithmetic === e.result;
  return plain ? `${label}为 ${e.result}（${e.rule}）` : `${label} = ${e.arithmetic} = ${e.result}（${e.rule}）`;
}
