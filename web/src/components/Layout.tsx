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
import { isAdmin, isSupport, useSessionActions } from '../session';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { SearchBox } from './SearchBox';

interface Item {
  to: string;
  label: string;
}

function itemsFor(principal: Principal, t: (key: string) => string): Item[] {
  if (!isSupport(principal)) {
    return [
      { to: '/', label: t('nav.home') },
      { to: '/requests/new', label: t('nav.newRequest') },
      { to: '/requests', label: t('nav.requests') },
      { to: '/releases', label: t('nav.releases') },
      { to: '/policy', label: t('nav.policy') },
      { to: '/documentation', label: t('nav.documentation') },
      { to: '/profile', label: t('nav.profile') },
    ];
  }
  const items: Item[] = [
    { to: '/', label: t('nav.queue') },
    { to: '/customers', label: t('nav.customers') },
    { to: '/calendar', label: t('nav.calendar') },
    ...(principal.role === 'partner' ? [] : [{ to: '/reports', label: t('nav.reports') }]),
    { to: '/macros', label: t('nav.macros') },
    { to: '/releases', label: t('nav.releases') },
    { to: '/documentation', label: t('nav.documentation') },
  ];
  if (isAdmin(principal)) {
    items.push(
      { to: '/team', label: t('nav.team') },
      { to: '/rejections', label: t('nav.rejections') },
      { to: '/mail', label: t('nav.outbox') },
      { to: '/webhooks', label: t('nav.webhooks') },
    );
  }
  items.push({ to: '/policy', label: t('nav.policy') }, { to: '/profile', label: t('nav.profile') });
  return items;
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
              {item.to === '/' && isSupport(principal) ? <SavedViewsNav onOpen={close} /> : null}
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
