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
