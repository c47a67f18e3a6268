import { Anchor, Badge, Table, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../api/client';
import { EmptyState, Loaded } from '../components/Feedback';
import { moscowDateTime } from '../format';
import { Deliveries } from './Logs';

interface SentMail {
  id: string;
  ticketId: string | null;
  recipient: string;
  subject: string;
  text: string;
  transport: string;
  createdAt: string;
  sentAt: string | null;
}

interface ReceivedMail {
  id: string;
  receivedAt: string;
  via: string;
  sender: string | null;
  subject: string | null;
  authentication: string;
  outcome: string;
  reason: string | null;
  ticketId: string | null;
}

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
    queryFn: () => get<SentMail[]>('/mail/outbound?limit=200'),
    refetchInterval: 30_000,
  });
  return (
    <Loaded query={mail}>
      {(data) =>
        data.length === 0 ? (
          <EmptyState>{t('mail.emptyOutbound')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('rejections.at')}</Table.Th>
                  <Table.Th>{t('mail.recipient')}</Table.Th>
                  <Table.Th>{t('mail.subject')}</Table.Th>
                  <Table.Th>{t('mail.state')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td>{moscowDateTime(entry.createdAt)}</Table.Td>
                    <Table.Td>{entry.recipient}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {entry.subject}
                      </Text>
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {entry.text}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={entry.sentAt ? 'green.9' : 'blue.9'} variant="outline">
                        {entry.sentAt
                          ? entry.transport === 'stored'
                            ? t('mail.stored')
                            : t('mail.sent')
                          : t('mail.waiting')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <TicketLink ticketId={entry.ticketId} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      }
    </Loaded>
  );
}

function Inbound() {
  const { t } = useTranslation();
  const mail = useQuery({
    queryKey: ['mail', 'inbound'],
    queryFn: () => get<ReceivedMail[]>('/mail/inbound?limit=200'),
    refetchInterval: 30_000,
  });
  return (
    <Loaded query={mail}>
      {(data) =>
        data.length === 0 ? (
          <EmptyState>{t('mail.emptyInbound')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('rejections.at')}</Table.Th>
                  <Table.Th>{t('mail.sender')}</Table.Th>
                  <Table.Th>{t('mail.subject')}</Table.Th>
                  <Table.Th>{t('mail.check')}</Table.Th>
                  <Table.Th>{t('mail.outcome')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td>
                      {moscowDateTime(entry.receivedAt)} · {entry.via.toUpperCase()}
                    </Table.Td>
                    <Table.Td>{entry.sender ?? t('common.none')}</Table.Td>
                    <Table.Td>{entry.subject ?? t('common.none')}</Table.Td>
                    <Table.Td>
                      {t(`mail.checks.${entry.authentication}`, { defaultValue: entry.authentication })}
                    </Table.Td>
                    <Table.Td>
                      {t(`mail.outcomes.${entry.outcome}`, { defaultValue: entry.outcome })}
                      {entry.reason ? (
                        <Text size="xs" c="dimmed">
                          {t(`rejections.reasons.${entry.reason}`, { defaultValue: entry.reason })}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <TicketLink ticketId={entry.ticketId} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      }
    </Loaded>
  );
}
