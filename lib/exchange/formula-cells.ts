/**
 * CSV injection (OWASP): a spreadsheet opening a CSV runs any cell that starts with = + - @ (or
 * a tab or carriage return before one) as a formula — `=HYPERLINK(…)` in a translation or a
 * comment would run on the exporter's computer. Such cells are written with a leading apostrophe,
 * which spreadsheets show as text. Cells that already start with apostrophes before one of those
 * characters get one more, so reading our own CSV back (`restoreFormulaCell`) gives exactly the
 * text that was exported. Papa Parse applies the pattern (`escapeFormulae`).
 */
export const FORMULA_CELL = /^'*[=+\-@\t\r]/;

/** The text of a cell written with FORMULA_CELL escaping (one leading apostrophe taken off). */
export function restoreFormulaCell(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
