import createDOMPurify, { type DOMPurify } from 'dompurify';
import { createRequire } from 'node:module';
import type { JSDOM as JSDOMClass } from 'jsdom';

/**
 * HTML mail is stored raw and sanitised each time it is served. DOMPurify needs a
 * DOM in Node: jsdom, the one DOMPurify's authors test against and recommend
 * (they call happy-dom unsafe; linkedom is not in their test matrix).
 *
 * Removed: scripts, forms and their controls, frames, objects, embeds, media,
 * <base>, <meta>, <link>, <style>, every on* handler, javascript: URLs, CSS url()
 * (remote loads hidden in style attributes). Remote images are replaced by a
 * placeholder unless the user allowed them for this message.
 */

const PLACEHOLDER =
  'data:image/svg+xml;base64,' +
  Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="16" height="16" fill="#ddd"/></svg>').toString('base64');

let purifier: DOMPurify | null = null;
let state: { allowRemote: boolean; blocked: boolean; urls: string[]; inline: ReadonlyMap<string, string> | null } = { allowRemote: false, blocked: false, urls: [], inline: null };

/** An image URL as the sanitiser sees it: protocol-relative ones are https. */
export function absoluteImageUrl(src: string): string {
  const s = src.trim();
  return s.startsWith('//') ? `https:${s}` : s;
}

function getPurifier(): DOMPurify {
  if (purifier) return purifier;
  // jsdom costs ~100 MB once loaded: only users who open HTML mail pay for it.
  const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: typeof JSDOMClass };
  const window = new JSDOM('').window;
  const p = createDOMPurify(window as Parameters<typeof createDOMPurify>[0]);
  p.addHook('uponSanitizeAttribute', (_node, data) => {
    const name = data.attrName.toLowerCase();
    if (name === 'style' && /url\s*\(|expression\s*\(|@import/iu.test(data.attrValue)) data.keepAttr = false;
    if (name === 'background' || name === 'srcset' || name === 'poster' || name === 'formaction' || name === 'action') data.keepAttr = false;
  });
  p.addHook('afterSanitizeAttributes', (node) => {
    const el = node as unknown as { tagName?: string; getAttribute(n: string): string | null; setAttribute(n: string, v: string): void; removeAttribute(n: string): void };
    if (!el.tagName) return;
    const tag = el.tagName.toLowerCase();
    if (tag === 'img' || tag === 'image' || tag === 'input') {
      const src = el.getAttribute('src') ?? '';
      const remote = /^\s*(https?:)?\/\//iu.test(src);
      if (remote) state.urls.push(absoluteImageUrl(src));
      if (remote && !state.allowRemote) {
        el.setAttribute('src', PLACEHOLDER);
        el.setAttribute('data-remote-blocked', 'true');
        state.blocked = true;
      } else if (remote && state.inline) {
        // Allowed, and fetched by the core (the app's CSP keeps the page itself off the network).
        el.setAttribute('src', state.inline.get(absoluteImageUrl(src)) ?? PLACEHOLDER);
      } else if (!remote && !/^\s*data:image\//iu.test(src) && !/^\s*cid:/iu.test(src)) {
        el.removeAttribute('src');
      }
    }
    if (tag === 'a') {
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
    }
  });
  purifier = p;
  return p;
}

export interface SanitisedHtml {
  html: string;
  remoteImagesBlocked: boolean;
  /** Every remote image URL of the message (absolute), in order. */
  remoteImageUrls: string[];
}

/**
 * `inline`: allowed remote images by URL → a data: URI the core fetched; an allowed
 * image missing from it becomes the placeholder. Without `inline`, allowed images
 * keep their remote URL (what a browser without the app's CSP would load).
 */
export function sanitiseHtml(dirty: string, allowRemoteImages = false, inline: ReadonlyMap<string, string> | null = null): SanitisedHtml {
  const p = getPurifier();
  state = { allowRemote: allowRemoteImages, blocked: false, urls: [], inline };
  const html = p.sanitize(dirty, {
    WHOLE_DOCUMENT: false,
    FORBID_TAGS: [
      'script', 'style', 'form', 'input', 'button', 'select', 'option', 'textarea', 'iframe', 'frame', 'frameset',
      'object', 'embed', 'applet', 'base', 'meta', 'link', 'audio', 'video', 'source', 'track', 'picture', 'svg', 'math', 'template', 'noscript',
    ],
    FORBID_ATTR: ['formaction', 'action', 'srcset', 'background', 'ping'],
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: ['target', 'data-remote-blocked'],
  });
  return { html, remoteImagesBlocked: state.blocked, remoteImageUrls: [...new Set(state.urls)] };
}
