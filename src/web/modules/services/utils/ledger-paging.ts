/**
 * The total the ledger's pager is given. The API counts cases up to a cap (DEMAND_COUNT_CAP) and says
 * `totalAtLeast` past it; the pager then offers one page beyond the current one until a short page shows
 * the end, so an officer can page on without the server counting a city's every case.
 */
export const ledgerPagerTotal = (page: { total: number; totalAtLeast: boolean; itemsOnPage: number }, current: number, pageSize: number): number => {
  if (!page.totalAtLeast) return page.total;
  if (page.itemsOnPage < pageSize) return (current - 1) * pageSize + page.itemsOnPage;
  return Math.max(page.total, current * pageSize) + pageSize;
};
