import { Anchor, Badge, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { desk } from '../api/operations';
import { DataTable } from '../components/DataTable';
import { Loaded } from '../components/Feedback';
import { moscowDateTime } from '../format';
import { Deliveries } from './Logs';

const TicketLink = ({ ticketId }: { ticketId: string | null }) =>
  ticketId ? (
    <Anchor component={Link} to={`/requests/${ticketId}`} size="sm">
      →
    </Anchor>
  ) : null;

/** Mail out and in, and the outbox behind every notification: where to look when a customer heard nothing. */
export function MailLog() {
  const { t } = useTranslation();
  return (
    <>
      <Title order={1} size="h2" mb="md">
        {t('mail.title')}
      </Title>
      <Tabs defaultValue="outbound" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="outbound">{t('mail.outbound')}</Tabs.Tab>
          <Tabs.Tab value="inbound">{t('mail.inbound')}</Tabs.Tab>
          <Tabs.Tab value="deliveries">{t('mail.deliveries')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="outbound" pt="md">
          <Outbound />
        </Tabs.Panel>
        <Tabs.Panel value="inbound" pt="md">
          <Inbound />
        </Tabs.Panel>
        <Tabs.Panel value="deliveries" pt="md">
          <Deliveries />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function Outbound() {
  const { t } = useTranslation();
  const mail = useQuery({
    queryKey: ['mail', 'outbound'],
    queryFn: () => desk.listOutboundMail(),
    refetchInterval: 30_000,
  });
  return (
    <Loaded query={mail}>
      {(data) => (
        <DataTable
          empty={t('mail.emptyOutbound')}
          headers={[t('rejections.at'), t('mail.recipient'), t('mail.subject'), t('mail.state'), '']}
          rows={data.map((entry) => ({
            key: entry.id,
            cells: [
              moscowDateTime(entry.createdAt),
              entry.recipient,
              <>
                <Text size="sm" fw={500}>
                  {entry.subject}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {entry.text}
                </Text>
              </>,
              <Stack key="state" gap={2} align="flex-start">
                <Badge color={entry.sentAt ? 'green.9' : 'blue.9'} variant="outline">
                  {entry.sentAt
                    ? entry.transport === 'stored'
                      ? t('mail.stored')
                      : t('mail.sent')
                    : t('mail.waiting')}
                </Badge>
                {entry.sendAttempts > 1 && (
                  <Text size="xs" c="dimmed" title={entry.messageId}>
                    {t('mail.attempts', { count: entry.sendAttempts })}
                  </Text>
                )}
              </Stack>,
              <TicketLink key="ticket" ticketId={entry.ticketId} />,
            ],
          }))}
        />
      )}
    </Loaded>
  );
}

function Inbound() {
  const { t } = useTranslation();
  const mail = useQuery({
    queryKey: ['mail', 'inbound'],
    queryFn: () => desk.listInboundMail(),
    refetchInterval: 30_000,
  });
  return (
    <Loaded query={mail}>
      {(data) => (
        <DataTable
          empty={t('mail.emptyInbound')}
          headers={[
            t('rejections.at'),
            t('mail.sender'),
            t('mail.subject'),
            t('mail.check'),
            t('mail.outcome'),
            '',
          ]}
          rows={data.map((entry) => ({
            key: entry.id,
            cells: [
              `${moscowDateTime(entry.receivedAt)} · ${entry.via.toUpperCase()}`,
              entry.sender ?? t('common.none'),
              entry.subject || t('common.none'),
              t(`mail.checks.${entry.authentication}`, { defaultValue: entry.authentication }),
              <>
                {t(`mail.outcomes.${entry.outcome}`, { defaultValue: entry.outcome })}
                {entry.reason ? (
                  <Text size="xs" c="dimmed">
                    {t(`rejections.reasons.${entry.reason}`, { defaultValue: entry.reason })}
                  </Text>
                ) : null}
              </>,
              <TicketLink key="ticket" ticketId={entry.ticketId} />,
            ],
          }))}
        />
      )}
    </Loaded>
  );
}
