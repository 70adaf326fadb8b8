import { memo } from 'react';
import { highlightParts } from './searchText.js';

/** `text` with the words matching `query` marked (accent-insensitive); plain text without a query. */
export const Highlight = memo(function Highlight({ text, query }: { text: string; query?: string | undefined }): React.JSX.Element {
  if (!query) return <>{text}</>;
  return (
    <>
      {highlightParts(text, query).map((p, i) =>
        p.hit ? (
          <mark key={i} className="hl">
            {p.text}
          </mark>
        ) : (
          p.text
        ),
      )}
    </>
  );
});
