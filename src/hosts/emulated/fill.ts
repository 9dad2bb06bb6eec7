// A cell's fill as the emulation keeps it in EmulatedWorkbook.fills: "#RRGGBB" for a plain solid
// fill, else "#RRGGBB|tintAndShade|pattern|patternColor". An absent entry is no fill.
//
// What Excel.RangeFill reads (https://learn.microsoft.com/javascript/api/excel/excel.rangefill):
// color, tintAndShade, pattern and patternColor, each null where the range's cells differ. No fill
// and a white fill both read color "#FFFFFF" (office-js issues #4900, #6218); Microsoft's answer in
// #4900 is that tintAndShade reads null for no fill and a number for any fill, and no fill's pattern
// is Excel.FillPattern "None". No page names no fill's patternColor: we read Excel's automatic
// pattern colour, black. RangeFill.clear() ("Resets the range background") is how no fill is set
// back (office-js issue #2349: setting white is not no fill).
import { InputError, normaliseColour } from './cells';

export const FILL_PATTERNS = [
  'None', 'Solid', 'Gray50', 'Gray75', 'Gray25', 'Horizontal', 'Vertical', 'Down', 'Up', 'Checker', 'SemiGray75',
  'LightHorizontal', 'LightVertical', 'LightDown', 'LightUp', 'Grid', 'CrissCross', 'Gray16', 'Gray8',
] as const;
export type FillPattern = (typeof FILL_PATTERNS)[number];

export interface CellFill {
  color: string;
  tintAndShade: number;
  pattern: Exclude<FillPattern, 'None'>;
  patternColor: string;
}

/** What each RangeFill property reads for a cell with no fill. */
export const NO_FILL = { color: '#FFFFFF', tintAndShade: null, pattern: 'None', patternColor: '#000000' } as const;
const AUTOMATIC_PATTERN_COLOUR = '#000000';

export function decodeFill(entry: string): CellFill {
  const [color, tint, pattern, patternColor] = entry.split('|');
  return { color, tintAndShade: tint === undefined ? 0 : Number(tint), pattern: (pattern ?? 'Solid') as CellFill['pattern'], patternColor: patternColor ?? AUTOMATIC_PATTERN_COLOUR };
}

export function encodeFill(f: CellFill): string {
  if (f.tintAndShade === 0 && f.pattern === 'Solid' && f.patternColor === AUTOMATIC_PATTERN_COLOUR) return f.color;
  return `${f.color}|${f.tintAndShade}|${f.pattern}|${f.patternColor}`;
}

export type FillProperty = keyof CellFill;

/**
 * A cell's fill entry after setting one property (undefined: no fill). A colour is solid RGB, so it
 * resets tintAndShade; pattern "None" is no fill; anything set on a cell without a fill gives it a
 * white solid fill first.
 */
export function withFillProperty(entry: string | undefined, name: FillProperty, value: unknown): string | undefined {
  const f: CellFill = entry === undefined ? { color: '#FFFFFF', tintAndShade: 0, pattern: 'Solid', patternColor: AUTOMATIC_PATTERN_COLOUR } : decodeFill(entry);
  switch (name) {
    case 'color': {
      const colour = normaliseColour(value);
      if (!colour) throw new InputError('argument', `Invalid colour: ${String(value)}`);
      f.color = colour;
      f.tintAndShade = 0;
      break;
    }
    case 'patternColor': {
      const colour = normaliseColour(value);
      if (!colour) throw new InputError('argument', `Invalid colour: ${String(value)}`);
      f.patternColor = colour;
      break;
    }
    case 'tintAndShade':
      if (typeof value !== 'number' || !(value >= -1 && value <= 1)) throw new InputError('argument', `Invalid tintAndShade: ${String(value)}`);
      f.tintAndShade = value;
      break;
    case 'pattern': {
      if (typeof value !== 'string' || !(FILL_PATTERNS as readonly string[]).includes(value)) throw new InputError('argument', `Invalid pattern: ${String(value)}`);
      if (value === 'None') return undefined;
      f.pattern = value as CellFill['pattern'];
      break;
    }
  }
  return encodeFill(f);
}

/** What a RangeFill property reads for one cell's entry. */
export function readFillProperty(entry: string | undefined, name: FillProperty): string | number | null {
  return entry === undefined ? NO_FILL[name] : decodeFill(entry)[name];
}
