/**
 * Record Content-Security-Policy violations where tests (and curious support
 * staff) can read them: the renderer must run under script-src 'self' without
 * eval, so any violation is a bug.
 */
declare global {
  interface Window {
    __iofficeCspViolations?: string[];
  }
}

export function watchCspViolations(): void {
  window.__iofficeCspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    const line = `${e.effectiveDirective} ${e.blockedURI || '(inline)'} ${e.sourceFile ?? ''}:${e.lineNumber ?? ''}`;
    window.__iofficeCspViolations?.push(line);
    console.error(`CSP violation: ${line}`);
  });
}
