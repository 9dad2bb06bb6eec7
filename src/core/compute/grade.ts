// 自评等级: 总分 ≥ 90 优; ≥ 80 良; ≥ 60 中; else 差 (bands from settings).

export const GRADES = ['优', '良', '中', '差'] as const;

export function gradeOf(total: number, bands: readonly number[]): string {
  if (total >= bands[0]) return '优';
  if (total >= bands[1]) return '良';
  if (total >= bands[2]) return '中';
  return '差';
}

const SYNONYMS: Record<string, string> = {
  优: '优', 优秀: '优', 良: '良', 良好: '良', 中: '中', 中等: '中', 合格: '中', 及格: '中', 一般: '中',
  差: '差', 较差: '差', 不合格: '差', 不及格: '差',
};

/** 优/良/中/差 for a stated grade text ("优秀" → 优), null when it is not a grade. */
export function normaliseGrade(text: string): string | null {
  const t = text.replace(/\s+/g, '').replace(/[(（].*$/, '').replace(/级$/, '');
  return SYNONYMS[t] ?? null;
}
