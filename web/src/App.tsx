import type { Principal } from '@contract/auth';
import { Button, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { LoadingRows } from './components/Feedback';
import { isSupport, sees } from './session';

/**
 * Each area loads when first opened (sign-in, the portal, the console, reports with their charts), so
 * a customer signing in does not download the agent's console.
 */
const page = <Name extends string>(load: () => Promise<Record<Name, () => React.JSX.Element>>, name: Name) =>
  lazy(async () => ({ default: (await load())[name] }));

// The header and menu are for those signed in: the sign-in screen does not wait for them.
const Layout = lazy(async () => ({ default: (await import('./components/Layout')).Layout }));
const SignIn = page(() => import('./pages/SignIn'), 'SignIn');
const ForgotPassword = page(() => import('./pages/account/ForgotPassword'), 'ForgotPassword');
const EnrolmentGate = page(() => import('./pages/account/EnrolmentGate'), 'EnrolmentGate');
const SetPassword = page(() => import('./pages/account/SetPassword'), 'SetPassword');
const RateByLink = page(() => import('./pages/RateByLink'), 'RateByLink');
const Home = page(() => import('./portal/Home'), 'Home');
const MyRequests = page(() => import('./portal/MyRequests'), 'MyRequests');
const NewRequest = page(() => import('./portal/NewRequest'), 'NewRequest');
const TicketRoute = page(() => import('./pages/TicketRoute'), 'TicketRoute');
const PolicyPage = page(() => import('./pages/PolicyPage'), 'PolicyPage');
const Releases = page(() => import('./pages/Releases'), 'Releases');
const Documentation = page(() => import('./pages/Documentation'), 'Documentation');
const Profile = page(() => import('./pages/Profile'), 'Profile');
const Queue = page(() => import('./console/Queue'), 'Queue');
const PhoneRequest = page(() => import('./console/phone/PhoneRequest'), 'PhoneRequest');
const MacrosPage = page(() => import('./console/macros/MacrosPage'), 'MacrosPage');
const Customers = page(() => import('./console/Customers'), 'Customers');
const OrganizationPage = page(() => import('./console/organization/OrganizationPage'), 'OrganizationPage');
const CalendarPage = page(() => import('./console/CalendarPage'), 'CalendarPage');
const Reports = page(() => import('./console/Reports'), 'Reports');
const Rejections = page(() => import('./console/Logs'), 'Rejections');
const MailLog = page(() => import('./console/MailLog'), 'MailLog');
const TeamPage = page(() => import('./console/team/TeamPage'), 'TeamPage');
const WebhooksPage = page(() => import('./console/webhooks/WebhooksPage'), 'WebhooksPage');

/** One clear page for an address that is not there, or not the reader's: no page's requests are made. */
function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack align="center" gap="md" py="xl" data-testid="not-found">
      <Title order={1} size="h3">
        {t('common.notFoundTitle')}
      </Title>
      <Text c="dimmed" ta="center" maw={520}>
        {t('common.notFoundHint')}
      </Text>
      <Button component={Link} to="/">
        {t('common.goHome')}
      </Button>
    </Stack>
  );
}

export function App({
  principal,
  mustEnrolSecondFactor,
}: {
  principal: Principal | null;
  mustEnrolSecondFactor: boolean;
}) {
  if (!principal)
    return (
      <Suspense fallback={<LoadingRows rows={4} />}>
        <Routes>
          <Route path="/forgot-password" element={<ForgotPassword />} />
          <Route path="/set-password" element={<SetPassword />} />
          <Route path="/rate" element={<RateByLink />} />
          <Route path="*" element={<SignIn />} />
        </Routes>
      </Suspense>
    );
  if (mustEnrolSecondFactor)
    return (
      <Suspense fallback={<LoadingRows rows={4} />}>
        <EnrolmentGate />
      </Suspense>
    );
  const support = isSupport(principal);
  // A rating link works whoever is signed in on this browser: the link itself is the customer's word.
  if (window.location.pathname === '/rate')
    return (
      <Suspense fallback={<LoadingRows rows={4} />}>
        <RateByLink />
      </Suspense>
    );
  return (
    <Suspense fallback={<LoadingRows rows={8} height={48} />}>
      <Layout principal={principal}>
        <Suspense fallback={<LoadingRows rows={8} height={48} />}>
          <Routes>
            <Route path="/" element={support ? <Queue /> : <Home />} />
            <Route path="/requests" element={support ? <Queue /> : <MyRequests />} />
            {support ? null : <Route path="/requests/new" element={<NewRequest />} />}
            {support ? <Route path="/requests/phone" element={<PhoneRequest />} /> : null}
            {support ? <Route path="/macros" element={<MacrosPage />} /> : null}
            <Route path="/requests/:ticketId" element={<TicketRoute />} />
            <Route path="/policy" element={<PolicyPage />} />
            <Route path="/releases" element={<Releases />} />
            <Route path="/documentation" element={<Documentation />} />
            <Route path="/profile" element={<Profile />} />
            <Route path="/set-password" element={<SetPassword />} />
            {support ? <Route path="/customers" element={<Customers />} /> : null}
            {support ? <Route path="/customers/:organizationId" element={<OrganizationPage />} /> : null}
            {support ? <Route path="/calendar" element={<CalendarPage />} /> : null}
            {sees(principal, 'reports') ? <Route path="/reports" element={<Reports />} /> : null}
            {sees(principal, 'rejections') ? <Route path="/rejections" element={<Rejections />} /> : null}
            {sees(principal, 'mail') ? <Route path="/mail" element={<MailLog />} /> : null}
            {sees(principal, 'team') ? <Route path="/team" element={<TeamPage />} /> : null}
            {sees(principal, 'webhooks') ? <Route path="/webhooks" element={<WebhooksPage />} /> : null}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </Layout>
    </Suspense>
  );
}
