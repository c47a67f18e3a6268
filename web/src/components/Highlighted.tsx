import type { SearchMatch } from '@contract/tickets';

/** Text with what a search matched marked, from the segments the server sent: no markup is parsed. */
export function Highlighted({ segments }: { segments: SearchMatch['subject'] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are fixed for one answer
          <mark key={index}>{segment.text}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are fixed for one answer
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}
