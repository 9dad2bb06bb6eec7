// Formulas as stored in a workbook (A1 style, `,` between arguments, no leading "="): read into the
// small expression language the evaluator computes exactly, and, for any formula at all, the cells it
// reads (so that recalculation knows which formulas a written cell reaches).
//
// The evaluated language: numbers, percent literals (10%), cell references (A1, $A$1, Sheet!A1,
// 'Sheet name'!A1), ranges (A1:B3, H:H, 3:5, on any sheet), unary - and +, + − × ÷ with Excel's
// precedence and parentheses, SUM(…) and ROUND(x, n). Anything else (other functions, text and
// logical literals, comparisons, ^, &, names, array constants, structured or external references) is
// read for its references only: `expr` is null.

/** Excel's grid. */
export const MAX_ROW = 1_048_575;
export const MAX_COL = 16_383;

/** A reference as written: one cell, or a range (written with `:`, even A1:A1). 0-based, inclusive. */
export interface Ref {
  /** The sheet named in the reference; null for the formula's own sheet. */
  sheet: string | null;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
  /** Written as a range (A1:B3, H:H, 3:5): read whole only by SUM. */
  area: boolean;
}

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'ref'; ref: Ref }
  | { k: 'neg'; x: Expr }
  | { k: 'pos'; x: Expr }
  | { k: 'pct'; x: Expr }
  | { k: 'bin'; op: '+' | '-' | '*' | '/'; a: Expr; b: Expr }
  | { k: 'sum'; args: Expr[] }
  | { k: 'round'; x: Expr; n: Expr };

export interface ParsedFormula {
  /** The expression the evaluator computes; null when the formula is outside the evaluated language. */
  expr: Expr | null;
  /** Every reference the formula names (evaluated or not). */
  refs: Ref[];
  /**
   * The formula may read cells its references do not name: a defined name, INDIRECT or OFFSET, a
   * structured, external or 3-D reference, a range built with `:` from something else than two cells.
   */
  dynamic: boolean;
}

type Op = '+' | '-' | '*' | '/' | '^' | '&' | '=' | '<>' | '<' | '>' | '<=' | '>=' | '%' | ':' | '@';

type Token =
  | { t: 'num'; v: number }
  | { t: 'ref'; ref: Ref }
  | { t: 'func'; name: string }
  | { t: 'op'; v: Op }
  | { t: '(' | ')' | ',' | ';' | '{' | '}' }
  // Literals and names the evaluator does not compute: text, logical and error values, defined names,
  // structured and external references.
  | { t: 'str' | 'bool' | 'err' | 'name' | 'dyn' };

/** Functions whose result reads cells its arguments do not name. */
const DYNAMIC_FUNCTIONS = new Set(['INDIRECT', 'OFFSET']);

const NAME_CHAR = /[\p{L}\p{N}_.?\\]/u;
const RE_SPACE = /[\s]+/y;
const RE_QUOTED_SHEET = /'((?:[^']|'')+)'!/y;
const RE_PLAIN_SHEET = /((?:\[[^\]]*\])?[\p{L}\p{N}_.\\]+(?::[\p{L}\p{N}_.\\]+)?)!/uy;
const RE_CELL_AREA = /(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?::(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7}))?/y;
const RE_COL_AREA = /\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})/y;
const RE_ROW_AREA = /\$?(\d{1,7}):\$?(\d{1,7})/y;
const RE_NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const RE_NAME = /[\p{L}_\\][\p{L}\p{N}_.?\\]*/uy;
const RE_ERROR = /#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|EXTERNAL!|PYTHON!)/iy;

function match(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(s);
}

function colOf(letters: string): number {
  let c = 0;
  for (const ch of letters.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c - 1;
}

/** Not followed by what would make the text a name or a function (A1B, LOG10(). */
function endsHere(s: string, at: number): boolean {
  return at >= s.length || !(NAME_CHAR.test(s[at]) || s[at] === '(' || s[at] === '[' || s[at] === '!');
}

/** A reference's area at `at`: A1, A1:B3, H:H, 3:5; null when there is none (or it is out of Excel's grid). */
function area(s: string, at: number, sheet: string | null): { ref: Ref; end: number } | null {
  let m = match(RE_CELL_AREA, s, at);
  if (m) {
    // A1:B3, else A1 alone (followed by a `:` that is not part of a two-cell range).
    const two = m[5] !== undefined && endsHere(s, at + m[0].length);
    const len = two ? m[0].length : m[5] !== undefined ? m[0].indexOf(':') : m[0].length;
    if (two || endsHere(s, at + len)) {
      const r0 = Number(m[4]) - 1;
      const c0 = colOf(m[2]);
      const r1 = two ? Number(m[8]) - 1 : r0;
      const c1 = two ? colOf(m[6]) : c0;
      if (r0 < 0 || r1 < 0 || Math.max(r0, r1) > MAX_ROW || Math.max(c0, c1) > MAX_COL) return null;
      return { ref: { sheet, r0: Math.min(r0, r1), c0: Math.min(c0, c1), r1: Math.max(r0, r1), c1: Math.max(c0, c1), area: two }, end: at + len };
    }
  }
  m = match(RE_COL_AREA, s, at);
  if (m && endsHere(s, at + m[0].length)) {
    const a = colOf(m[1]);
    const b = colOf(m[2]);
    if (Math.max(a, b) > MAX_COL) return null;
    return { ref: { sheet, r0: 0, c0: Math.min(a, b), r1: MAX_ROW, c1: Math.max(a, b), area: true }, end: at + m[0].length };
  }
  m = match(RE_ROW_AREA, s, at);
  if (m && endsHere(s, at + m[0].length)) {
    const a = Number(m[1]) - 1;
    const b = Number(m[2]) - 1;
    if (a < 0 || b < 0 || Math.max(a, b) > MAX_ROW) return null;
    return { ref: { sheet, r0: Math.min(a, b), c0: 0, r1: Math.max(a, b), c1: MAX_COL, area: true }, end: at + m[0].length };
  }
  return null;
}

/** The end of a bracketed part (Table1[[#This Row],[金额]]), nesting counted; the text's end if unclosed. */
function bracketEnd(s: string, at: number): number {
  let depth = 0;
  for (let i = at; i < s.length; i++) {
    if (s[i] === '[') depth++;
    else if (s[i] === ']' && --depth === 0) return i + 1;
  }
  return s.length;
}

/** The formula's tokens; null when it holds a character no formula can. */
function tokenize(s: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    let m: RegExpExecArray | null;
    if ((m = match(RE_SPACE, s, i))) {
      // Between two references a space is Excel's intersection operator: the parser refuses what follows.
      i += m[0].length;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      for (; j < s.length; j++) {
        if (s[j] !== '"') continue;
        if (s[j + 1] === '"') j++;
        else break;
      }
      if (j >= s.length) return null;
      out.push({ t: 'str' });
      i = j + 1;
      continue;
    }
    // A sheet prefix: 'Sheet name'!, Sheet!, and the external ([1]Sheet!) and 3-D (Sheet1:Sheet3!) ones.
    m = match(RE_QUOTED_SHEET, s, i) ?? match(RE_PLAIN_SHEET, s, i);
    if (m) {
      const raw = ch === "'" ? m[1].replace(/''/g, "'") : m[1];
      const j = i + m[0].length;
      // A sheet's name holds neither [ nor : (Excel forbids them): these are other workbooks or 3-D references.
      const known = !/[[\]:]/.test(raw);
      const a = area(s, j, raw);
      if (a && known) {
        out.push({ t: 'ref', ref: a.ref });
        i = a.end;
        continue;
      }
      const err = match(RE_ERROR, s, j);
      if (err && known) {
        out.push({ t: 'err' });
        i = j + err[0].length;
        continue;
      }
      // Another workbook's cells, a 3-D reference or a sheet-level name.
      const n = a ? null : match(RE_NAME, s, j);
      out.push({ t: 'dyn' });
      i = a ? a.end : n ? j + n[0].length : j;
      continue;
    }
    if (ch === '$' || /[A-Za-z0-9]/.test(ch)) {
      const a = area(s, i, null);
      if (a) {
        out.push({ t: 'ref', ref: a.ref });
        i = a.end;
        continue;
      }
    }
    if ((m = match(RE_NUMBER, s, i))) {
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if ((m = match(RE_NAME, s, i))) {
      const j = i + m[0].length;
      if (s[j] === '(') {
        // _xlfn. and _xlws. mark functions newer than the file format: the name is what follows.
        out.push({ t: 'func', name: m[0].toUpperCase().replace(/^(?:_XL(?:FN|WS)\.)+/, '') });
        i = j + 1;
        out.push({ t: '(' });
        continue;
      }
      if (s[j] === '[') {
        out.push({ t: 'dyn' }); // Table1[金额]
        i = bracketEnd(s, j);
        continue;
      }
      const upper = m[0].toUpperCase();
      out.push({ t: upper === 'TRUE' || upper === 'FALSE' ? 'bool' : 'name' });
      i = j;
      continue;
    }
    if ((m = match(RE_ERROR, s, i))) {
      out.push({ t: 'err' });
      i += m[0].length;
      continue;
    }
    if (ch === '[') {
      // [@金额], [1]!名称: a structured or external reference.
      out.push({ t: 'dyn' });
      i = bracketEnd(s, i);
      const n = match(RE_NAME, s, s[i] === '!' ? i + 1 : i);
      if (n) i = n.index + n[0].length;
      continue;
    }
    const two = s.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '<>') {
      out.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if ('+-*/^&=<>%:@'.includes(ch)) {
      out.push({ t: 'op', v: ch as Op });
      i++;
      continue;
    }
    if ('(),;{}'.includes(ch)) {
      out.push({ t: ch as '(' | ')' | ',' | ';' | '{' | '}' });
      i++;
      continue;
    }
    return null;
  }
  return out;
}

class Unsupported extends Error {}

/** Recursive descent over the evaluated language; throws Unsupported at anything else. */
class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  parse(): Expr {
    if (!this.toks.length) throw new Unsupported();
    const e = this.additive();
    if (this.i !== this.toks.length) throw new Unsupported();
    return e;
  }

  private peek(): Token | undefined {
    return this.toks[this.i];
  }

  private isOp(v: Op): boolean {
    const t = this.peek();
    return t !== undefined && t.t === 'op' && t.v === v;
  }

  private expect(t: Token['t']): void {
    if (this.peek()?.t !== t) throw new Unsupported();
    this.i++;
  }

  private additive(): Expr {
    let a = this.term();
    for (;;) {
      if (this.isOp('+') || this.isOp('-')) {
        const op = (this.toks[this.i++] as { v: '+' | '-' }).v;
        a = { k: 'bin', op, a, b: this.term() };
      } else return a;
    }
  }

  private term(): Expr {
    let a = this.unary();
    for (;;) {
      if (this.isOp('*') || this.isOp('/')) {
        const op = (this.toks[this.i++] as { v: '*' | '/' }).v;
        a = { k: 'bin', op, a, b: this.unary() };
      } else return a;
    }
  }

  // Excel: negation binds tighter than %, which binds tighter than ^ (not evaluated) and * /.
  private unary(): Expr {
    if (this.isOp('-')) {
      this.i++;
      return { k: 'neg', x: this.unary() };
    }
    if (this.isOp('+')) {
      this.i++;
      return { k: 'pos', x: this.unary() };
    }
    return this.postfix();
  }

  private postfix(): Expr {
    let x = this.primary();
    while (this.isOp('%')) {
      this.i++;
      x = { k: 'pct', x };
    }
    return x;
  }

  private primary(): Expr {
    const t = this.toks[this.i++];
    if (!t) throw new Unsupported();
    switch (t.t) {
      case 'num':
        return { k: 'num', v: t.v };
      case 'ref':
        return { k: 'ref', ref: t.ref };
      case '(': {
        // A parenthesised reference stays a reference: SUM((A1:A3)) sums the range.
        const e = this.additive();
        this.expect(')');
        return e;
      }
      case 'func':
        return this.call(t.name);
      default:
        throw new Unsupported();
    }
  }

  private call(name: string): Expr {
    this.expect('(');
    const args: Expr[] = [];
    if (this.peek()?.t !== ')') {
      for (;;) {
        // An argument left out (SUM(A1,,A2)) is not evaluated.
        args.push(this.additive());
        if (this.peek()?.t === ',') this.i++;
        else break;
      }
    }
    this.expect(')');
    if (name === 'SUM' && args.length >= 1 && args.length <= 255) return { k: 'sum', args };
    if (name === 'ROUND' && args.length === 2) return { k: 'round', x: args[0], n: args[1] };
    throw new Unsupported();
  }
}

/** A formula (with or without its leading "="), read. */
export function parseFormula(formula: string): ParsedFormula {
  const text = formula.startsWith('=') ? formula.slice(1) : formula;
  const toks = tokenize(text);
  if (!toks) return { expr: null, refs: [], dynamic: true };
  const refs: Ref[] = [];
  let dynamic = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.t === 'ref') refs.push(t.ref);
    else if (t.t === 'name' || t.t === 'dyn') dynamic = true;
    else if (t.t === 'func' && DYNAMIC_FUNCTIONS.has(t.name)) dynamic = true;
    // A range operator between other things than two cells (A1:INDEX(…), A1:B2:C3) spans what it finds.
    else if (t.t === 'op' && t.v === ':') dynamic = true;
  }
  let expr: Expr | null = null;
  try {
    expr = new Parser(toks).parse();
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
  }
  return { expr, refs, dynamic };
}
