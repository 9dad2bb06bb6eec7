// The key projects match by across tables (SPEC §5 CROSS_SHEET_MISMATCH, §4 summary rows).
import { compact } from './text';

/** Projects match by name after stripping a leading budget code, list numbering, annotations and a trailing 项目. */
export function projectKey(name: string): string {
  // Results by name (every table's name, every analysis); bounded.
  let k = KEYS.get(name);
  if (k === undefined) {
    k = projectKeyOnce(name);
    if (KEYS.size >= 50_000) KEYS.clear();
    KEYS.set(name, k);
  }
  return k;
}

const KEYS = new Map<string, string>();

function projectKeyOnce(name: string): string {
  return compact(name)
    .replace(/^\d{6,}[-－—_]*/, '')
    .replace(/^(\d+|[一二三四五六七八九十]+)[、.．]/, '')
    .replace(/[(（][^()（）]*[)）]/g, '')
    .replace(/项目$/, '');
}
