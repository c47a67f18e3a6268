import { Button, Group, MultiSelect, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTickets } from '../api/hooks';
import { STATUSES, type Status } from '../api/types';
import { LoadingRows, ProblemAlert } from '../components/Feedback';
import { RequestTable } from '../components/RequestTable';

export function MyRequests() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status[]>([]);
  const [limit, setLimit] = useState(50);
  const tickets = useTickets({ status, limit });
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('requests.title')}
      </Title>
      <MultiSelect
        label={t('console.status')}
        data={STATUSES.map((value) => ({ value, label: t(`statuses.${value}`) }))}
        value={status}
        onChange={(value) => setStatus(value as Status[])}
        clearable
        maw={480}
      />
      {tickets.isPending ? (
        <LoadingRows />
      ) : tickets.isError ? (
        <ProblemAlert error={tickets.error} onRetry={() => tickets.refetch()} />
      ) : (
        <>
          <RequestTable
            tickets={tickets.data.items}
            fetchedAt={tickets.data.fetchedAt}
            empty={status.length ? t('requests.emptyFiltered') : t('requests.empty')}
          />
          {tickets.data.nextCursor && limit < 200 ? (
            <Group justify="center">
              <Button variant="subtle" onClick={() => setLimit(Math.min(200, limit + 50))}>
                {t('common.more')}
              </Button>
            </Group>
          ) : null}
        </>
      )}
    </Stack>
  );
}
