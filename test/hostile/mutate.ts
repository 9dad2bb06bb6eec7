// Structured mutations of a well-formed XML part, for the fuzz test: cut short, an element
// duplicated, an empty element unclosed, two sibling elements swapped, an end tag dropped.
import { nextTag } from '../../src/hosts/xlsx/package/xml';

export const MUTATIONS = ['cut', 'duplicate', 'unclose', 'reorder', 'drop-close'] as const;
export type Mutation = (typeof MUTATIONS)[number];

interface Element {
  start: number;
  /** Just past the start tag. */
  openEnd: number;
  /** Where the end tag starts (openEnd when self-closing). */
  closeStart: number;
  /** Just past the element. */
  end: number;
  selfClosing: boolean;
  parent: number;
  depth: number;
}

/** The elements of a well-formed part, in document order (the root first). */
export function elementsOf(xml: string): Element[] {
  const out: Element[] = [];
  const stack: number[] = [];
  for (let t = nextTag(xml, 0); t; t = nextTag(xml, t.end)) {
    if (t.closing) {
      const e = out[stack.pop()!];
      e.closeStart = t.start;
      e.end = t.end;
      continue;
    }
    const parent = stack.length ? stack[stack.length - 1] : -1;
    out.push({ start: t.start, openEnd: t.end, closeStart: t.end, end: t.end, selfClosing: t.selfClosing, parent, depth: stack.length });
    if (!t.selfClosing) stack.push(out.length - 1);
  }
  return out;
}

/**
 * `xml` with one mutation; `a` and `b` (any non-negative integers) choose where. A mutation that
 * has nothing to act on (no empty element to unclose, no siblings to swap) cuts the part instead.
 */
export function mutate(xml: string, kind: Mutation, a: number, b: number): { xml: string; what: string } {
  const els = elementsOf(xml);
  const pick = <T>(list: T[], n: number): T => list[n % list.length];
  const cut = () => {
    const at = a % Math.max(1, xml.length);
    return { xml: xml.slice(0, at), what: `cut at ${at} of ${xml.length}` };
  };
  const nonRoot = els.filter((e) => e.depth > 0);
  switch (kind) {
    case 'cut':
      return cut();
    case 'duplicate': {
      if (!nonRoot.length) return cut();
      const e = pick(nonRoot, a);
      return { xml: xml.slice(0, e.end) + xml.slice(e.start, e.end) + xml.slice(e.end), what: `duplicated ${xml.slice(e.start, Math.min(e.openEnd, e.start + 40))}` };
    }
    case 'unclose': {
      const empty = els.filter((e) => e.selfClosing);
      if (!empty.length) return cut();
      const e = pick(empty, a);
      return { xml: xml.slice(0, e.end - 2) + '>' + xml.slice(e.end), what: `unclosed ${xml.slice(e.start, Math.min(e.end, e.start + 40))}` };
    }
    case 'drop-close': {
      const open = els.filter((e) => !e.selfClosing);
      if (!open.length) return cut();
      const e = pick(open, a);
      return { xml: xml.slice(0, e.closeStart) + xml.slice(e.end), what: `dropped ${xml.slice(e.closeStart, e.end)}` };
    }
    case 'reorder': {
      const byParent = new Map<number, Element[]>();
      els.forEach((e) => {
        if (e.parent >= 0) byParent.set(e.parent, [...(byParent.get(e.parent) ?? []), e]);
      });
      const families = [...byParent.values()].filter((k) => k.length >= 2);
      if (!families.length) return cut();
      const kids = pick(families, a);
      const i = b % kids.length;
      let j = Math.floor(b / kids.length) % kids.length;
      if (j === i) j = (i + 1) % kids.length;
      const [x, y] = i < j ? [kids[i], kids[j]] : [kids[j], kids[i]];
      return {
        xml: xml.slice(0, x.start) + xml.slice(y.start, y.end) + xml.slice(x.end, y.start) + xml.slice(x.start, x.end) + xml.slice(y.end),
        what: `swapped ${xml.slice(x.start, Math.min(x.openEnd, x.start + 30))} and ${xml.slice(y.start, Math.min(y.openEnd, y.start + 30))}`,
      };
    }
  }
}
