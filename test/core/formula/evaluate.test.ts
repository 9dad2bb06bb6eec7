// The formula evaluator: each operator, precedence, ROUND's halves, references of every spelling, and
// what it refuses (null, never a guess). Expected values are Excel's.
import { evaluateFormula, parseFormula } from '../../../src/core/formula';
import { sheetFromRows } from '../../../src/core/grid/sheet';
import type { Workbook } from '../../../src/core/grid/types';

// 附件3: column A a mix (A3 blank, A4 text, A5 logical, A7 an error, A8 a text number); column B decimals;
// C1 a formula with its cached result, C2 one never calculated.
const wb: Workbook = {
  sheets: [
    sheetFromRows('附件3', [
      [10, 0.1, { v: 5, f: 'A1/2' }],
      [20, 0.2, { v: null, f: 'NOW()' }],
      [null],
      ['文字'],
      [true],
      [1.005],
      [{ error: '#DIV/0!' }],
      ['35'],
    ]),
    sheetFromRows('Sheet2', [[3]]),
    sheetFromRows('Data Sheet', [
      [5, null],
      [null, 7],
    ]),
  ],
};

const at = { sheet: '附件3', row: 9, col: 0 }; // A10

const cases: [string, string, number | string | boolean | null][] = [
  // operators and precedence
  ['addition, multiplication first', '1+2*3', 7],
  ['parentheses', '(1+2)*3', 9],
  ['subtraction is left-associative', '10-4-3', 3],
  ['division is left-associative', '12/4/3', 1],
  ['a leading "=" is allowed', '=A1+1', 11],
  ['unary minus', '-A1+5', -5],
  ['double negation', '--A1', 10],
  ['unary plus is no operation', '+A1+A2', 30],
  ['percent literal', '10%', 0.1],
  ['percent of a reference', 'A1*10%', 1],
  ['negation before percent', '-10%', -0.1],
  ['percent twice', '50%%', 0.005],
  ['spaces between tokens', ' A1 + A2 * 2 ', 50],
  // decimal results (binary floating point alone gives 0.30000000000000004, 0.09999999999999998)
  ['0.1 + 0.2', '0.1+0.2', 0.3],
  ['cells 0.1 + 0.2', 'B1+B2', 0.3],
  ['1 − 0.9', '1-0.9', 0.1],
  ['0.1 × 3', '0.1*3', 0.3],
  ['SUM of decimals', 'SUM(0.1,0.2,0.3)', 0.6],
  // ROUND: half away from zero on the decimal value
  ['ROUND(1.005, 2)', 'ROUND(1.005,2)', 1.01],
  ['ROUND of a cell holding 1.005', 'ROUND(A6,2)', 1.01],
  ['ROUND(-1.005, 2)', 'ROUND(-1.005,2)', -1.01],
  ['ROUND(2.5, 0)', 'ROUND(2.5,0)', 3],
  ['ROUND(-2.5, 0)', 'ROUND(-2.5,0)', -3],
  ['ROUND to hundreds', 'ROUND(1234.5,-2)', 1200],
  ['ROUND truncates its digits', 'ROUND(1.2345,2.9)', 1.23],
  ['ROUND of an expression', 'ROUND(A1/3,2)', 3.33],
  ['nested', 'ROUND(SUM(A1:A2)*1.005%,3)', 0.302],
  // references
  ['absolute and mixed references', '$A$1+A$2+$A2', 50],
  ['another sheet', 'Sheet2!A1*2', 6],
  ['a sheet name in another case', 'sheet2!A1', 3],
  ['a quoted sheet name', "'Data Sheet'!B2+1", 8],
  ['a range on a quoted sheet', "SUM('Data Sheet'!A1:B2)", 12],
  ['a Chinese sheet name unquoted', '附件3!A1+1', 11],
  ['a missing sheet (#REF!)', 'Missing!A1', null],
  ['a formula cell: its cached result', 'C1*2', 10],
  ['a formula cell never calculated', 'C2+1', null],
  // blanks, text, logical values, errors
  ['a blank reads as 0', 'A3+1', 1],
  ['only a blank: 0', 'A3', 0],
  ['only a reference to text: the text', 'A4', '文字'],
  ['only a reference to a logical value: it', '+A5', true],
  ['only a reference, in parentheses', '(A1)', 10],
  ['only a reference to an error: not evaluated', 'A7', null],
  ['text in arithmetic', 'A4+1', null],
  ['a text number in arithmetic', 'A8+1', null],
  ['a logical value in arithmetic', 'A5+1', null],
  ['an error in arithmetic', 'A7+1', null],
  ['division by zero', 'A1/0', null],
  ['division by a blank', 'A1/A3', null],
  // SUM
  ['SUM of a range skips blanks, text and logical values', 'SUM(A1:A6)', 31.005],
  ['SUM of references, numbers and expressions', 'SUM(A1:A2,5,A1*2)', 55],
  ['SUM of a text cell by reference', 'SUM(A4)', 0],
  ['SUM of a text number by reference', 'SUM(A8)', 0],
  ['SUM of an expression over text', 'SUM(A4+1)', null],
  ['SUM over an error', 'SUM(A1:A7)', null],
  ['SUM of a parenthesised range', 'SUM((A1:A2))', 30],
  ['SUM of a whole column', 'SUM(B:B)', 0.3],
  ['SUM of a whole row (a formula cell by its cached result)', 'SUM(1:1)', 15.1],
  ['SUM of whole rows on another sheet', "SUM('Data Sheet'!1:2)", 12],
  ['SUM over a formula cell never calculated', 'SUM(C1:C2)', null],
  ['sum in lower case', 'sum(a1:a2)', 30],
  // circular references
  ['a reference to its own cell', 'A10+1', null],
  ['a range holding its own cell', 'SUM(A1:A10)', null],
  // outside the evaluated language
  ['VLOOKUP', 'VLOOKUP(A1,A1:B2,2,0)', null],
  ['MAX', 'MAX(A1,A2)', null],
  ['IF', 'IF(A1>0,1,0)', null],
  ['a function named like a cell', 'LOG10(A1)', null],
  ['text concatenation', 'A1&"元"', null],
  ['a text literal', '"35"', null],
  ['a logical literal', 'TRUE', null],
  ['power', '2^2', null],
  ['comparison', 'A1>A2', null],
  ['a range where one value is wanted', 'A1:A2*2', null],
  ['a range alone', 'A1:A2', null],
  ['intersection', 'SUM(A1:A2 A1:B1)', null],
  ['a defined name', '单价*2', null],
  ['a structured reference', 'SUM(表1[金额])', null],
  ['another workbook', '[1]Sheet1!A1', null],
  ['a 3-D reference', 'SUM(Sheet1:Sheet2!A1)', null],
  ['an array constant', 'SUM({1,2})', null],
  ['ROUND with one argument', 'ROUND(A1)', null],
  ['ROUND of a range', 'ROUND(A1:A2,1)', null],
  ['SUM of nothing', 'SUM()', null],
  ['an argument left out', 'SUM(A1,,A2)', null],
  ['an error literal', '#N/A', null],
  ['unbalanced', 'SUM(A1', null],
  ['empty', '', null],
  ['a dangling operator', 'A1+', null],
];

describe('evaluateFormula', () => {
  test.each(cases)('%s: =%s → %p', (_name, formula, expected) => {
    expect(evaluateFormula(formula, at, wb)).toBe(expected);
  });

  test('a formula on a sheet the workbook does not have is not evaluated', () => {
    expect(evaluateFormula('1+1', { sheet: '无此表', row: 0, col: 0 }, wb)).toBeNull();
  });
});

describe('parseFormula: the cells a formula reads', () => {
  const refs = (f: string) => {
    const p = parseFormula(f);
    return { refs: p.refs.map((r) => [r.sheet, r.r0, r.c0, r.r1, r.c1, r.area]), dynamic: p.dynamic, evaluated: p.expr !== null };
  };
  test.each([
    ['SUM(H9:H16)', { refs: [[null, 8, 7, 15, 7, true]], dynamic: false, evaluated: true }],
    ['$B$2', { refs: [[null, 1, 1, 1, 1, false]], dynamic: false, evaluated: true }],
    ["'附件 3'!A1+Sheet2!B3:A1", { refs: [['附件 3', 0, 0, 0, 0, false], ['Sheet2', 0, 0, 2, 1, true]], dynamic: false, evaluated: true }],
    ["'O''Brien'!A1", { refs: [["O'Brien", 0, 0, 0, 0, false]], dynamic: false, evaluated: true }],
    ['SUM(C:C)', { refs: [[null, 0, 2, 1048575, 2, true]], dynamic: false, evaluated: true }],
    ['SUM($3:$5)', { refs: [[null, 2, 0, 4, 16383, true]], dynamic: false, evaluated: true }],
    ['VLOOKUP(A1,Sheet2!A:B,2,FALSE)', { refs: [[null, 0, 0, 0, 0, false], ['Sheet2', 0, 0, 1048575, 1, true]], dynamic: false, evaluated: false }],
    ['IF(A1="B1","",C1)', { refs: [[null, 0, 0, 0, 0, false], [null, 0, 2, 0, 2, false]], dynamic: false, evaluated: false }],
    ['_xlfn.XLOOKUP(A1,B:B,C:C)', { refs: [[null, 0, 0, 0, 0, false], [null, 0, 1, 1048575, 1, true], [null, 0, 2, 1048575, 2, true]], dynamic: false, evaluated: false }],
    ['INDIRECT("A"&B1)', { refs: [[null, 0, 1, 0, 1, false]], dynamic: true, evaluated: false }],
    ['OFFSET(A1,1,0)', { refs: [[null, 0, 0, 0, 0, false]], dynamic: true, evaluated: false }],
    ['单价*A1', { refs: [[null, 0, 0, 0, 0, false]], dynamic: true, evaluated: false }],
    ['SUM(表1[金额])', { refs: [], dynamic: true, evaluated: false }],
    ['[1]Sheet1!A1+A2', { refs: [[null, 1, 0, 1, 0, false]], dynamic: true, evaluated: false }],
    ['SUM(Sheet1:Sheet3!A1)', { refs: [], dynamic: true, evaluated: false }],
    ['A1:INDEX(B:B,3)', { refs: [[null, 0, 0, 0, 0, false], [null, 0, 1, 1048575, 1, true]], dynamic: true, evaluated: false }],
    ['NOW()', { refs: [], dynamic: false, evaluated: false }],
  ])('%s', (f, expected) => {
    expect(refs(f)).toEqual(expected);
  });
});
