import type { Principal } from '@contract/auth';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { EmptyState } from './components/Feedback';
import { Layout } from './components/Layout';
import { CalendarPage } from './console/CalendarPage';
import { Customers } from './console/Customers';
import { Rejections } from './console/Logs';
import { MailLog } from './console/MailLog';
import { OrganizationPage } from './console/OrganizationPage';
import { Queue } from './console/Queue';
import { Reports } from './console/Reports';
import { Documentation } from './pages/Documentation';
import { PolicyPage } from './pages/PolicyPage';
import { Profile } from './pages/Profile';
import { Releases } from './pages/Releases';
import { SignIn } from './pages/SignIn';
import { TicketRoute } from './pages/TicketRoute';
import { Home } from './portal/Home';
import { MyRequests } from './portal/MyRequests';
import { NewRequest } from './portal/NewRequest';
import { isAdmin, isSupport } from './session';

function NotFound() {
  const { t } = useTranslation();
  return <EmptyState>{t('common.notFound')}</EmptyState>;
}

export function App({ principal }: { principal: Principal | null }) {
  if (!principal) return <SignIn />;
  const support = isSupport(principal);
  return (
    <Layout principal={principal}>
      <Routes>
        <Route path="/" element={support ? <Queue /> : <Home />} />
        <Route path="/requests" element={support ? <Queue /> : <MyRequests />} />
        {support ? null : <Route path="/requests/new" element={<NewRequest />} />}
        <Route path="/requests/:ticketId" element={<TicketRoute />} />
        <Route path="/policy" element={<PolicyPage />} />
        <Route path="/releases" element={<Releases />} />
        <Route path="/documentation" element={<Documentation />} />
        <Route path="/profile" element={<Profile />} />
        {support ? <Route path="/customers" element={<Customers />} /> : null}
        {support ? <Route path="/customers/:organizationId" element={<OrganizationPage />} /> : null}
        {support ? <Route path="/calendar" element={<CalendarPage />} /> : null}
        {principal.role !== 'partner' ? <Route path="/reports" element={<Reports />} /> : null}
        {isAdmin(principal) ? <Route path="/rejections" element={<Rejections />} /> : null}
        {isAdmin(principal) ? <Route path="/mail" element={<MailLog />} /> : null}
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Layout>
  );
}
