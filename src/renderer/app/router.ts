/**
 * Hash routing: the page is one static file under any host (app://, 127.0.0.1),
 * so routes live in the fragment and a reload lands on the same screen.
 */
import { useEffect, useState } from 'react';

export type ComingFeature = 'outgoing' | 'tasks' | 'schedule' | 'mail';
export type Route =
  | { name: 'incoming' }
  | { name: 'register' }
  | { name: 'document'; id: string }
  | { name: 'slip'; id: string }
  | { name: 'search'; q: string }
  | { name: 'coming'; feature: ComingFeature };

const COMING: readonly ComingFeature[] = ['outgoing', 'tasks', 'schedule', 'mail'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/u, '').split('?');
  const parts = path.split('/').filter(Boolean);
  const [a, b, c] = parts;
  if (a === 'incoming' && b === 'new') return { name: 'register' };
  if (a === 'incoming' && b && UUID.test(b)) return c === 'slip' ? { name: 'slip', id: b } : { name: 'document', id: b };
  if (a === 'search') return { name: 'search', q: new URLSearchParams(query).get('q') ?? '' };
  if (a && (COMING as readonly string[]).includes(a)) return { name: 'coming', feature: a as ComingFeature };
  return { name: 'incoming' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'incoming':
      return '#/incoming';
    case 'register':
      return '#/incoming/new';
    case 'document':
      return `#/incoming/${route.id}`;
    case 'slip':
      return `#/incoming/${route.id}/slip`;
    case 'search':
      return route.q ? `#/search?${new URLSearchParams({ q: route.q }).toString()}` : '#/search';
    case 'coming':
      return `#/${route.feature}`;
  }
}

export function navigate(route: Route, opts: { replace?: boolean } = {}): void {
  const target = href(route);
  if (opts.replace) {
    history.replaceState(null, '', target);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else if (location.hash !== target) {
    location.hash = target;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseHash(location.hash));
  useEffect(() => {
    const on = (): void => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
