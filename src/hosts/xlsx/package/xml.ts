// Just enough XML for editing an Office package in place: find elements by local name (any
// namespace prefix), read and set attributes, escape text. Everything not edited is kept byte for byte.

export interface Tag {
  /** Offset of '<'. */
  start: number;
  /** Offset just past '>'. */
  end: number;
  /** Qualified name as written ("c", "x:c"). */
  qname: string;
  /** Name without its prefix. */
  local: string;
  closing: boolean;
  selfClosing: boolean;
}

/** Thrown when a part is not what this editor can change safely; the caller writes the file another way. */
export class PatchUnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchUnsupportedError';
  }
}

/**
 * A damaged part: not well-formed XML, or holding what no producer writes and Excel would have to
 * repair (a cell value that is no number, a shared string that is not there). The file is refused:
 * never read on, never handed to another reader, never written. `detail` ends the Chinese sentence.
 */
export class DamagedPartError extends Error {
  constructor(
    /** The part's name in the package ('' when a scan does not know it; its caller sets it). */
    readonly part: string,
    /** What is wrong, after the part's name: 不是完整的 XML（…）, 中单元格 A1 的数值「x」无效… */
    readonly detail: string,
  ) {
    super(`文件已损坏：部件「${part.replace(/[\u0000-\u001f\u007f]/g, '?')}」${detail}`);
    this.name = 'DamagedPartError';
  }
}

/**
 * Throws DamagedPartError (with `part`) unless `xml` is well-formed as far as the readers rely on it:
 * one root element; every element closed, in order (end tags matching their start tags); tags
 * written completely (name, attributes as name="value", no '<' inside); comments, CDATA sections and
 * processing instructions terminated; entity and character references XML knows; nothing but
 * white space, comments and processing instructions around the root. Not checked (no reader relies
 * on it): duplicate attributes, namespace declarations, characters XML forbids in text.
 * One pass over the characters, no allocation per tag: ~40 ms for the 13 MB of XML of the 1,000-table
 * bench workbook.
 */
export function checkWellFormed(xml: string, part = ''): void {
  const fail = (detail: string): never => {
    throw new DamagedPartError(part, `不是完整的 XML（${detail}）`);
  };
  const n = xml.length;
  /** Start offset and length of the names of the open elements. */
  const names: number[] = [];
  let root = false;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  // References: '&' in text and attribute values; found with one indexOf pass over the part.
  let amp = xml.indexOf('&', i);
  const checkAmps = (to: number) => {
    while (amp !== -1 && amp < to) {
      const end = referenceEnd(xml, amp);
      if (end === -1) {
        const semi = xml.indexOf(';', amp);
        fail(`无法识别的引用「${semi !== -1 && semi - amp < 12 ? printableSlice(xml, amp, semi - amp + 1).replace(/…$/, '') : printableSlice(xml, amp, 12)}」`);
      }
      amp = xml.indexOf('&', end);
    }
  };
  const skipAmps = (to: number) => {
    if (amp !== -1 && amp < to) amp = xml.indexOf('&', to);
  };
  for (;;) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? n : lt;
    if (names.length === 0) {
      // Outside the root: white space only.
      for (let k = i; k < textEnd; k++) {
        const c = xml.charCodeAt(k);
        if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) fail(root ? '根元素结束后还有内容' : '根元素之前有多余的内容');
      }
    }
    if (lt === -1) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === 0x21 /* ! */) {
      let close: number;
      checkAmps(lt);
      if (xml.startsWith('<!--', lt)) {
        close = xml.indexOf('-->', lt + 4);
        if (close === -1) fail('注释没有结束');
        close += 3;
      } else if (xml.startsWith('<![CDATA[', lt) && names.length > 0) {
        close = xml.indexOf(']]>', lt + 9);
        if (close === -1) fail('CDATA 段没有结束');
        close += 3;
      } else {
        return fail(`无法识别的标记「${printableSlice(xml, lt, 12)}」`);
      }
      skipAmps(close);
      i = close;
      continue;
    }
    if (c === 0x3f /* ? */) {
      checkAmps(lt);
      const close = xml.indexOf('?>', lt + 2);
      if (close === -1) fail('处理指令没有结束');
      // The XML declaration only at the very start.
      if (lt > (xml.charCodeAt(0) === 0xfeff ? 1 : 0) && /^xml[\s?]/i.test(xml.slice(lt + 2, lt + 6))) fail('XML 声明不在开头');
      skipAmps(close + 2);
      i = close + 2;
      continue;
    }
    const closing = c === 0x2f; /* / */
    const nameStart = lt + (closing ? 2 : 1);
    let j = nameStart;
    while (j < n && !isNameEnd(xml.charCodeAt(j)) && xml.charCodeAt(j) !== 0x3c) j++;
    const nameLen = j - nameStart;
    if (nameLen === 0 || !isNameStart(xml.charCodeAt(nameStart))) fail(`标记写法有误「${printableSlice(xml, lt, 12)}」`);
    if (closing) {
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (j >= n) fail(`结束标记「</${xml.slice(nameStart, nameStart + nameLen)}」不完整，内容已被截断`);
      if (xml.charCodeAt(j) !== 0x3e) fail(`结束标记「</${xml.slice(nameStart, nameStart + nameLen)}>」写法有误`);
      const depth = names.length;
      if (depth === 0) fail(`多出的结束标记「</${xml.slice(nameStart, nameStart + nameLen)}>」`);
      const openStart = names[depth - 2];
      const openLen = names[depth - 1];
      if (openLen !== nameLen || !sameChars(xml, openStart, nameStart, nameLen)) {
        fail(`结束标记「</${xml.slice(nameStart, nameStart + nameLen)}>」与前面的「<${xml.slice(openStart, openStart + openLen)}>」不匹配`);
      }
      names.length = depth - 2;
      if (amp !== -1 && amp < lt) checkAmps(lt);
      i = j + 1;
      continue;
    }
    // A start tag: attributes name="value" (or 'value'), each after white space, then '>' or '/>'.
    if (names.length === 0 && root) fail(`根元素结束后还有元素「<${xml.slice(nameStart, nameStart + nameLen)}>」`);
    let selfClosing = false;
    // Most tags: their attributes matched natively (fast even before the JIT has compiled this loop).
    START_TAG_REST.lastIndex = j;
    if (START_TAG_REST.test(xml)) {
      j = START_TAG_REST.lastIndex - 1;
      selfClosing = xml.charCodeAt(j - 1) === 0x2f;
    } else {
      j = startTagEnd(xml, j, nameStart, nameLen, fail);
      selfClosing = xml.charCodeAt(j - 1) === 0x2f;
    }
    if (amp !== -1 && amp < j) checkAmps(j);
    if (!selfClosing) names.push(nameStart, nameLen);
    root = true;
    i = j + 1;
  }
  if (names.length) {
    const openStart = names[names.length - 2];
    fail(`「<${xml.slice(openStart, openStart + names[names.length - 1])}>」没有结束标记，内容不完整或已被截断`);
  }
  if (!root) fail('没有内容');
  checkAmps(n);
}

/** After a tag's name: its attributes (name="value" or 'value', no '<' in a value) and its end, '>' or '/>'. */
const START_TAG_REST = /(?:[ \t\r\n]+[A-Za-z_:\u0080-\uffff][^ \t\r\n/>=<"']*[ \t\r\n]*=[ \t\r\n]*(?:"[^"<]*"|'[^'<]*'))*[ \t\r\n]*\/?>/y;

/**
 * The offset of the '>' ending a start tag whose attributes begin at `j`, read character by
 * character to say what is wrong (through `fail`) where START_TAG_REST does not match.
 */
function startTagEnd(xml: string, j: number, nameStart: number, nameLen: number, fail: (detail: string) => never): number {
  const n = xml.length;
  const nextLt = xml.indexOf('<', j);
  for (;;) {
    const ws = j;
    while (j < n && isSpace(xml.charCodeAt(j))) j++;
    if (j >= n) fail(`标记「<${xml.slice(nameStart, nameStart + nameLen)}>」不完整，内容已被截断`);
    const d = xml.charCodeAt(j);
    if (d === 0x3e /* > */) return j;
    if (d === 0x2f /* / */) {
      if (xml.charCodeAt(j + 1) !== 0x3e) fail(`标记「<${xml.slice(nameStart, nameStart + nameLen)}>」写法有误`);
      return j + 1;
    }
    if (j === ws || !isNameStart(d)) fail(`标记「<${xml.slice(nameStart, nameStart + nameLen)}>」的属性写法有误`);
    while (j < n && !isNameEnd(xml.charCodeAt(j)) && xml.charCodeAt(j) !== 0x3d /* = */ && xml.charCodeAt(j) !== 0x3c) j++;
    while (j < n && isSpace(xml.charCodeAt(j))) j++;
    if (j < n && xml.charCodeAt(j) !== 0x3d) fail(`标记「<${xml.slice(nameStart, nameStart + nameLen)}>」的属性写法有误`);
    j++;
    while (j < n && isSpace(xml.charCodeAt(j))) j++;
    if (j >= n) fail(`标记「<${xml.slice(nameStart, nameStart + nameLen)}>」不完整，内容已被截断`);
    const quote = xml.charCodeAt(j);
    if (quote !== 0x22 && quote !== 0x27) fail(`标记「<${xml.slice(nameStart, nameStart + nameLen)}>」的属性值缺少引号`);
    const close = xml.indexOf(quote === 0x22 ? '"' : "'", j + 1);
    if (close === -1) fail(`标记「<${xml.slice(nameStart, nameStart + nameLen)}>」不完整，内容已被截断`);
    // No '<' in a value: the next '<' (found once per tag) must come after it.
    if (nextLt !== -1 && nextLt < close) fail(`标记「<${xml.slice(nameStart, nameStart + nameLen)}>」的属性值中有「<」`);
    j = close + 1;
  }
}

/** Just past a reference at `at` ('&'), or -1: the five entities, or a character reference to a character XML allows. */
function referenceEnd(xml: string, at: number): number {
  const semi = xml.indexOf(';', at + 1);
  if (semi === -1 || semi - at > 10) return -1;
  const body = xml.slice(at + 1, semi);
  if (body === 'amp' || body === 'lt' || body === 'gt' || body === 'quot' || body === 'apos') return semi + 1;
  let code: number;
  if (/^#[0-9]{1,7}$/.test(body)) code = parseInt(body.slice(1), 10);
  else if (/^#x[0-9a-fA-F]{1,6}$/.test(body)) code = parseInt(body.slice(2), 16);
  else return -1;
  return isXmlChar(code) ? semi + 1 : -1;
}

/** XML 1.0's Char production. */
function isXmlChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** A letter, '_', ':' or any character past ASCII (XML's NameStartChar, loosely). */
function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0x80;
}

function sameChars(xml: string, a: number, b: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (xml.charCodeAt(a + k) !== xml.charCodeAt(b + k)) return false;
  return true;
}

/** Up to `max` characters from `at`, control characters shown as spaces (for a message). */
function printableSlice(xml: string, at: number, max: number): string {
  const s = xml.slice(at, at + max).replace(/[\u0000-\u001f\u007f]/g, ' ');
  return at + max < xml.length ? s + '…' : s;
}

/**
 * The next start or end tag at or after `from`, skipping comments, CDATA, processing instructions
 * and declarations; null at the end. Quoted attribute values may hold '>'.
 */
export function nextTag(xml: string, from: number, limit = xml.length): Tag | null {
  let i = xml.indexOf('<', from);
  while (i !== -1 && i < limit) {
    const c = xml.charCodeAt(i + 1);
    if (c === 0x21 /* ! */) {
      const close = xml.startsWith('<!--', i) ? xml.indexOf('-->', i + 4) + 3 : xml.startsWith('<![CDATA[', i) ? xml.indexOf(']]>', i + 9) + 3 : xml.indexOf('>', i) + 1;
      if (close <= 2) throw new PatchUnsupportedError('unterminated markup');
      i = xml.indexOf('<', close);
      continue;
    }
    if (c === 0x3f /* ? */) {
      const close = xml.indexOf('?>', i);
      if (close === -1) throw new PatchUnsupportedError('unterminated processing instruction');
      i = xml.indexOf('<', close + 2);
      continue;
    }
    const closing = c === 0x2f; /* / */
    let j = i + (closing ? 2 : 1);
    const nameStart = j;
    while (j < xml.length && !isNameEnd(xml.charCodeAt(j))) j++;
    const qname = xml.slice(nameStart, j);
    if (!qname) throw new PatchUnsupportedError(`bad tag at ${i}`);
    // To the '>' that is outside quotes.
    let quote = 0;
    for (; j < xml.length; j++) {
      const d = xml.charCodeAt(j);
      if (quote) {
        if (d === quote) quote = 0;
      } else if (d === 0x22 || d === 0x27) quote = d;
      else if (d === 0x3e /* > */) break;
      else if (d === 0x3c /* < */) throw new PatchUnsupportedError(`'<' inside the tag at ${i}`);
    }
    if (j >= xml.length) throw new PatchUnsupportedError(`unterminated tag at ${i}`);
    const colon = qname.indexOf(':');
    return {
      start: i,
      end: j + 1,
      qname,
      local: colon === -1 ? qname : qname.slice(colon + 1),
      closing,
      selfClosing: !closing && xml.charCodeAt(j - 1) === 0x2f,
    };
  }
  return null;
}

function isNameEnd(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3e || c === 0x2f;
}

/** The first start tag named `local` at or after `from` (before `limit`). */
export function findTag(xml: string, local: string, from = 0, limit = xml.length): Tag | null {
  for (let t = nextTag(xml, from, limit); t; t = nextTag(xml, t.end, limit)) {
    if (t.start >= limit) return null;
    if (!t.closing && t.local === local) return t;
  }
  return null;
}

/** The end of the element opened by `open`: just past its end tag (or the tag itself when self-closing). */
export function elementEnd(xml: string, open: Tag): number {
  if (open.selfClosing) return open.end;
  let depth = 0;
  for (let t = nextTag(xml, open.end); t; t = nextTag(xml, t.end)) {
    if (t.qname !== open.qname) continue;
    if (t.closing) {
      if (depth === 0) return t.end;
      depth--;
    } else if (!t.selfClosing) depth++;
  }
  throw new PatchUnsupportedError(`<${open.qname}> is not closed`);
}

/**
 * Where the end tag of the element opened by `open` starts, for elements that do not nest in
 * themselves (<si>, <t>, <f>, <v>…): the first `</qname>` after it, before `limit`.
 * PatchUnsupportedError when there is none: a scan never runs on past its element or starts over.
 */
export function closeOf(xml: string, open: Tag, limit = xml.length): number {
  const close = xml.indexOf(`</${open.qname}>`, open.end);
  if (close === -1 || close >= limit) throw new PatchUnsupportedError(`<${open.qname}> is not closed`);
  return close;
}

/** Every element named `local` directly or deeply inside [from, limit): their open tags and ends. */
export function elements(xml: string, local: string, from: number, limit: number): { open: Tag; end: number }[] {
  const out: { open: Tag; end: number }[] = [];
  let pos = from;
  for (let t = findTag(xml, local, pos, limit); t; t = findTag(xml, local, pos, limit)) {
    const end = elementEnd(xml, t);
    out.push({ open: t, end });
    pos = end;
  }
  return out;
}

/** A tag's r attribute (a row's number, a cell's reference): scanned by hand, as it runs on every row and cell. */
export function refAttribute(xml: string, tag: Tag): string | undefined {
  const end = tag.end - (tag.selfClosing ? 2 : 1);
  for (let i = xml.indexOf('=', tag.start + 1 + tag.qname.length); i !== -1 && i < end; ) {
    let q = i + 1;
    while (q < end && xml.charCodeAt(q) <= 0x20) q++;
    const quote = xml[q];
    const close = quote === '"' || quote === "'" ? xml.indexOf(quote, q + 1) : -1;
    if (close === -1 || close >= end) return undefined; // not an attribute list this reads
    let n = i;
    while (xml.charCodeAt(n - 1) <= 0x20) n--;
    if (xml.charCodeAt(n - 1) === 0x72 /* r */ && xml.charCodeAt(n - 2) <= 0x20) return xml.slice(q + 1, close);
    i = xml.indexOf('=', close + 1);
  }
  return undefined;
}

const ATTR = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/** The attributes of a start tag, unescaped, in order. */
export function attributes(xml: string, tag: Tag): Map<string, string> {
  const text = xml.slice(tag.start + 1 + tag.qname.length, tag.end - (tag.selfClosing ? 2 : 1));
  const out = new Map<string, string>();
  for (const m of text.matchAll(ATTR)) out.set(m[1], unescapeXml(m[3] ?? m[4]));
  return out;
}

/** A start tag with the given attributes (values escaped); undefined values are left out. */
export function startTag(qname: string, attrs: Iterable<[string, string | undefined]>, selfClosing = false): string {
  let s = `<${qname}`;
  for (const [k, v] of attrs) if (v !== undefined) s += ` ${k}="${escapeXml(v, true)}"`;
  return s + (selfClosing ? '/>' : '>');
}

/** Rewrites one attribute of a start tag (adding it when missing, removing it when value is undefined). */
export function setAttribute(tagText: string, name: string, value: string | undefined): string {
  const re = new RegExp(`(\\s)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*("[^"]*"|'[^']*')`);
  if (re.test(tagText)) {
    return value === undefined ? tagText.replace(re, '') : tagText.replace(re, `$1${name}="${escapeXml(value, true)}"`);
  }
  if (value === undefined) return tagText;
  const at = tagText.endsWith('/>') ? tagText.length - 2 : tagText.length - 1;
  return `${tagText.slice(0, at)} ${name}="${escapeXml(value, true)}"${tagText.slice(at)}`;
}

export function escapeXml(s: string, attribute = false): string {
  let out = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (attribute) out = out.replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
  return out;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    const c = ENTITY[e];
    // Office parts declare no entities of their own (and a DTD is not allowed in them).
    if (c === undefined) throw new PatchUnsupportedError(`undeclared entity ${m}`);
    return c;
  });
}

/**
 * Text for a SpreadsheetML string: characters XML 1.0 cannot hold (and CR, which XML reads as LF)
 * become _xHHHH_, and an underscore that a reader could take for the start of such an escape is itself
 * escaped as _x005F_ (ECMA-376 Part 1, 22.9.2.19 ST_Xstring). Any '_' before x and four hex digits
 * counts, whatever follows: what follows may be an escape written here.
 */
export function xstring(s: string): string {
  const escaped = s
    .replace(/_(?=x[0-9A-Fa-f]{4})/g, '_x005F_')
    .replace(/[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  return escapeXml(escaped);
}
