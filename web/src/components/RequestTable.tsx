import type { FoundTicket } from '@contract/tickets';
import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { moscowDateTime } from '../format';
import { AwaitingBadge, SeverityBadge, StatusBadge } from './Badges';
import { Countdown } from './Countdown';
import { EmptyState } from './Feedback';
import { Highlighted } from './Highlighted';

export function RequestTable({
  tickets,
  fetchedAt,
  empty,
  customerOf,
  assigneeOf,
}: {
  tickets: FoundTicket[];
  fetchedAt: number;
  empty: string;
  customerOf?: (ticket: FoundTicket) => string;
  assigneeOf?: (ticket: FoundTicket) => string;
}) {
  const { t } = useTranslation();
  if (tickets.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="request-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('requests.number')}</Table.Th>
            <Table.Th>{t('requests.subject')}</Table.Th>
            {customerOf ? <Table.Th>{t('console.customer')}</Table.Th> : null}
            <Table.Th>{t('requests.severity')}</Table.Th>
            <Table.Th>{t('requests.status')}</Table.Th>
            <Table.Th>{t('requests.due')}</Table.Th>
            {assigneeOf ? <Table.Th>{t('console.assignee')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((ticket) => (
            <Table.Tr key={ticket.id} data-ticket={ticket.number}>
              <Table.Td>
                <Anchor component={Link} to={`/requests/${ticket.number}`} fw={500}>
                  {ticket.number}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {ticket.match ? <Highlighted segments={ticket.match.subject} /> : ticket.subject}
                </Text>
                {ticket.match?.snippet ? (
                  <Text size="xs" c="dimmed" lineClamp={2} data-testid="search-snippet">
                    <Highlighted segments={ticket.match.snippet} />
                  </Text>
                ) : null}
              </Table.Td>
              {customerOf ? (
                <Table.Td>
                  <Text size="sm">{customerOf(ticket)}</Text>
                </Table.Td>
              ) : null}
              <Table.Td>
                <SeverityBadge severity={ticket.severity} />
              </Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <StatusBadge status={ticket.status} />
                  <AwaitingBadge since={ticket.awaitingSupportSince} />
                </Stack>
              </Table.Td>
              <Table.Td>
                {ticket.followUp ? (
                  <>
                    <Text size="xs" c="dimmed">
                      {t('requests.followUpDue', { at: moscowDateTime(ticket.followUp.dueAt) })}
                    </Text>
                    <Countdown
                      countdown={ticket.followUp.countdown}
                      dueAt={ticket.followUp.dueAt}
                      respondedAt={null}
                      fetchedAt={fetchedAt}
                    />
                  </>
                ) : (
                  <>
                    <Text size="xs" c="dimmed">
                      {moscowDateTime(ticket.responseDueAt)}
                    </Text>
                    <Countdown
                      countdown={ticket.countdown}
                      dueAt={ticket.responseDueAt}
                      respondedAt={ticket.firstResponseAt}
                      fetchedAt={fetchedAt}
                    />
                  </>
                )}
              </Table.Td>
              {assigneeOf ? (
                <Table.Td>
                  <Text size="sm">{assigneeOf(ticket)}</Text>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
