// Protected sheets: every add-in host checks the sheets it is about to write and refuses before
// writing anything, naming the sheet. (Excel refuses a write to a protected sheet with AccessDenied,
// "You cannot perform the requested operation."; see microsoftgraph/microsoft-graph-docs#4546 for the
// same service's answer. Checking first means nothing is half-written and the message names the sheet.)

/** The refusal for a write into `sheet`, a protected sheet. */
export function protectedSheetMessage(sheet: string): string {
  return `工作表「${sheet}」受保护，无法写入；请先撤销工作表保护。`;
}

/** The distinct sheets of the cells to write, in first-seen order. */
export function sheetsOf(cells: readonly { sheet: string }[]): string[] {
  return [...new Set(cells.map((c) => c.sheet))];
}
