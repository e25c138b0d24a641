/**
 * exceljs, loaded when a workbook is first written or read. Loading it takes about a quarter of a second, which every
 * other command (validate, score without workbooks, …) would pay if it were imported at the top of the command line.
 */
import type ExcelJS from 'exceljs'

let loaded: Promise<typeof ExcelJS> | undefined

/** A new, empty workbook. */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  loaded ??= import('exceljs').then((m) => ((m as { default?: typeof ExcelJS }).default ?? m) as typeof ExcelJS)
  return new (await loaded).Workbook()
}
