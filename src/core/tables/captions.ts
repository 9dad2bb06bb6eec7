// A vocabulary's column captions compiled for detection: each field's pattern with the vocabulary's
// extra captions as exact alternatives (normalised as header cells are), and the caption tests of
// multi-row headers. Once per vocabulary object (hot: detection asks for them per sheet).
import { headerInfo } from '../parse/text';
import { DEFAULT_VOCABULARY, GROUP_CAPTION, LIST_GROUP_CAPTION, OTHER_CAPTION, type CaptionPatterns, type Vocabulary } from '../vocabulary';
import { captionTest } from './header';

export interface Captions extends CaptionPatterns {
  /** A caption of an indicator header row (a field's, a group's, or a column no one reads). */
  isIndicatorCaption: (key: string) => boolean;
  isBudgetCaption: (key: string) => boolean;
  /** A caption of a list table's header row (汇总表, 执行情况表). */
  isListCaption: (key: string) => boolean;
}

const COMPILED = new WeakMap<Vocabulary, Captions>();

export function captionsOf(vocabulary: Vocabulary = DEFAULT_VOCABULARY): Captions {
  let c = COMPILED.get(vocabulary);
  if (!c) {
    c = compile(vocabulary);
    COMPILED.set(vocabulary, c);
  }
  return c;
}

function compile(v: Vocabulary): Captions {
  const p = v.patterns;
  const extra = v.extra as Record<string, Record<string, readonly string[]> | undefined>;
  const kind = <F extends string>(name: keyof CaptionPatterns, fields: Readonly<Record<F, RegExp>>): Readonly<Record<F, RegExp>> => {
    const adds = extra[name];
    if (!adds) return fields;
    const out = {} as Record<F, RegExp>;
    // In the fields' order: the first field a caption matches takes its column.
    for (const f of Object.keys(fields) as F[]) out[f] = withCaptions(fields[f], adds[f] ?? []);
    return out;
  };
  const budget = kind('budget', p.budget);
  const indicator = kind('indicator', p.indicator);
  const summary = kind('summary', p.summary);
  const execution = kind('execution', p.execution);
  return {
    budget,
    indicator,
    summary,
    execution,
    staff: kind('staff', p.staff),
    building: kind('building', p.building),
    isIndicatorCaption: captionTest([...Object.values(indicator), GROUP_CAPTION, OTHER_CAPTION]),
    isBudgetCaption: captionTest([...Object.values(budget), GROUP_CAPTION]),
    isListCaption: captionTest([...Object.values(summary), ...Object.values(execution), GROUP_CAPTION, LIST_GROUP_CAPTION]),
  };
}

/** The pattern, or also any of the captions exactly (after normalising them as header cells are). */
function withCaptions(re: RegExp, captions: readonly string[]): RegExp {
  const keys = [...new Set(captions.map((c) => headerInfo(c).key).filter((k) => k !== ''))];
  if (!keys.length) return re;
  return new RegExp(`${re.source}|^(?:${keys.map(escape).join('|')})$`, re.flags);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
