import type { CalendarDay } from '@contract/calendar';
import { DAY_TYPES, type DayType } from '@contract/constants';
import { moscowDate } from '@contract/moscowTime';
import {
  ActionIcon,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk } from '../api/operations';
import { browserNow } from '../clock';
import { EmptyState, Loaded, ProblemAlert } from '../components/Feedback';
import { oneOf, TextField } from '../components/FormFields';
import { ScrollRegion } from '../components/ScrollRegion';
import { calendarDay } from '../format';
import { can, useSignedIn } from '../session';
import { ActionDialog } from './ActionDialog';

const KIND_COLOR: Record<CalendarDay['kind'], string> = {
  regular: 'white',
  workday: 'blue.0',
  short: 'yellow.1',
  weekend: 'gray.1',
  holiday: 'red.1',
  dayOff: 'orange.1',
};

function currentMonth(): string {
  return moscowDate(browserNow()).slice(0, 7);
}

function shift(month: string, by: number): string {
  const [year = 0, number = 1] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, number - 1 + by, 1));
  return date.toISOString().slice(0, 7);
}

/** A month of the production calendar as the desk counts it, and the company's own days off. */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const principal = useSignedIn();
  const [month, setMonth] = useState(currentMonth);
  const [adding, setAdding] = useState(false);
  const days = useQuery({
    queryKey: ['calendar', month],
    queryFn: () => desk.calendarMonth(month),
  });
  const overrides = useQuery({
    queryKey: ['calendar-overrides'],
    queryFn: () => desk.listCalendarOverrides(),
  });
  const client = useQueryClient();
  const drop = useMutation({
    mutationFn: (date: string) => desk.removeCalendarOverride(date),
    onSuccess: () =>
      void client.invalidateQueries({
        predicate: (query) => String(query.queryKey[0]).startsWith('calendar'),
      }),
  });
  const weekdays = Array.from({ length: 7 }, (_, index) =>
    new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, 1 + index)),
    ),
  );
  const monthTitle = new Intl.DateTimeFormat(i18n.language, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('calendar.title')}
      </Title>
      <Group justify="space-between">
        <Group gap="xs">
          <ActionIcon
            variant="default"
            onClick={() => setMonth(shift(month, -1))}
            aria-label={t('calendar.previous')}
          >
            ‹
          </ActionIcon>
          <Text fw={600} w={200} ta="center" data-testid="calendar-month">
            {monthTitle}
          </Text>
          <ActionIcon
            variant="default"
            onClick={() => setMonth(shift(month, 1))}
            aria-label={t('calendar.next')}
          >
            ›
          </ActionIcon>
        </Group>
        {days.data ? (
          <Group gap="md">
            <Text size="sm">{t('calendar.workingDays', { count: days.data.totals.workingDays })}</Text>
            <Text size="sm">{t('calendar.deskHours', { count: days.data.totals.deskHours })}</Text>
            <Text size="sm" c="dimmed">
              {t('calendar.source', { source: t(`calendar.sources.${days.data.source}`) })}
            </Text>
          </Group>
        ) : null}
      </Group>
      <Loaded query={days} rows={6} height={72}>
        {(data) => (
          <SimpleGrid cols={7} spacing={4}>
            {weekdays.map((weekday) => (
              <Text key={weekday} size="xs" c="dimmed" ta="center" aria-hidden="true">
                {weekday}
              </Text>
            ))}
            {Array.from({ length: (data.days[0]?.weekday ?? 1) - 1 }, (_, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: blank cells before the first day
              <div key={`blank${index}`} />
            ))}
            {data.days.map((day) => {
              const name = i18n.language === 'en' ? (day.nameEn ?? day.name) : day.name;
              return (
                // A tap shows the day's name on a phone, whose cells have room for the date and colour alone.
                <Tooltip
                  key={day.date}
                  label={name ?? t(`calendar.kinds.${day.kind}`)}
                  events={{ hover: true, focus: true, touch: true }}
                >
                  <Paper
                    withBorder
                    p={6}
                    mih={72}
                    bg={KIND_COLOR[day.kind]}
                    data-kind={day.kind}
                    data-date={day.date}
                  >
                    <Text size="sm" fw={day.working ? 600 : 400} c={day.working ? undefined : 'red.9'}>
                      {Number(day.date.slice(8))}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={2} visibleFrom="sm">
                      {name ??
                        (day.kind === 'regular' || day.kind === 'weekend'
                          ? ''
                          : t(`calendar.kinds.${day.kind}`))}
                    </Text>
                    {day.hours && day.kind !== 'regular' ? (
                      <Text size="xs">
                        {day.hours.opensAt}–{day.hours.closesAt}
                      </Text>
                    ) : null}
                  </Paper>
                </Tooltip>
              );
            })}
          </SimpleGrid>
        )}
      </Loaded>
      <Group justify="space-between" mt="md">
        <Title order={2} size="h4">
          {t('calendar.overrides')}
        </Title>
        {can(principal, 'manageCalendar') ? (
          <Button onClick={() => setAdding(true)}>{t('calendar.addOverride')}</Button>
        ) : null}
      </Group>
      <Loaded query={overrides} rows={2}>
        {(data) =>
          data.length === 0 ? (
            <EmptyState>{t('calendar.noOverrides')}</EmptyState>
          ) : (
            <ScrollRegion>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('calendar.date')}</Table.Th>
                    <Table.Th>{t('calendar.type')}</Table.Th>
                    <Table.Th>{t('calendar.name')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.map((override) => (
                    <Table.Tr key={override.date}>
                      <Table.Td>{calendarDay(override.date)}</Table.Td>
                      <Table.Td>{t(`calendar.kinds.${override.type}`)}</Table.Td>
                      <Table.Td>{override.name ?? t('common.none')}</Table.Td>
                      <Table.Td>
                        {can(principal, 'manageCalendar') ? (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            onClick={() => drop.mutate(override.date)}
                          >
                            {t('common.remove')}
                          </Button>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          )
        }
      </Loaded>
      {drop.error ? <ProblemAlert error={drop.error} /> : null}
      <OverrideDialog opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}

function OverrideDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState('');
  const [type, setType] = useState<DayType | null>('dayOff');
  const [name, setName] = useState('');
  return (
    <ActionDialog
      title={t('calendar.addOverride')}
      opened={opened}
      onClose={onClose}
      submitLabel={t('common.save')}
      refresh={[['calendar'], ['calendar-overrides']]}
      fields={['date', 'params.date', 'type', 'name']}
      run={() => desk.setCalendarOverride(date, { type, ...(name.trim() ? { name } : {}) })}
    >
      {(fieldError) => (
        <>
          <TextField
            type="date"
            label={t('calendar.date')}
            required
            value={date}
            onChange={setDate}
            error={fieldError('params.date') ?? fieldError('date')}
          />
          <Select
            label={t('calendar.type')}
            data={(['dayOff', 'holiday', 'short', 'workday'] as const).map((value) => ({
              value,
              label: t(`calendar.kinds.${value}`),
            }))}
            value={type}
            onChange={(value) => setType(oneOf(DAY_TYPES, value))}
            allowDeselect={false}
          />
          <TextField
            label={t('calendar.name')}
            description={t('common.optional')}
            value={name}
            onChange={setName}
            error={fieldError('name')}
          />
        </>
      )}
    </ActionDialog>
  );
}
