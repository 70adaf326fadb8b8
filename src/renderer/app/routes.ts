/** The routes of the renderer and their hash form (pure: no DOM, unit-tested). */

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
