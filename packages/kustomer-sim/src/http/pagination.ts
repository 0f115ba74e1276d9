/**
 * `page` / `pageSize` query parameters and JSON:API `links` with relative paths (research 2.3, 2.6).
 */
import { DEFAULT_PAGE_SIZE } from '../constants.js';
import { badParameter } from './errors.js';

export interface PageRequest {
  readonly page: number;
  readonly pageSize: number;
}

function positiveInteger(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw badParameter(name, `${name} must be a positive integer, got "${raw}"`);
  return Number(raw);
}

/** A pageSize above the endpoint's maximum is clamped, not refused (research 2.5: "1000 only returned 500 rows"). */
export function parsePage(query: URLSearchParams, maxPageSize: number): PageRequest {
  return {
    page: positiveInteger(query, 'page', 1),
    pageSize: Math.min(maxPageSize, positiveInteger(query, 'pageSize', Math.min(DEFAULT_PAGE_SIZE, maxPageSize))),
  };
}

/** `path?page=N&pageSize=M` followed by the request's other query parameters, in their order. */
export function pageLink(path: string, query: URLSearchParams, page: number, pageSize: number): string {
  const params = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  for (const [key, value] of query) if (key !== 'page' && key !== 'pageSize') params.append(key, value);
  return `${path}?${params.toString()}`;
}

export interface Links {
  readonly self: string;
  readonly first: string;
  readonly prev: string | null;
  readonly next: string | null;
  readonly last?: string;
}

/** `last` is given only when the endpoint reports a total (research 2.3). */
export function pageLinks(path: string, query: URLSearchParams, request: PageRequest, hasNext: boolean, totalPages?: number): Links {
  const link = (page: number) => pageLink(path, query, page, request.pageSize);
  const links: Links = {
    self: link(request.page),
    first: link(1),
    prev: request.page > 1 ? link(request.page - 1) : null,
    next: hasNext ? link(request.page + 1) : null,
  };
  return totalPages === undefined ? links : { ...links, last: link(Math.max(1, totalPages)) };
}
