import { ACTIVE_STATUSES, SEVERITIES, STATUSES, type Status } from '@contract/constants';
import { Checkbox, Group, MultiSelect, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAgents, useOrganizations } from '../api/hooks';
import { TicketList } from '../components/TicketList';
import { useSignedIn } from '../session';

/** The agent queue, or what a search found: a new search starts with its own filters. */
export function Queue() {
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  return <QueueView key={q} q={q} />;
}

/**
 * The agent queue: soonest response deadline first, refreshed by itself, filtered as the agent likes.
 * A search looks through every status unless the agent narrows it, and lists the best match first.
 */
function QueueView({ q }: { q: string }) {
  const { t } = useTranslation();
  const principal = useSignedIn();
  const [status, setStatus] = useState<Status[]>(q ? [] : [...ACTIVE_STATUSES]);
  const [severity, setSeverity] = useState<string[]>([]);
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [breached, setBreached] = useState(false);
  const [awaiting, setAwaiting] = useState(false);
  const organizations = useOrganizations();
  const agents = useAgents();
  const organizationName = (id: string) =>
    organizations.data?.find((organization) => organization.id === id)?.name ?? '';
  const agentName = (id: string | null) =>
    id ? (agents.data?.find((agent) => agent.id === id)?.name ?? '') : t('console.unassigned');

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {q ? t('search.results', { q }) : t('console.queueTitle')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('console.live')}
        </Text>
      </Group>
      <Group align="flex-end" gap="sm" role="search" aria-label={t('console.filters')}>
        <MultiSelect
          label={t('console.status')}
          data={STATUSES.map((value) => ({ value, label: t(`statuses.${value}`) }))}
          value={status}
          onChange={(value) => setStatus(value as Status[])}
          placeholder={status.length ? undefined : t('console.anyone')}
          clearable
          w={300}
        />
        <MultiSelect
          label={t('console.severity')}
          data={SEVERITIES.map((value) => ({ value, label: t(`severities.${value}`) }))}
          value={severity}
          onChange={setSeverity}
          placeholder={severity.length ? undefined : t('console.anyone')}
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
          value={organizationId}
          onChange={setOrganizationId}
          clearable
          searchable
          w={240}
        />
        <Select
          label={t('console.assignee')}
          placeholder={t('console.anyone')}
          data={[
            { value: principal.id, label: t('console.mine') },
            { value: 'none', label: t('console.unassigned') },
            ...(agents.data ?? [])
              .filter((agent) => agent.id !== principal.id)
              .map((agent) => ({ value: agent.id, label: agent.name })),
          ]}
          value={assigneeId}
          onChange={setAssigneeId}
          clearable
          w={200}
        />
        <Checkbox
          label={t('console.breachedOnly')}
          checked={breached}
          onChange={(event) => setBreached(event.currentTarget.checked)}
          mb={8}
        />
        <Checkbox
          label={t('console.awaitingOnly')}
          checked={awaiting}
          onChange={(event) => setAwaiting(event.currentTarget.checked)}
          mb={8}
        />
      </Group>
      <TicketList
        filter={{
          status,
          severity,
          organizationId,
          assigneeId,
          breached: breached ? 'true' : null,
          awaiting: awaiting ? 'true' : null,
          q,
        }}
        empty={q ? t('search.nothing') : t('requests.emptyFiltered')}
        customerOf={(ticket) => organizationName(ticket.organizationId)}
        assigneeOf={(ticket) => agentName(ticket.assigneeId)}
      />
    </Stack>
  );
}
