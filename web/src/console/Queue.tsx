import { type QueueSort, SEVERITIES, STATUSES } from '@contract/constants';
import { Button, Checkbox, Group, MultiSelect, Select, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAgents, useOrganizations, useTags, useTicketPages } from '../api/hooks';
import { TicketList } from '../components/TicketList';
import { can, useSignedIn } from '../session';
import { BulkBar } from './queue/BulkBar';
import { SaveViewButton } from './queue/SaveViewButton';
import {
  apiQuery,
  type QueueParams,
  readQueueParams,
  statusesOf,
  statusParam,
  writeQueueParams,
} from './queueParams';

/**
 * The agent queue, or what a search found. Its filters and order live in the address, so that the
 * queue can be bookmarked, shared and saved as a view; it refreshes by itself.
 */
export function Queue() {
  const { t } = useTranslation();
  const principal = useSignedIn();
  const [search, setSearch] = useSearchParams();
  const params = readQueueParams(search);
  const viewId = search.get('view');
  const q = typeof params.q === 'string' ? params.q : undefined;
  const organizations = useOrganizations();
  const agents = useAgents();
  const tags = useTags();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  // The same query the list reads (shared by its key): the selected requests as the list shows them.
  // Any change of filter or order is a queue of its own: it is no longer the view it was opened from.
  const change = (next: QueueParams) => {
    const cleaned = Object.fromEntries(
      Object.entries(next).filter(([, value]) => value !== undefined && [value].flat().length > 0),
    ) as QueueParams;
    setSearch(writeQueueParams(cleaned), { replace: true });
    setSelected(new Set());
  };
  const set = (key: string, value: string | string[] | null | undefined) => {
    const next: QueueParams = { ...params };
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0))
      delete next[key];
    else next[key] = value;
    change(next);
  };
  const sort = (params.sort as QueueSort | undefined) ?? 'queue';
  const direction = params.direction === 'desc' ? 'desc' : 'asc';
  const onSort = (column: QueueSort) => {
    const next: QueueParams = {
      ...params,
      sort: column,
      direction: sort === column && direction === 'asc' ? 'desc' : 'asc',
    };
    change(next);
  };
  const organizationName = (id: string) =>
    organizations.data?.find((organization) => organization.id === id)?.name ?? '';
  const agentName = (id: string | null) =>
    id ? (agents.data?.find((agent) => agent.id === id)?.name ?? '') : t('console.unassigned');
  const filter = apiQuery(params);
  const pages = useTicketPages(filter);
  usePrefetchedRequestPage();
  const shown = pages.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {q ? t('search.results', { q }) : t('console.queueTitle')}
        </Title>
        <Group gap="sm">
          <Text size="xs" c="dimmed">
            {t('console.live')}
          </Text>
          <Button component={Link} to="/requests/phone" variant="light" size="xs">
            {t('tools.phoneRequest')}
          </Button>
          <SaveViewButton query={filter} viewId={viewId} admin={can(principal, 'shareViews')} />
        </Group>
      </Group>
      <Group align="flex-end" gap="sm" role="search" aria-label={t('console.filters')}>
        <MultiSelect
          label={t('console.status')}
          data={STATUSES.map((value) => ({ value, label: t(`statuses.${value}`) }))}
          value={statusesOf(params)}
          onChange={(value) => set('status', statusParam(value, q))}
          placeholder={statusesOf(params).length ? undefined : t('console.anyone')}
          clearable
          w={300}
        />
        <MultiSelect
          label={t('console.severity')}
          data={SEVERITIES.map((value) => ({ value, label: t(`severities.${value}`) }))}
          value={[params.severity ?? []].flat()}
          onChange={(value) => set('severity', value)}
          placeholder={params.severity ? undefined : t('console.anyone')}
          clearable
          w={220}
        />
        <Select
          label={t('console.organization')}
          placeholder={t('console.anyone')}
          data={(organizations.data ?? []).map((organization) => ({
            value: organization.id,
            label: organization.name,
          }))}
          value={(params.organizationId as string | undefined) ?? null}
          onChange={(value) => set('organizationId', value)}
          clearable
          searchable
          w={240}
        />
        <Select
          label={t('console.assignee')}
          placeholder={t('console.anyone')}
          data={[
            { value: 'me', label: t('console.mine') },
            { value: 'none', label: t('console.unassigned') },
            ...(agents.data ?? [])
              .filter((agent) => agent.id !== principal.id)
              .map((agent) => ({ value: agent.id, label: agent.name })),
          ]}
          value={(params.assigneeId as string | undefined) ?? null}
          onChange={(value) => set('assigneeId', value)}
          clearable
          w={200}
        />
        <MultiSelect
          label={t('tools.tags')}
          placeholder={params.tag ? undefined : t('console.anyone')}
          data={(tags.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }))}
          value={[params.tag ?? []].flat()}
          onChange={(value) => set('tag', value)}
          clearable
          searchable
          w={200}
        />
        <Checkbox
          label={t('console.breachedOnly')}
          checked={params.breached === 'true'}
          onChange={(event) => set('breached', event.currentTarget.checked ? 'true' : null)}
          mb={8}
        />
        <Checkbox
          label={t('console.awaitingOnly')}
          checked={params.awaiting === 'true'}
          onChange={(event) => set('awaiting', event.currentTarget.checked ? 'true' : null)}
          mb={8}
        />
      </Group>
      <BulkBar
        tickets={shown.filter((ticket) => selected.has(ticket.id))}
        onDone={() => setSelected(new Set())}
      />
      <TicketList
        filter={filter}
        empty={q ? t('search.nothing') : t('requests.emptyFiltered')}
        customerOf={(ticket) => organizationName(ticket.organizationId)}
        assigneeOf={(ticket) => (ticket.view === 'support' ? agentName(ticket.assigneeId) : '')}
        sortControl={q ? undefined : { sort, direction, onSort }}
        selection={{
          selected,
          toggle: (ticketId) =>
            setSelected((before) => {
              const next = new Set(before);
              if (!next.delete(ticketId)) next.add(ticketId);
              return next;
            }),
          setAll: (ticketIds, on) => setSelected(new Set(on ? ticketIds : [])),
        }}
      />
    </Stack>
  );
}

/**
 * The request page's code, fetched while the agent reads the queue, so that opening the first request
 * waits for its data alone, not for the console's code as well.
 */
function usePrefetchedRequestPage() {
  useEffect(() => {
    const load = () => {
      void import('../pages/TicketRoute');
      void import('./ticket/TicketConsole');
    };
    const idle = globalThis.requestIdleCallback;
    if (!idle) {
      const timer = setTimeout(load, 500);
      return () => clearTimeout(timer);
    }
    const handle = idle(load, { timeout: 2000 });
    return () => globalThis.cancelIdleCallback(handle);
  }, []);
}
