// TEMPORARY until the parse branch lands: composes a split target.
import { parseIndicator, type IndicatorCell, type IndicatorValue, indicatorCellInput } from './indicator';

export function composeIndicator(nature: IndicatorCell | undefined, value: IndicatorCell | undefined, unit: IndicatorCell | undefined, isCost: boolean): IndicatorValue {
  const n = String(nature?.v ?? '').trim();
  const v = indicatorCellInput(value);
  const u = String(unit?.v ?? '').trim();
  const op = n === '正向' ? '>=' : n === '反向' ? '<=' : n === '定量' ? '' : n;
  const text = `${op}${v ?? ''}${u}`;
  const p = parseIndicator(text, { isCost });
  if (n === '定性') return { ...p, kind: 'qualitative' };
  return p;
}

export function withUnit(v: IndicatorValue, unit: string): IndicatorValue {
  return (v.kind === 'number' || v.kind === 'range') && !v.unit && unit ? { ...v, unit } : v;
}
