import type { QueueSort } from '@contract/constants';
import type { Tag } from '@contract/tags';
import type { FoundTicket } from '@contract/tickets';
import { Anchor, Badge, Checkbox, Group, Paper, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOpenIntent } from '../api/hooks';
import { moscowDateTime } from '../format';
import { AwaitingBadge, SeverityBadge, StatusBadge } from './Badges';
import { Countdown } from './Countdown';
import { EmptyState } from './Feedback';
import { Highlighted } from './Highlighted';
import { ImportedReference } from './ImportedReference';
import { ScrollRegion } from './ScrollRegion';

/** The order a list is read in, and how a click on a column header changes it. */
export interface SortControl {
  sort: QueueSort;
  direction: 'asc' | 'desc';
  onSort: (sort: QueueSort) => void;
}

/** The requests picked for a bulk change. */
export interface Selection {
  selected: ReadonlySet<string>;
  toggle: (ticketId: string) => void;
  setAll: (ticketIds: string[], on: boolean) => void;
}

function SortableHeader({
  label,
  column,
  control,
}: {
  label: string;
  column: QueueSort;
  control?: SortControl;
}) {
  if (!control) return <Table.Th>{label}</Table.Th>;
  const active = control.sort === column;
  const ariaSort = active ? (control.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <Table.Th aria-sort={ariaSort}>
      <UnstyledButton
        onClick={() => control.onSort(column)}
        data-sort={column}
        fw={active ? 700 : 600}
        fz="sm"
      >
        {label}
        {active ? (control.direction === 'asc' ? ' ↑' : ' ↓') : ''}
      </UnstyledButton>
    </Table.Th>
  );
}

export function RequestTable({
  tickets,
  fetchedAt,
  empty,
  customerOf,
  assigneeOf,
  sortControl,
  selection,
}: {
  tickets: FoundTicket[];
  fetchedAt: number;
  empty: string;
  customerOf?: (ticket: FoundTicket) => string;
  assigneeOf?: (ticket: FoundTicket) => string;
  sortControl?: SortControl;
  selection?: Selection;
}) {
  const { t } = useTranslation();
  // A phone's width: cards that wrap, so that nothing scrolls sideways and status and due time show.
  const narrow = useMediaQuery('(max-width: 40em)');
  if (tickets.length === 0) return <EmptyState>{empty}</EmptyState>;
  if (narrow) {
    return (
      <RequestCards
        tickets={tickets}
        fetchedAt={fetchedAt}
        customerOf={customerOf}
        assigneeOf={assigneeOf}
        selection={selection}
      />
    );
  }
  const ids = tickets.map((ticket) => ticket.id);
  const picked = ids.filter((ticketId) => selection?.selected.has(ticketId)).length;
  return (
    <ScrollRegion>
      <Table striped highlightOnHover verticalSpacing="xs" miw={760} data-testid="request-table">
        <Table.Thead>
          <Table.Tr>
            {selection ? (
              <Table.Th w={36}>
                <Checkbox
                  aria-label={t('tools.selectAll')}
                  checked={picked === ids.length}
                  indeterminate={picked > 0 && picked < ids.length}
                  onChange={(event) => selection.setAll(ids, event.currentTarget.checked)}
                />
              </Table.Th>
            ) : null}
            <SortableHeader label={t('requests.number')} column="registeredAt" control={sortControl} />
            <Table.Th miw={200}>{t('requests.subject')}</Table.Th>
            {customerOf ? <Table.Th>{t('console.customer')}</Table.Th> : null}
            <SortableHeader label={t('requests.severity')} column="severity" control={sortControl} />
            <SortableHeader label={t('requests.status')} column="status" control={sortControl} />
            <SortableHeader label={t('requests.due')} column="responseDueAt" control={sortControl} />
            {assigneeOf ? <Table.Th>{t('console.assignee')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((ticket) => (
            <Table.Tr key={ticket.id} data-ticket={ticket.number}>
              {selection ? (
                <Table.Td>
                  <Checkbox
                    aria-label={t('tools.select', { number: ticket.number })}
                    checked={selection.selected.has(ticket.id)}
                    onChange={() => selection.toggle(ticket.id)}
                  />
                </Table.Td>
              ) : null}
              <Table.Td>
                <RequestLink number={ticket.number} style={{ whiteSpace: 'nowrap' }} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {ticket.match ? <Highlighted segments={ticket.match.subject} /> : ticket.subject}
                </Text>
                {ticket.view === 'support' ? <TagBadges tags={ticket.tags} /> : null}
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
                <DueFacts ticket={ticket} fetchedAt={fetchedAt} />
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
    </ScrollRegion>
  );
}

/** A request's tags, small, under its subject. */
/** A request's number, leading to its page, which is fetched as the reader reaches for the link. */
function RequestLink({ number, style }: { number: string; style?: CSSProperties }) {
  const intent = useOpenIntent(number);
  return (
    <Anchor component={Link} to={`/requests/${number}`} fw={500} style={style} {...intent}>
      {number}
    </Anchor>
  );
}

export function TagBadges({ tags, children }: { tags: Tag[]; children?: (tagId: string) => ReactNode }) {
  if (tags.length === 0) return null;
  return (
    <Group gap={4} mt={2}>
      {tags.map((tag) => (
        <Badge
          key={tag.id}
          size="xs"
          variant="dot"
          color={tag.color}
          data-tag={tag.name}
          rightSection={children?.(tag.id)}
        >
          {tag.name}
        </Badge>
      ))}
    </Group>
  );
}

/** When the request's answer is due, or that it was imported and has no deadline here. */
function DueFacts({ ticket, fetchedAt }: { ticket: FoundTicket; fetchedAt: number }) {
  const { t } = useTranslation();
  return ticket.importedFrom ? (
    <>
      <ImportedReference ticket={ticket} />
      <Text size="xs" c="dimmed">
        {t('requests.imported')}
      </Text>
    </>
  ) : ticket.followUp ? (
    <>
      <Text size="xs" c="dimmed">
        {t('requests.followUpDue', { at: moscowDateTime(ticket.followUp.dueAt) })}
      </Text>
      <Countdown
        countdown={ticket.followUp.countdown}
        dueAt={ticket.followUp.dueAt}
        outcome={{ ...ticket, respondedAt: ticket.firstResponseAt }}
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
        outcome={{ ...ticket, respondedAt: ticket.firstResponseAt }}
        fetchedAt={fetchedAt}
      />
    </>
  );
}

/** The list as cards, one a request, for a phone. */
function RequestCards({
  tickets,
  fetchedAt,
  customerOf,
  assigneeOf,
  selection,
}: {
  tickets: FoundTicket[];
  fetchedAt: number;
  customerOf?: (ticket: FoundTicket) => string;
  assigneeOf?: (ticket: FoundTicket) => string;
  selection?: Selection;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="request-cards">
      {tickets.map((ticket) => (
        <Paper key={ticket.id} withBorder p="sm" data-ticket={ticket.number}>
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Group gap="xs" wrap="nowrap">
                {selection ? (
                  <Checkbox
                    aria-label={t('tools.select', { number: ticket.number })}
                    checked={selection.selected.has(ticket.id)}
                    onChange={() => selection.toggle(ticket.id)}
                  />
                ) : null}
                <RequestLink number={ticket.number} />
              </Group>
              <SeverityBadge severity={ticket.severity} />
            </Group>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {ticket.match ? <Highlighted segments={ticket.match.subject} /> : ticket.subject}
            </Text>
            {ticket.view === 'support' ? <TagBadges tags={ticket.tags} /> : null}
            <Group gap="xs">
              <StatusBadge status={ticket.status} />
              <AwaitingBadge since={ticket.awaitingSupportSince} />
            </Group>
            <div data-testid="card-due">
              <DueFacts ticket={ticket} fetchedAt={fetchedAt} />
            </div>
            {customerOf || assigneeOf ? (
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {[customerOf?.(ticket), assigneeOf?.(ticket)].filter(Boolean).join(' · ')}
              </Text>
            ) : null}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
