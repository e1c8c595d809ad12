/** Pure rendering helpers: unit-tested with `node --test`, no DOM required. */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

export interface Route {
  path: string;
  title: string;
}

export const routes: Route[] = [
  { path: '/', title: 'Home' },
  { path: '/about', title: 'About' },
];

/** SPA routing: unknown paths fall back to a not-found view (nginx serves index.html for them). */
export function resolveRoute(pathname: string): Route | undefined {
  const normalized = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return routes.find((route) => route.path === normalized);
}

export function renderPage(pathname: string, appName: string): string {
  const route = resolveRoute(pathname);
  const nav = routes.map((r) => `<a href="${escapeHtml(r.path)}" data-link>${escapeHtml(r.title)}</a>`).join(' · ');
  const body = route
    ? `<h1>${escapeHtml(appName)}: ${escapeHtml(route.title)}</h1>`
    : `<h1>Not found</h1><p>No page at <code>${escapeHtml(pathname)}</code>.</p>`;
  return `<nav>${nav}</nav>${body}`;
}
