import type { Principal } from '@contract/auth';
import type { Language } from '@contract/constants';
import {
  Anchor,
  AppShell,
  Box,
  Burger,
  Group,
  NavLink,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useLiveFeed } from '../api/live';
import { desk } from '../api/operations';
import { SavedViewsNav } from '../console/queue/SavedViewsNav';
import { useSessionActions } from '../session';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { SearchBox } from './SearchBox';

interface Item {
  to: string;
  label: string;
  area: Area;
}

type Area = Principal['areas'][number];

/** Where each area of the desk lives, and its name in the navigation. */
const AREA_PAGES: Record<Area, { to: string; label: string }> = {
  home: { to: '/', label: 'nav.home' },
  newRequest: { to: '/requests/new', label: 'nav.newRequest' },
  requests: { to: '/requests', label: 'nav.requests' },
  queue: { to: '/', label: 'nav.queue' },
  customers: { to: '/customers', label: 'nav.customers' },
  calendar: { to: '/calendar', label: 'nav.calendar' },
  reports: { to: '/reports', label: 'nav.reports' },
  macros: { to: '/macros', label: 'nav.macros' },
  releases: { to: '/releases', label: 'nav.releases' },
  documentation: { to: '/documentation', label: 'nav.documentation' },
  team: { to: '/team', label: 'nav.team' },
  rejections: { to: '/rejections', label: 'nav.rejections' },
  mail: { to: '/mail', label: 'nav.outbox' },
  webhooks: { to: '/webhooks', label: 'nav.webhooks' },
  policy: { to: '/policy', label: 'nav.policy' },
  profile: { to: '/profile', label: 'nav.profile' },
};

/** The navigation: the areas the server shows this person, in its order. */
function itemsFor(principal: Principal, t: (key: string) => string): Item[] {
  return principal.areas.map((area) => ({ area, to: AREA_PAGES[area].to, label: t(AREA_PAGES[area].label) }));
}

/** Active when the path is the item's own page or one beneath it (the home item only on itself). */
function isActive(item: Item, path: string) {
  if (item.to === '/') return path === '/';
  if (item.to === '/requests')
    return path === '/requests' || (path.startsWith('/requests/') && path !== '/requests/new');
  return path === item.to || path.startsWith(`${item.to}/`);
}

function SignOut({ onSignOut }: { onSignOut: () => void }) {
  const { t } = useTranslation();
  return (
    <UnstyledButton onClick={onSignOut}>
      <Text size="sm" c="blue">
        {t('nav.signOut')}
      </Text>
    </UnstyledButton>
  );
}

export function Layout({ principal, children }: { principal: Principal; children: ReactNode }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  // Mantine's `sm` breakpoint, below which the menu folds behind the burger.
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const location = useLocation();
  const session = useSessionActions();
  useLiveFeed();
  const changeLanguage = async (language: Language) => {
    await desk.updateProfile({ language });
    session.adoptLanguage(language);
  };
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {t('app.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.home')} />
            <Anchor component={Link} to="/" underline="never" c="inherit">
              <Title order={4}>{t('app.name')}</Title>
            </Anchor>
          </Group>
          <Group gap="md" wrap="nowrap">
            {phone ? null : <SearchBox />}
            <NotificationBell />
            {/* On a phone the search and these three are in the menu: the header keeps the bell. */}
            {phone ? null : (
              <>
                <LanguageSwitch onChange={changeLanguage} />
                <Text size="sm" data-testid="principal-name">
                  {principal.name}
                </Text>
                <SignOut onSignOut={() => session.signOut()} />
              </>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.home')}>
        {phone ? (
          <Box px="sm" pb="sm">
            <SearchBox onSearched={close} />
          </Box>
        ) : null}
        <nav>
          {itemsFor(principal, t).map((item) => (
            <div key={item.to}>
              <NavLink
                component={Link}
                to={item.to}
                label={item.label}
                active={isActive(item, location.pathname) && !location.search.includes('view=')}
                onClick={close}
              />
              {item.area === 'queue' ? <SavedViewsNav onOpen={close} /> : null}
            </div>
          ))}
        </nav>
        {phone ? (
          <Stack
            gap="sm"
            mt="md"
            pt="md"
            px="sm"
            style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
          >
            <Text size="sm" fw={500} data-testid="principal-name">
              {principal.name}
            </Text>
            <LanguageSwitch onChange={changeLanguage} />
            <SignOut onSignOut={() => session.signOut()} />
          </Stack>
        ) : null}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
