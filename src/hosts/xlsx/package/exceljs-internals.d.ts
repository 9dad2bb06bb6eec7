// ExcelJS's own reference mover for shared formulas (not part of its typed API), so a formula
// spelled out here reads back exactly as ExcelJS itself would translate it.
declare module 'exceljs/lib/utils/shared-formula' {
  export function slideFormula(formula: string, fromCell: string, toCell: string): string;
}
