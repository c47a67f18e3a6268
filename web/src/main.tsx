import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import { Center, createTheme, Loader, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { setApiLanguage } from './api/client';
import { Toasts } from './components/Toasts';
import i18next from './i18n';
import { SessionProvider } from './session';

setApiLanguage(i18next.language);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, refetchOnWindowFocus: true, staleTime: 10_000 },
  },
});

/** Shade 8 and darker text colors keep every text at WCAG AA contrast (4.5:1) on white and on striped rows. */
const theme = createTheme({ primaryColor: 'blue', primaryShade: 8, autoContrast: true, defaultRadius: 'sm' });

/** Mantine's own dimmed gray reads at 3.3:1; gray 7 reaches AA on white and on striped rows alike. */
const cssVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});

const root = document.getElementById('root');
if (!root) throw new Error('the page has no #root element');
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <Toasts />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionProvider
            fallback={
              <Center mih="100vh">
                <Loader aria-label="…" />
              </Center>
            }
          >
            {(principal, mustEnrol) => <App principal={principal} mustEnrolSecondFactor={mustEnrol} />}
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
