// A windowed list: only the rows near the visible part of the pane are rendered, so 3,000+ findings
// (or as many changes) open and scroll as fast as thirty.
//
// Why not Fluent's Virtualizer: in this Fluent release it is only exported from
// @fluentui/react-components/unstable, deprecated there ("migrated to @fluentui-contrib/react-virtualizer",
// which is not installed), and it wants a scroll container of its own with item sizes given ahead or
// measured through its hooks. Here the pane scrolls as a whole (a nested scroll box inside a 320 px pane
// is awkward to use) and rows wrap Chinese text to heights that depend on the pane's width. So rows are
// laid out in normal flow between two spacers; a row's height is estimated (from its text and the list's
// width) until it has been rendered once, then measured (ResizeObserver) and remembered by key; the
// browser's scroll anchoring keeps the view still when a measured row above it differs from its estimate.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export interface VirtualListProps<T> {
  items: readonly T[];
  itemKey: (item: T) => string;
  /** A row's height in px before it has been measured, for a list `width` px wide. */
  estimate: (item: T, width: number) => number;
  render: (item: T) => ReactNode;
  /** Rendered beyond the visible part, above and below, in px. */
  overscan?: number;
  'data-testid'?: string;
}

/** The nearest ancestor that scrolls vertically, or null for the page itself. */
function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
    const o = getComputedStyle(p).overflowY;
    if (o === 'auto' || o === 'scroll' || o === 'overlay') return p;
  }
  return null;
}

/** The first index whose row ends below `y` (offsets has items.length + 1 entries). */
function firstEndingBelow(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1] > y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function VirtualList<T>({ items, itemKey, estimate, render, overscan = 800, ...rest }: VirtualListProps<T>) {
  const box = useRef<HTMLDivElement>(null);
  const measured = useRef(new Map<string, number>());
  const [width, setWidth] = useState(0);
  const [version, setVersion] = useState(0);
  // The part of the list (in px from its top) to render; until the first layout, the top of it.
  const [view, setView] = useState({ from: 0, to: 1600 });

  // Estimates are kept per item object (rows are rebuilt when the list changes) and list width.
  const estimates = useRef(new WeakMap<object, { w: number; h: number }>());
  const offsets = useMemo(() => {
    const w = width || 340;
    const o = new Float64Array(items.length + 1);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      let h = measured.current.get(itemKey(item));
      if (h === undefined) {
        const cached = typeof item === 'object' && item !== null ? estimates.current.get(item) : undefined;
        if (cached && cached.w === w) h = cached.h;
        else {
          h = estimate(item, w);
          if (typeof item === 'object' && item !== null) estimates.current.set(item, { w, h });
        }
      }
      o[i + 1] = o[i] + h;
    }
    return o;
    // `version` changes when rows were measured.
  }, [items, width, version, itemKey, estimate]);

  const update = useCallback(() => {
    const el = box.current;
    if (!el) return;
    const sp = scrollParent(el);
    const top = el.getBoundingClientRect().top;
    const vp = sp ? sp.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
    // Steps of a quarter of the overscan: scrolling within one step renders nothing new.
    const step = overscan / 4;
    const from = Math.floor((vp.top - top - overscan) / step) * step;
    const to = Math.ceil((vp.bottom - top + overscan) / step) * step;
    setView((v) => (v.from === from && v.to === to ? v : { from, to }));
  }, [overscan]);

  useLayoutEffect(update);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const sp = scrollParent(el);
    const target: HTMLElement | Window = sp ?? window;
    let frame = 0;
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), update()));
    };
    target.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => {
      target.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      ro.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [update]);

  // One observer measures every rendered row; a changed height re-lays the list once per frame.
  const rowObserver = useMemo(() => {
    if (typeof ResizeObserver === 'undefined') return null;
    let frame = 0;
    return new ResizeObserver((entries) => {
      let changed = false;
      for (const e of entries) {
        const el = e.target as HTMLElement;
        const key = el.dataset.vkey;
        if (key === undefined || !el.isConnected) continue;
        const h = el.offsetHeight;
        if (measured.current.get(key) !== h) {
          measured.current.set(key, h);
          changed = true;
        }
      }
      if (changed && !frame) frame = requestAnimationFrame(() => ((frame = 0), setVersion((v) => v + 1)));
    });
  }, []);
  useEffect(() => () => rowObserver?.disconnect(), [rowObserver]);
  const observe = useCallback(
    (el: HTMLDivElement | null) => {
      if (!el || !rowObserver) return;
      rowObserver.observe(el);
      return () => rowObserver.unobserve(el);
    },
    [rowObserver],
  );

  const n = items.length;
  const first = n ? firstEndingBelow(offsets, Math.max(0, view.from)) : 0;
  let last = first;
  while (last < n && offsets[last] < view.to) last++;
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const key = itemKey(items[i]);
    rows.push(
      <div key={key} data-vkey={key} ref={observe}>
        {render(items[i])}
      </div>,
    );
  }
  return (
    <div ref={box} data-testid={rest['data-testid']} data-rows={n}>
      <div style={{ height: offsets[first] }} aria-hidden />
      {rows}
      <div style={{ height: offsets[n] - offsets[last] }} aria-hidden />
    </div>
  );
}

/** Width in px of text in a 12 px font: CJK and full-width characters 12, others about 7. */
export function textWidth(s: string, px = 12): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) >= 0x2e80 ? px : px * 0.58;
  return w;
}

/** Lines a text takes when wrapped at `width` px (at least 1). */
export function linesOf(s: string, width: number, px = 12): number {
  return Math.max(1, Math.ceil(textWidth(s, px) / Math.max(40, width)));
}
