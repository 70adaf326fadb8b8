// The little of jsdom the sanitiser uses. @types/jsdom pulls the DOM lib into the
// whole Node program (changing fetch's types everywhere), so it is not installed.
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string);
    readonly window: unknown;
  }
}
