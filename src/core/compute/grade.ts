// 自评等级: 总分 ≥ 90 优; ≥ 80 良; ≥ 60 中; else 差 (bands from settings).
import { GRADE_SYNONYMS, GRADES } from '../vocabulary';

/** The grade of a total, in the profile's words (`labels`: 优/良/中/差, or 好/较好/一般/差). */
export function gradeOf(total: number, bands: readonly number[], labels: readonly string[] = GRADES): string {
  if (total >= bands[0]) return labels[0];
  if (total >= bands[1]) return labels[1];
  if (total >= bands[2]) return labels[2];
  return labels[3];
}

/** Whether two grade texts name the same grade (优秀 and 优; 较好 and 良). */
export function sameGrade(a: string, b: string): boolean {
  const x = normaliseGrade(a);
  return x !== null && x === normaliseGrade(b);
}

/** 优/良/中/差 for a stated grade text ("优秀" → 优), null when it is not a grade. */
export function normaliseGrade(text: string): string | null {
  const t = text.replace(/\s+/g, '').replace(/[(（].*$/, '').replace(/级$/, '');
  return GRADE_SYNONYMS[t] ?? null;
}
