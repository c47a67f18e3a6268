import { STATUSES, type Status } from '@contract/constants';
import { MultiSelect, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TicketList } from '../components/TicketList';

export function MyRequests() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status[]>([]);
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
      <TicketList
        filter={{ status }}
        empty={status.length ? t('requests.emptyFiltered') : t('requests.empty')}
      />
    </Stack>
  );
}
