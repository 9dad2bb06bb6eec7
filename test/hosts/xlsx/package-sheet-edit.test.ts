// Writing cells into worksheet XML in place: each case a part as some producer writes it, the cells
// written, and the part expected (only the cells' elements, rows, spans and dimension may change).
import { patchSheet, repairMerges, type CellWrite } from '../../../src/hosts/xlsx/package/sheet-edit';
import { StyleBook } from '../../../src/hosts/xlsx/package/styles';
import { PatchUnsupportedError } from '../../../src/hosts/xlsx/package/xml';
import { expectWellFormed as wellFormed } from './helpers';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const sheet = (data: string, head = '') => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>${head}${data}</worksheet>`;
// xf 0 General; xf 1 bold, General; xf 2 bold, 0.00%; xf 3 General, fill.
const STYLES =
  `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="176" formatCode="0.0%"/></numFmts><fonts count="2"><font/><font><b/></font></fonts>` +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0"/><xf numFmtId="0" fontId="1" applyFont="1"/><xf numFmtId="10" fontId="1" applyFont="1" applyNumberFormat="1"/><xf numFmtId="0" fillId="2"/></cellXfs></styleSheet>';

const w = (row: number, col: number, state: CellWrite['state']): CellWrite => ({ row, col, state });

const cases: { name: string; data: string; head?: string; writes: CellWrite[]; expected: string; expectedHead?: string; formulas?: boolean }[] = [
  {
    name: 'a number over a number, style kept',
    data: '<sheetData><row r="1" spans="1:2"><c r="A1" s="1"><v>1</v></c><c r="B1"><v>2</v></c></row></sheetData>',
    writes: [w(0, 1, { v: 0.8912 })],
    expected: '<sheetData><row r="1" spans="1:2"><c r="A1" s="1"><v>1</v></c><c r="B1"><v>0.8912</v></c></row></sheetData>',
  },
  {
    name: 'a shared-string cell becomes a number',
    data: '<sheetData><row r="2"><c r="C2" s="1" t="s"><v>4</v></c></row></sheetData>',
    writes: [w(1, 2, { v: 95 })],
    expected: '<sheetData><row r="2"><c r="C2" s="1"><v>95</v></c></row></sheetData>',
  },
  {
    name: 'a percent format on a bold cell reuses the bold percent format',
    data: '<sheetData><row r="1"><c r="A1" s="1"><v>1</v></c></row></sheetData>',
    writes: [w(0, 0, { v: 0.5, fmt: '0.00%' })],
    expected: '<sheetData><row r="1"><c r="A1" s="2"><v>0.5</v></c></row></sheetData>',
  },
  {
    name: 'General again goes back to the bold General format',
    data: '<sheetData><row r="1"><c r="A1" s="2"><v>0.5</v></c></row></sheetData>',
    writes: [w(0, 0, { v: 1 })],
    expected: '<sheetData><row r="1"><c r="A1" s="1"><v>1</v></c></row></sheetData>',
  },
  {
    name: 'a new cell between two, and one after the last',
    data: '<sheetData><row r="3" spans="1:3"><c r="A3"><v>1</v></c><c r="C3"><v>3</v></c></row></sheetData>',
    head: '<dimension ref="A1:C3"/>',
    writes: [w(2, 1, { v: 2 }), w(2, 4, { v: 5 })],
    expected: '<sheetData><row r="3" spans="1:5"><c r="A3"><v>1</v></c><c r="B3"><v>2</v></c><c r="C3"><v>3</v></c><c r="E3"><v>5</v></c></row></sheetData>',
    expectedHead: '<dimension ref="A1:E3"/>',
  },
  {
    name: 'new rows before, between and after the existing ones',
    data: '<sheetData><row r="2"><c r="A2"><v>2</v></c></row><row r="4"><c r="A4"><v>4</v></c></row></sheetData>',
    writes: [w(0, 0, { v: 1 }), w(2, 0, { v: 3 }), w(9, 1, { v: 10 })],
    expected:
      '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>' +
      '<row r="4"><c r="A4"><v>4</v></c></row><row r="10"><c r="B10"><v>10</v></c></row></sheetData>',
  },
  {
    name: 'a cell after the last one goes before the row’s extLst',
    data: '<sheetData><row r="1"><c r="A1"><v>1</v></c><extLst><ext uri="x"/></extLst></row></sheetData>',
    writes: [w(0, 1, { v: 2 })],
    expected: '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><extLst><ext uri="x"/></extLst></row></sheetData>',
  },
  {
    name: 'an empty sheet (self-closing sheetData)',
    data: '<sheetData/>',
    writes: [w(0, 0, { v: 1 })],
    expected: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>',
  },
  {
    name: 'a self-closing row, its format given to the new cell',
    data: '<sheetData><row r="2" s="3" customFormat="1" ht="30" customHeight="1"/></sheetData>',
    writes: [w(1, 0, { v: 1 })],
    expected: '<sheetData><row r="2" s="3" customFormat="1" ht="30" customHeight="1"><c r="A2" s="3"><v>1</v></c></row></sheetData>',
  },
  {
    name: 'a new cell takes its column’s format',
    head: '<cols><col min="2" max="4" width="12" style="1" customWidth="1"/></cols>',
    data: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>',
    writes: [w(0, 2, { v: 3 })],
    expected: '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="C1" s="1"><v>3</v></c></row></sheetData>',
  },
  {
    name: 'rows and cells without r (positions counted)',
    data: '<sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row></sheetData>',
    writes: [w(1, 1, { v: 4 }), w(0, 1, { v: 9 })],
    expected: '<sheetData><row><c><v>1</v></c><c r="B1"><v>9</v></c></row><row><c><v>3</v></c><c r="B2"><v>4</v></c></row></sheetData>',
  },
  {
    name: 'a namespace prefix is kept on new elements',
    data: '<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData>',
    writes: [w(0, 0, { v: 2 }), w(1, 0, { v: 'x' })],
    expected: '<x:sheetData><x:row r="1"><x:c r="A1"><x:v>2</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c></x:row></x:sheetData>',
  },
  {
    name: 'text, with spaces kept and characters XML cannot hold escaped',
    data: '<sheetData/>',
    writes: [w(0, 0, { v: ' 优 ' }), w(0, 1, { v: 'a\u0001b_x0041_<&>' })],
    expected:
      '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> 优 </t></is></c>' +
      '<c r="B1" t="inlineStr"><is><t>a_x0001_b_x005F_x0041_&lt;&amp;&gt;</t></is></c></row></sheetData>',
  },
  {
    name: 'booleans and errors',
    data: '<sheetData/>',
    writes: [w(0, 0, { v: true }), w(0, 1, { v: { error: '#DIV/0!' } })],
    expected: '<sheetData><row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="e"><v>#DIV/0!</v></c></row></sheetData>',
  },
  {
    name: 'a formula with its cached result, over a value',
    data: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>',
    writes: [w(0, 0, { v: 'ok', f: '=IF(B1>0,"ok","")' })],
    expected: '<sheetData><row r="1"><c r="A1" t="str"><f>IF(B1&gt;0,"ok","")</f><v>ok</v></c></row></sheetData>',
    formulas: true,
  },
  {
    name: 'a value over a formula (dynamic-array metadata dropped with it)',
    data: '<sheetData><row r="1"><c r="A1" s="1" cm="1"><f t="array" ref="A1">SUM(B1:B2)</f><v>3</v></c></row></sheetData>',
    writes: [w(0, 0, { v: 3 })],
    expected: '<sheetData><row r="1"><c r="A1" s="1"><v>3</v></c></row></sheetData>',
    formulas: true,
  },
  {
    name: 'a blank over an unformatted cell removes it; a formatted one keeps its format',
    data: '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1" s="3"><v>2</v></c></row></sheetData>',
    writes: [w(0, 0, { v: null }), w(0, 1, { v: null })],
    expected: '<sheetData><row r="1"><c r="B1" s="3"/></row></sheetData>',
  },
  {
    name: 'a blank where there is no cell writes nothing',
    data: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>',
    writes: [w(0, 3, { v: null })],
    expected: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>',
  },
  {
    name: 'overwriting a shared formula’s master spells the formula out in its dependents',
    data:
      '<sheetData><row r="1"><c r="C1"><f t="shared" ref="C1:C3" si="0">A1*B1</f><v>2</v></c></row>' +
      '<row r="2"><c r="C2"><f t="shared" si="0"/><v>6</v></c></row><row r="3"><c r="C3"><f t="shared" si="0"/><v>12</v></c></row></sheetData>',
    writes: [w(0, 2, { v: 7 })],
    expected:
      '<sheetData><row r="1"><c r="C1"><v>7</v></c></row>' +
      '<row r="2"><c r="C2"><f>A2*B2</f><v>6</v></c></row><row r="3"><c r="C3"><f>A3*B3</f><v>12</v></c></row></sheetData>',
    formulas: true,
  },
  {
    name: 'a shared formula’s master whose formula is kept: only its cached result changes, the dependents stay shared',
    data:
      '<sheetData><row r="1"><c r="C1"><f t="shared" ref="C1:C3" si="0">A1*B1</f><v>2</v></c></row>' +
      '<row r="2"><c r="C2"><f t="shared" si="0"/><v>6</v></c></row><row r="3"><c r="C3"><f t="shared" si="0"/><v>12</v></c></row></sheetData>',
    writes: [{ row: 0, col: 2, state: { v: 3, f: 'A1*B1' }, storedFormula: 'A1*B1', keepsFormula: true }],
    expected:
      '<sheetData><row r="1"><c r="C1"><f t="shared" ref="C1:C3" si="0">A1*B1</f><v>3</v></c></row>' +
      '<row r="2"><c r="C2"><f t="shared" si="0"/><v>6</v></c></row><row r="3"><c r="C3"><f t="shared" si="0"/><v>12</v></c></row></sheetData>',
  },
  {
    name: 'a shared dependent and an array formula whose formulas are kept keep their <f> elements (and cm)',
    data:
      '<sheetData><row r="1"><c r="C1"><f t="shared" ref="C1:C2" si="0">A1*B1</f><v>2</v></c><c r="D1" cm="1"><f t="array" ref="D1" ca="1">SUM(A1:B1)</f><v>3</v></c></row>' +
      '<row r="2"><c r="C2"><f t="shared" si="0"/><v>6</v></c></row></sheetData>',
    writes: [
      { row: 0, col: 3, state: { v: 4, f: 'SUM(A1:B1)' }, storedFormula: 'SUM(A1:B1)', keepsFormula: true },
      { row: 1, col: 2, state: { v: 8, f: 'A2*B2' }, storedFormula: 'A2*B2', keepsFormula: true },
    ],
    expected:
      '<sheetData><row r="1"><c r="C1"><f t="shared" ref="C1:C2" si="0">A1*B1</f><v>2</v></c><c r="D1" cm="1"><f t="array" ref="D1" ca="1">SUM(A1:B1)</f><v>4</v></c></row>' +
      '<row r="2"><c r="C2"><f t="shared" si="0"/><v>8</v></c></row></sheetData>',
  },
  {
    name: 'other attributes of a cell (phonetic) are kept, its type recomputed',
    data: '<sheetData><row r="1"><c r="A1" t="s" ph="1"><v>0</v></c></row></sheetData>',
    writes: [w(0, 0, { v: 1.5 })],
    expected: '<sheetData><row r="1"><c r="A1" ph="1"><v>1.5</v></c></row></sheetData>',
  },
  {
    name: 'comments, processing instructions and quoted ">" around the data do not confuse the reader',
    head: '<!-- <sheetData> in a comment --><sheetPr codeName="a&gt;b"/>',
    data: '<sheetData><row r="1" x14ac:dyDescent="0.25" xmlns:x14ac="urn:x"><c r="A1"><v>1</v></c></row></sheetData>',
    writes: [w(0, 0, { v: 2 })],
    expected: '<sheetData><row r="1" x14ac:dyDescent="0.25" xmlns:x14ac="urn:x"><c r="A1"><v>2</v></c></row></sheetData>',
  },
];

describe('patchSheet', () => {
  test.each(cases)('$name', ({ data, head = '', writes, expected, expectedHead, formulas = false }) => {
    const styles = new StyleBook(STYLES);
    const got = patchSheet(sheet(data, head), writes, styles);
    expect(got.xml).toBe(sheet(expected, expectedHead ?? head));
    expect(got.formulasTouched).toBe(formulas);
    wellFormed(got.xml);
  });

  test('nothing to write leaves the part as it is', () => {
    const xml = sheet('<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>');
    expect(patchSheet(xml, [], new StyleBook(STYLES)).xml).toBe(xml);
  });

  test.each([
    ['rows out of order', '<sheetData><row r="3"/><row r="2"/></sheetData>'],
    ['a cell whose reference names another row', '<sheetData><row r="1"><c r="A2"><v>1</v></c></row></sheetData>'],
    ['an unknown element among the rows', '<sheetData><foo/></sheetData>'],
    ['no sheetData at all', '<dimension ref="A1"/>'],
  ])('refuses %s (the file is then written whole instead)', (_, data) => {
    expect(() => patchSheet(sheet(data), [w(0, 0, { v: 1 })], new StyleBook(STYLES))).toThrow(PatchUnsupportedError);
  });
});

describe('StyleBook', () => {
  test('names formats as the grid does: built-in codes, custom codes, General as none', () => {
    const s = new StyleBook(STYLES);
    expect([0, 1, 2, 3].map((i) => s.numFmtOf(i))).toEqual([undefined, undefined, '0.00%', undefined]);
  });

  test('a new code gets the next custom id and a copy of the cell’s format; counts follow', () => {
    const s = new StyleBook(STYLES);
    const i = s.withNumFmt(3, '0.000');
    expect(i).toBe(4);
    expect(s.withNumFmt(3, '0.000')).toBe(4);
    expect(s.withNumFmt(4, undefined)).toBe(3);
    expect(s.withNumFmt(1, '0.0%')).toBe(5);
    const xml = s.toXml();
    expect(xml).toContain('<numFmts count="2"><numFmt numFmtId="176" formatCode="0.0%"/><numFmt numFmtId="177" formatCode="0.000"/></numFmts>');
    expect(xml).toContain('<cellXfs count="6">');
    expect(xml).toContain('<xf numFmtId="177" fillId="2" applyNumberFormat="1"/><xf numFmtId="176" fontId="1" applyFont="1" applyNumberFormat="1"/></cellXfs>');
    wellFormed(xml);
  });

  test('numFmts is created, first in the style sheet, when the file has none', () => {
    const s = new StyleBook(`<styleSheet ${NS}><fonts count="1"><font/></fonts><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`);
    expect(s.withNumFmt(0, '#,##0.00_ ')).toBe(1);
    expect(s.toXml()).toBe(
      `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00_ "/></numFmts><fonts count="1"><font/></fonts>` +
        '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>',
    );
  });

  test('a package without styles: General stays as it is; a number format makes the minimal styles part with it', () => {
    const s = new StyleBook(undefined);
    expect(s.withNumFmt(0, undefined)).toBe(0);
    expect(s.changed).toBe(false);
    expect(s.withNumFmt(0, '0.00%')).toBe(1);
    expect(s.withNumFmt(0, '0.0"分"')).toBe(2);
    const xml = s.toXml();
    wellFormed(xml);
    expect(xml).toContain('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">');
    expect(xml).toContain('<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0&quot;分&quot;"/></numFmts>');
    expect(xml).toContain('<cellXfs count="3">');
    const again = new StyleBook(xml);
    expect([again.numFmtOf(0), again.numFmtOf(1), again.numFmtOf(2)]).toEqual([undefined, '0.00%', '0.0"分"']);
    expect(new StyleBook(undefined, { strict: true }).toXml()).toContain('xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"');
  });
});

describe('repairMerges', () => {
  const merged = sheet('<sheetData/><mergeCells count="3"><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/><mergeCell ref="ZZZZ1"/></mergeCells><pageMargins left="0.7"/>');
  test('keeps the areas the reader kept', () => {
    expect(repairMerges(merged, ['A1:B2'])).toBe(sheet('<sheetData/><mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells><pageMargins left="0.7"/>'));
  });
  test('none kept: no mergeCells element (the schema wants one area at least)', () => {
    expect(repairMerges(merged, [])).toBe(sheet('<sheetData/><pageMargins left="0.7"/>'));
  });
});
