// QUALITATIVE_SCORE_BAND: a qualitative indicator's stated score outside the profile's bands (SPEC §8:
// 达成 80–100% of the weight, 部分达成 60–80%, 未达成 0–60%): outside every band, or outside the band
// its 实际完成值 names (「基本完成」 with full marks).
import { num } from '../compute/evaluate';
import { div } from '../num/decimal';
import { fmtNum } from '../format';
import { profileOf } from '../settings';
import { defineRule, finding, rowName } from './rule';

type Band = { label: string; from: number; to: number };

/** The band an 实际完成值 names, by the national labels (a profile with its own labels is checked by range only). */
const NAMED: [RegExp, string][] = [
  [/^(未|没有|尚未)(能)?(达成|完成|实现|达到)/, '未达成'],
  [/^(部分|基本)(达成|完成|实现|达到)/, '部分达成'],
  [/^(已|全部|均已|已全部)?(达成|完成|实现|达到)(目标)?$/, '达成'],
];

function inBand(x: number, b: Band, top: number): boolean {
  return x >= b.from && (x < b.to || (b.to === top && x <= b.to));
}

const pct = (x: number) => `${fmtNum(x * 100, 2)}%`;

export const qualitativeBand = defineRule({
  scope: 'indicator-row',
  codes: { QUALITATIVE_SCORE_BAND: { severity: 'warning', label: '定性得分不在档次内' } },
  row: (i, e, ctx) => {
    if (i.target.kind !== 'qualitative' || i.computed !== null || i.weight === null || !(i.weight > 0) || !i.ind.score) return null;
    const stated = num(i.ind.score);
    if (stated === null || stated < 0 || stated > i.weight) return null; // SCORE_EXCEEDS_WEIGHT speaks for the latter
    const bands = profileOf(ctx.settings).qualitativeBands;
    if (!bands.length) return null;
    const x = div(stated, i.weight);
    const top = Math.max(...bands.map((b) => b.to));
    const actual = i.actual.text.replace(/\s+/g, '');
    const label = NAMED.find(([re]) => re.test(actual))?.[1];
    const named = label ? bands.find((b) => b.label === label) : undefined;
    const name = rowName(i.ind.level3, i.ind.row);
    const score = `得分 ${fmtNum(stated)} 为分值 ${fmtNum(i.weight)} 的 ${pct(x)}`;
    if (named && !inBand(x, named, top)) {
      const range = `[${pct(named.from)}, ${pct(named.to)}${named.to === top ? ']' : ')'}`;
      return finding('QUALITATIVE_SCORE_BAND', e.table, i.ind.score.row, i.ind.score.col, `${name}完成情况为「${actual}」（${named.label}），${score}，不在${named.label}档 ${range} 内，请核对得分或完成情况。`, undefined, stated);
    }
    if (!bands.some((b) => inBand(x, b, top))) {
      return finding('QUALITATIVE_SCORE_BAND', e.table, i.ind.score.row, i.ind.score.col, `${name}${score}，不在任何得分档次内（${bands.map((b) => `${b.label} ${pct(b.from)}–${pct(b.to)}`).join('，')}），请核对得分。`, undefined, stated);
    }
    return null;
  },
});
