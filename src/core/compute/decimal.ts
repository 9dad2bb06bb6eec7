// Decimal arithmetic with Excel's semantics: values are doubles shown to 15 significant
// digits, and ROUND(x, n) rounds that decimal form half away from zero (ROUND(1.005, 2) = 1.01).

/** Removes binary drift: 250000 - 173470.7 → 76529.3. */
export function clean(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  return Number(x.toPrecision(15));
}

function shift(x: number, n: number, mode: 'round' | 'trunc'): number {
  if (!Number.isFinite(x)) return x;
  const c = clean(x);
  if (c === 0) return 0;
  const neg = c < 0;
  const [mant, exp] = Math.abs(c).toExponential().split('e');
  const scaled = Number(`${mant}e${Number(exp) + n}`);
  // Past 15 significant digits there is nothing left to round.
  if (scaled >= 1e15) return c;
  const whole = mode === 'round' ? Math.floor(scaled + 0.5) : Math.floor(scaled);
  const out = Number(`${whole}e${-n}`);
  return neg ? -out : out === 0 ? 0 : out;
}

/** Excel's ROUND(x, n): half away from zero on the decimal value. */
export function round(x: number, n: number): number {
  return shift(x, n, 'round');
}

/** Excel's TRUNC(x, n). */
export function trunc(x: number, n: number): number {
  return shift(x, n, 'trunc');
}

export function add(a: number, b: number): number {
  return clean(a + b);
}
export function sub(a: number, b: number): number {
  return clean(a - b);
}
export function mul(a: number, b: number): number {
  return clean(a * b);
}
export function div(a: number, b: number): number {
  return clean(a / b);
}

export function sum(xs: Iterable<number>): number {
  let s = 0;
  for (const x of xs) s = clean(s + x);
  return s;
}

/** Digits after the decimal point in a number's shortest decimal form (19.38 → 2, 1e-7 → 7). */
export function decimalsOf(x: number): number {
  if (!Number.isFinite(x)) return 0;
  const s = String(clean(x));
  const e = s.indexOf('e');
  if (e >= 0) {
    const exp = Number(s.slice(e + 1));
    const frac = s.slice(0, e).split('.')[1]?.length ?? 0;
    return Math.max(0, frac - exp);
  }
  return s.split('.')[1]?.length ?? 0;
}

/** Decimals a number format shows: "0.00%" → 2, "#,##0.0" → 1, "0" → 0; null for General or unknown. */
export function formatDecimals(fmt: string | undefined): number | null {
  if (!fmt || fmt === 'General' || fmt === '@') return null;
  const section = fmt.split(';')[0].replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  if (!/[0#?]/.test(section)) return null;
  const m = /\.([0#?]+)/.exec(section);
  return m ? m[1].length : 0;
}

export function isPercentFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /%/.test(fmt.split(';')[0].replace(/"[^"]*"|\\./g, ''));
}

/**
 * A stated value agrees with a computed one when the unrounded computed value, rounded half away
 * from zero or truncated to the stated value's decimals, equals the stated value shown to those decimals.
 */
export function agrees(computed: number, stated: number, decimals: number): boolean {
  const d = Math.max(0, Math.min(10, decimals));
  const s = round(stated, d);
  return round(computed, d) === s || trunc(computed, d) === s;
}
