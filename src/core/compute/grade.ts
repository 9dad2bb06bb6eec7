// 自评等级: 总分 ≥ 90 优; ≥ 80 良; ≥ 60 中; else 差 (bands from settings).
import { GRADE_SYNONYMS } from '../vocabulary';

export function gradeOf(total: number, bands: readonly number[]): string {
  if (total >= bands[0]) return '优';
  if (total >= bands[1]) return '良';
  if (total >= bands[2]) return '中';
  return '差';
}

/** 优/良/中/差 for a stated grade text ("优秀" → 优), null when it is not a grade. */
export function normaliseGrade(text: string): string | null {
  const t = text.replace(/\s+/g, '').replace(/[(（].*$/, '').replace(/级$/, '');
  return GRADE_SYNONYMS[t] ?? null;
}
