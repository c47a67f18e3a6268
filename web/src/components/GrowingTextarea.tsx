import { Textarea, type TextareaProps } from '@mantine/core';
import type { CSSProperties } from 'react';

/**
 * A text field that grows with what is typed, from `minRows` lines. The browser sizes it
 * (`field-sizing: content`), not script: measuring a hidden copy on every render forced the page's
 * layout each time, and cost a request's page a good part of its opening. Where the browser cannot
 * (Firefox today), the field keeps its height, scrolls, and can be pulled taller.
 */
export function GrowingTextarea({
  minRows,
  ...props
}: Omit<TextareaProps, 'autosize' | 'maxRows'> & { minRows: number }) {
  return (
    <Textarea
      rows={minRows}
      {...props}
      styles={{
        input: {
          fieldSizing: 'content',
          minHeight: `calc(${minRows}lh + var(--input-padding-y, 0.5rem) * 2 + 2px)`,
        } as CSSProperties,
      }}
    />
  );
}
