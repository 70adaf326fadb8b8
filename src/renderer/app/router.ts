/**
 * Hash routing: the page is one static file under any host (app://, 127.0.0.1),
 * so routes live in the fragment and a reload lands on the same screen.
 */
import { useEffect, useState } from 'react';
import { href, parseHash, type Route } from './routes.js';

export { href, parseHash };
export type { OutgoingRelation, Route } from './routes.js';

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
