import { Box } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Where a table wider than a phone's screen scrolls sideways by itself, never the page. It can be
 * reached by the keyboard to be scrolled (WCAG's scrollable region). On a laptop's screen and wider the
 * tables are made to fit, and the layout test holds them to it.
 */
export function ScrollRegion({ children }: { children: ReactNode }) {
  return (
    <Box tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
      {children}
    </Box>
  );
}
