import type { Locator } from 'playwright-core';

/** The cells of each row, as a person reads them. */
export async function cellsOf(rows: Locator): Promise<string[][]> {
  const cells: string[][] = [];
  for (const row of await rows.all()) {
    const texts = await row.locator('th, td').allInnerTexts();
    cells.push(texts.map((text) => text.replace(/\s+/g, ' ').trim()));
  }
  return cells;
}
