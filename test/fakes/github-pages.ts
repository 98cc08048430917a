/** GitHub's page size when `per_page` is not sent, and the most it serves whatever is asked. */
export const PER_PAGE_DEFAULT = 30;
export const PER_PAGE_MAX = 100;

const WHOLE = /^\+?\d+$/;

/**
 * The page size GitHub applies: 30 when `per_page` is absent, 0, negative or not a number, and
 * 100 for anything above 100. GitHub refuses none of these on its listings; it serves them at the
 * default or the cap (the REST docs: "max 100", default 30).
 */
export function pageSize(raw: string | undefined): number {
  const n = raw !== undefined && WHOLE.test(raw) ? Number(raw) : 0;
  return n > 0 ? Math.min(n, PER_PAGE_MAX) : PER_PAGE_DEFAULT;
}

/** The page GitHub serves: 1 for an absent, zero, negative or unparsable `page`. */
export function pageNumber(raw: string | undefined): number {
  const n = raw !== undefined && WHOLE.test(raw) ? Number(raw) : 0;
  return n > 0 ? n : 1;
}

/** A URL with its query in the given order, each value percent-encoded. */
export function urlWith(base: string, query: Array<[string, string | number]>): string {
  const q = query.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
  return q ? `${base}?${q}` : base;
}

/**
 * The filters a page link repeats: those the caller sent, in the order sent, without the paging
 * parameters. GitHub repeats only what was sent; a default it applied is not written into links.
 */
export function echoedFilters(query: URLSearchParams, paging: readonly string[]): Array<[string, string]> {
  return [...query].filter(([key]) => !paging.includes(key));
}

/**
 * A `Link` header for a page-numbered listing, as api.github.com writes it: absolute URLs on
 * `base`, the caller's filters, `per_page` only if the caller sent it (in the caller's spelling),
 * and `page`; rels in the order prev, next, last, first; no header when everything fits one page.
 * Past the end, `prev` and `last` name the last page that holds rows.
 */
export function pageLinks(base: string, query: URLSearchParams, page: number, total: number): string | null {
  const size = pageSize(query.get('per_page') ?? undefined);
  const last = Math.max(1, Math.ceil(total / size));
  if (last <= 1) return null;
  const filters = echoedFilters(query, ['page', 'per_page']);
  const sentSize = query.get('per_page');
  const link = (p: number, rel: string) => {
    const sized: Array<[string, string | number]> = sentSize === null ? [] : [['per_page', sentSize]];
    return `<${urlWith(base, [...filters, ...sized, ['page', p]])}>; rel="${rel}"`;
  };
  const parts: string[] = [];
  if (page > 1) parts.push(link(Math.min(page - 1, last), 'prev'));
  if (page < last) parts.push(link(page + 1, 'next'));
  if (page !== last) parts.push(link(last, 'last'));
  if (page > 1) parts.push(link(1, 'first'));
  return parts.join(', ');
}
