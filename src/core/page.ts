export interface PageInput {
  page?: number;
  pageSize?: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  pages: number;
}

/** Page numbers start at 1; out-of-range input is clamped rather than refused. */
export function pageWindow(input: PageInput = {}, maxPageSize = 50): { page: number; pageSize: number; skip: number } {
  const pageSize = Math.min(Math.max(Math.trunc(input.pageSize ?? 10) || 10, 1), maxPageSize);
  const page = Math.max(Math.trunc(input.page ?? 1) || 1, 1);
  return { page, pageSize, skip: (page - 1) * pageSize };
}

export function toPage<T>(items: T[], total: number, window: { page: number; pageSize: number }): Page<T> {
  return { items, total, page: window.page, pageSize: window.pageSize, pages: Math.max(1, Math.ceil(total / window.pageSize)) };
}
