import { ServiceError } from '../../src/index.js';

// What GitHub's listings and answers say, as a sync reads them.

/** Whether GitHub answered 404: what was asked about is not there (any more). */
export const notFound = (e: unknown): boolean => (e as { status?: unknown } | null)?.status === 404;

/** Whether GitHub answered 410 Gone: the issue asked about was deleted. */
export const deleted = (e: unknown): boolean => (e as { status?: unknown } | null)?.status === 410;

/** Whether GitHub answered 304 Not Modified to a conditional request. */
export const notModified = (e: unknown): boolean => (e as { status?: unknown } | null)?.status === 304;

/**
 * The rows of every page of a listing, and its first page's ETag.
 * @throws ServiceError when a page is not a list; what GitHub refused, as Octokit throws it.
 */
export async function everyPage<T>(
  pages: AsyncIterable<{ data: unknown; headers: { etag?: string } }>,
  what: string,
): Promise<{ rows: T[]; etag: string | null }> {
  const rows: T[] = [];
  let etag: string | null = null;
  for await (const page of pages) {
    if (!Array.isArray(page.data))
      throw new ServiceError(`GitHub's answer for ${what} is not a list; nothing was changed`);
    etag ??= String(page.headers.etag ?? '') || null;
    rows.push(...(page.data as T[]));
  }
  return { rows, etag };
}
