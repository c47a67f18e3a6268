import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client';
import type { IntakeRejection, OutboxEntry } from '../api/types';
import { EmptyState, Loaded } from '../components/Feedback';
import { moscowDateTime } from '../format';

/** Requests refused at the door, kept whole so an administrator can follow up. */
export function Rejections() {
  const { t } = useTranslation();
  const rejections = useQuery({
    queryKey: ['rejections'],
    queryFn: () => get<IntakeRejection[]>('/intake-rejections?limit=200'),
  });
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('rejections.title')}
      </Title>
      <Loaded query={rejections}>
        {(data) =>
          data.length === 0 ? (
            <EmptyState>{t('rejections.empty')}</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('rejections.at')}</Table.Th>
                    <Table.Th>{t('ticket.channel')}</Table.Th>
                    <Table.Th>{t('rejections.sender')}</Table.Th>
                    <Table.Th>{t('rejections.reason')}</Table.Th>
                    <Table.Th>{t('requests.subject')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.map((rejection) => (
                    <Table.Tr key={rejection.id}>
                      <Table.Td>{moscowDateTime(rejection.at)}</Table.Td>
                      <Table.Td>{t(`channels.${rejection.channel}`)}</Table.Td>
                      <Table.Td>{rejection.sender ?? t('common.none')}</Table.Td>
                      <Table.Td>{t(`rejections.reasons.${rejection.reason}`)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {rejection.subject ?? t('common.none')}
                        </Text>
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {rejection.description}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </Loaded>
    </Stack>
  );
}

const STATE_COLOR = { pending: 'blue', delivered: 'green', failed: 'red' } as const;

/** What the desk sent or is still trying to send: a channel that is down shows here first. */
export function Deliveries() {
  const { t } = useTranslation();
  const entries = useQuery({
    queryKey: ['outbox'],
    queryFn: () => get<OutboxEntry[]>('/outbox?limit=200'),
    refetchInterval: 30_000,
  });
  return (
    <Loaded query={entries}>
      {(data) =>
        data.length === 0 ? (
          <EmptyState>{t('outbox.empty')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('rejections.at')}</Table.Th>
                  <Table.Th>{t('outbox.topic')}</Table.Th>
                  <Table.Th>{t('outbox.recipient')}</Table.Th>
                  <Table.Th>{t('outbox.state')}</Table.Th>
                  <Table.Th>{t('outbox.attempts')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((entry) => {
                  const recipient = entry.payload.recipient as { type?: string; id?: string } | undefined;
                  return (
                    <Table.Tr key={entry.id}>
                      <Table.Td>{moscowDateTime(entry.createdAt)}</Table.Td>
                      <Table.Td>
                        {entry.topic}
                        {typeof entry.payload.template === 'string' ? ` · ${entry.payload.template}` : ''}
                      </Table.Td>
                      <Table.Td>
                        {recipient ? `${recipient.type} ${recipient.id?.slice(0, 8)}` : t('common.none')}
                      </Table.Td>
                      <Table.Td>
                        <Badge color={STATE_COLOR[entry.state]} variant="light">
                          {t(`outbox.states.${entry.state}`)}
                        </Badge>
                        {entry.lastError ? (
                          <Text size="xs" c="red.9">
                            {entry.lastError}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{entry.attempts}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      }
    </Loaded>
  );
}
