import { STATUSES, type Status } from '@contract/constants';
import { MultiSelect, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { TicketList } from '../components/TicketList';

/** The customer's requests, or what a search in them found (best match first). */
export function MyRequests() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const [status, setStatus] = useState<Status[]>([]);
  return (
    <Stack>
      <Title order={1} size="h2">
        {q ? t('search.results', { q }) : t('requests.title')}
      </Title>
      <MultiSelect
        label={t('console.status')}
        data={STATUSES.map((value) => ({ value, label: t(`statuses.${value}`) }))}
        value={status}
        onChange={(value) => setStatus(value as Status[])}
        placeholder={status.length ? undefined : t('requests.anyStatus')}
        clearable
        maw={480}
      />
      <TicketList
        filter={{ status, q }}
        empty={q ? t('search.nothing') : status.length ? t('requests.emptyFiltered') : t('requests.empty')}
      />
    </Stack>
  );
}
