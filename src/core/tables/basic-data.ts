// §1.2: the 部门整体支出绩效评价基础数据表: staff, the 经费控制情况 hierarchy, buildings.
import { halfWidth, tidy } from '../parse/text';
import { FOOTER } from '../vocabulary';
import { captionsOf, type Captions } from './captions';
import type { BasicDataRow, BasicDataTable, BuildingRow } from './model';
import { moneyUnitOf, rateStyleOf } from './fields';
import { numField } from './num-fields';
import { HINT, matchHeaderRow, type SheetView } from './sheet-view';

const STAFF_ANCHOR = /^财政供养人员情况/;
const FUNDS_ANCHOR = /^经费控制情况/;
const BUILDING_ANCHOR = /^楼堂馆所/;
const SAVING_ANCHOR = /^厉行节约/;
const ANCHOR_HINT = /[财经楼厉]/;
const TOP_LEVEL = /^(三公经费|项目支出|公用经费|政府采购金额|部门基本支出预算调整|基本支出|人员经费)/;
const NUMBERED = /^(\d+|[一二三四五六七八九十]+)\s*[、.．)）]|^[(（]\d+[)）]/;
const PART = /^其中[:：]?/;
const ONE_LINE_PER_ITEM = /一.{0,4}一行|每.{0,6}一行|逐项/;
const ELLIPSIS = /^[.…。·]+$/;

export function findBasicDataTables(view: SheetView, captions: Captions = captionsOf()): BasicDataTable[] {
  const anchors: { row: number; col: number; what: 'staff' | 'funds' | 'building' | 'saving' }[] = [];
  for (let r = 0; r < view.rowCount; r++) {
    if (!view.mentions(r, HINT.财 | HINT.经 | HINT.楼 | HINT.厉)) continue;
    const n = view.filledCount(r);
    for (let i = 0; i < n && i < 3; i++) {
      const c = view.filledCol(r, i);
      const v = view.str(r, c);
      // Exact pre-check (every row): each anchor starts with 财, 经, 楼 or 厉, kept by normalising.
      if (v === undefined || !ANCHOR_HINT.test(v)) continue;
      const k = view.key(r, c);
      if (STAFF_ANCHOR.test(k)) anchors.push({ row: r, col: c, what: 'staff' });
      else if (FUNDS_ANCHOR.test(k)) anchors.push({ row: r, col: c, what: 'funds' });
      else if (BUILDING_ANCHOR.test(k)) anchors.push({ row: r, col: c, what: 'building' });
      else if (SAVING_ANCHOR.test(k)) anchors.push({ row: r, col: c, what: 'saving' });
      else continue;
      break;
    }
  }
  // Group anchors into tables: a new table starts where a part repeats.
  const groups: (typeof anchors)[] = [];
  let cur: typeof anchors = [];
  for (const a of anchors) {
    if (cur.some((x) => x.what === a.what) || (a.what === 'staff' && cur.length > 0)) {
      groups.push(cur);
      cur = [];
    }
    cur.push(a);
  }
  if (cur.length) groups.push(cur);
  return groups.filter((g) => g.some((a) => a.what === 'staff' || a.what === 'funds')).map((g) => readBasicData(view, g, captions));
}

function readBasicData(view: SheetView, anchors: { row: number; col: number; what: string }[], captions: Captions): BasicDataTable {
  const first = anchors[0].row;
  let title = '';
  let top = first;
  for (let r = first - 1; r >= Math.max(0, first - 3); r--) {
    const c = view.firstFilled(r);
    if (c >= 0 && /基础数据表|基础数据/.test(view.key(r, c))) {
      title = tidy(view.text(r, c));
      top = r;
      break;
    }
  }
  const at = (what: string) => anchors.find((a) => a.what === what);
  const staffA = at('staff');
  const fundsA = at('funds');
  const buildingA = at('building');
  const savingA = at('saving');
  let last = anchors[anchors.length - 1].row;

  let staff: BasicDataTable['staff'] = null;
  if (staffA) {
    const h = matchHeaderRow(view, staffA.row, captions.staff);
    const stop = fundsA?.row ?? buildingA?.row ?? staffA.row + 4;
    let vr = staffA.row + 1;
    for (let r = staffA.row + 1; r < stop; r++) {
      if ([h.quota, h.actual].some((c) => c !== undefined && view.cell(r, c)?.v != null)) {
        vr = r;
        break;
      }
    }
    staff = {
      quota: numField(view, vr, h.quota, '编制数'),
      actual: numField(view, vr, h.actual, '实际在职人数'),
      rate: numField(view, vr, h.rate, '控制率'),
      rateStyle: h.rate !== undefined ? rateStyleOf(view, staffA.row, h.rate, [vr]) : 'fraction',
    };
    last = Math.max(last, vr);
  }

  const rows: BasicDataRow[] = [];
  const amountLabels: string[] = [];
  const amountTexts: string[] = [];
  const amountValues: number[] = [];
  if (fundsA) {
    const amountCols = view.filledCols(fundsA.row).filter((c) => c > fundsA.col && /决算|预算/.test(view.key(fundsA.row, c))).slice(0, 3);
    for (const c of amountCols) amountLabels.push(tidy(view.text(fundsA.row, c)));
    amountTexts.push(view.text(fundsA.row, fundsA.col), ...amountLabels);
    const stop = [buildingA?.row, savingA?.row].filter((x): x is number => x !== undefined && x > fundsA.row);
    const end = stop.length ? Math.min(...stop) : view.rowCount;
    let lastTop: number | null = null;
    let lastNumbered: number | null = null;
    let partGroup: number | null = null;
    let partParent: number | null = null;
    let groups = 0;
    for (let r = fundsA.row + 1; r < end; r++) {
      const raw = halfWidth(view.text(r, fundsA.col)).trim();
      const label = raw.replace(/\s+/g, '');
      if (FOOTER.test(label)) break;
      const amounts = amountCols.map((c) => numField(view, r, c, amountLabels[amountCols.indexOf(c)] ?? '金额'));
      const hasAmount = amounts.some((a) => a && a.parse.kind === 'number');
      if (!label && !hasAmount) continue;
      if (ELLIPSIS.test(label)) continue;
      last = r;
      for (const a of amounts) if (a && a.parse.kind === 'number') amountValues.push(a.parse.value);
      const idx = rows.length;
      let role: BasicDataRow['role'];
      let parent: number | null = null;
      let group: number | null = null;
      if (PART.test(label)) {
        role = 'part';
        partParent = lastNumbered !== null && (lastTop === null || lastNumbered > lastTop) ? lastNumbered : lastTop;
        parent = partParent;
        partGroup = group = groups++;
      } else if (NUMBERED.test(label)) {
        role = 'numbered';
        parent = lastTop;
        lastNumbered = idx;
        partGroup = null;
      } else if (TOP_LEVEL.test(label)) {
        role = 'top';
        lastTop = idx;
        lastNumbered = null;
        partGroup = null;
      } else if (partGroup !== null) {
        role = 'part';
        parent = partParent;
        group = partGroup;
      } else if (lastNumbered !== null && ONE_LINE_PER_ITEM.test(rows[lastNumbered].label)) {
        role = 'item';
        parent = lastNumbered;
      } else {
        role = 'top';
        lastTop = idx;
        lastNumbered = null;
      }
      rows.push({ row: r, label, role, parent, partGroup: group, amounts });
    }
  }

  const buildings: BuildingRow[] = [];
  if (buildingA) {
    const h = matchHeaderRow(view, buildingA.row, captions.building);
    const end = savingA && savingA.row > buildingA.row ? savingA.row : Math.min(view.rowCount, buildingA.row + 20);
    for (let r = buildingA.row + 1; r < end; r++) {
      const first = view.firstFilled(r);
      if (first >= 0 && FOOTER.test(view.key(r, first))) break;
      const f = (c: number | undefined, label: string) => numField(view, r, c, label);
      const b: BuildingRow = {
        row: r,
        approvedSize: f(h.approvedSize, '批复规模'),
        actualSize: f(h.actualSize, '实际规模'),
        sizeRate: f(h.sizeRate, '规模控制率'),
        budgetInvest: f(h.budgetInvest, '预算投资'),
        actualInvest: f(h.actualInvest, '实际投资'),
        investRate: f(h.investRate, '投资概算控制率'),
        sizeRateStyle: h.sizeRate !== undefined ? rateStyleOf(view, buildingA.row, h.sizeRate, [r]) : 'fraction',
        investRateStyle: h.investRate !== undefined ? rateStyleOf(view, buildingA.row, h.investRate, [r]) : 'fraction',
      };
      const filled = [b.approvedSize, b.actualSize, b.budgetInvest, b.actualInvest, b.sizeRate, b.investRate].some(
        (x) => x && x.parse.kind !== 'blank' && x.parse.kind !== 'na',
      );
      if (filled) {
        buildings.push(b);
        last = Math.max(last, r);
      }
    }
  }

  let savingMeasures = '';
  if (savingA) {
    const vc = view.nextFilled(savingA.row, savingA.col);
    if (vc !== null) savingMeasures = view.text(savingA.row, vc).trim();
    last = Math.max(last, savingA.row);
  }

  let c1 = 0;
  for (let r = top; r <= last; r++) {
    const lc = view.lastFilled(r);
    if (lc >= 0) c1 = Math.max(c1, lc);
  }
  return {
    kind: 'basic-data',
    sheet: view.sheet,
    sheetIndex: view.index,
    range: { r0: top, c0: anchors[0].col, r1: last, c1 },
    title: title || '部门整体支出绩效评价基础数据表',
    moneyUnit: moneyUnitOf([title, ...amountTexts], amountValues),
    staff,
    amountLabels,
    rows,
    buildings,
    savingMeasures,
  };
}
