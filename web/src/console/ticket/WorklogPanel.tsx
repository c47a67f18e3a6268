import type { SupportTicketDetail } from '@contract/tickets';
import { Button, Checkbox, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { desk } from '../../api/operations';
import { Loaded, ProblemAlert } from '../../components/Feedback';
import { TextField } from '../../components/FormFields';
import { calendarDay } from '../../format';

const hours = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

/** Time spent on the request (трудозатраты), with its totals and a form to log more. */
export function WorklogPanel({ ticket }: { ticket: SupportTicketDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const worklog = useQuery({ queryKey: ['worklog', ticket.id], queryFn: () => desk.listWorklog(ticket.id) });
  const [minutes, setMinutes] = useState<number | string>('');
  const [note, setNote] = useState('');
  const [billable, setBillable] = useState(true);
  const log = useMutation({
    mutationFn: () =>
      desk.createWorklogEntry(ticket.id, { minutes: Number(minutes) || null, note, billable }),
    onSuccess: () => {
      setMinutes('');
      setNote('');
      void client.invalidateQueries({ queryKey: ['worklog', ticket.id] });
    },
  });
  const problem = log.error instanceof ApiProblem ? log.error : null;
  return (
    <Paper withBorder p="sm" data-testid="worklog">
      <Title order={2} size="h6" mb="xs">
        {t('tools.worklog')}
      </Title>
      <Loaded query={worklog} rows={2}>
        {(data) => (
          <Stack gap={4}>
            <Text size="sm" data-testid="worklog-total">
              {t('tools.worklogTotal', {
                total: hours(data.totalMinutes),
                billable: hours(data.billableMinutes),
              })}
            </Text>
            {data.entries.map((entry) => (
              <Text size="xs" key={entry.id}>
                {calendarDay(entry.workedOn)} · {hours(entry.minutes)} · {entry.agentName}
                {entry.billable ? '' : ` · ${t('tools.notBillable')}`} — {entry.note}
              </Text>
            ))}
          </Stack>
        )}
      </Loaded>
      {ticket.allowedActions.includes('logTime') ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            log.mutate();
          }}
          noValidate
        >
          <Stack gap="xs" mt="sm">
            <Group grow align="flex-start">
              <NumberInput
                label={t('tools.minutes')}
                min={1}
                max={1440}
                value={minutes}
                onChange={setMinutes}
                error={problem?.forField('minutes')}
              />
              <Checkbox
                mt={30}
                label={t('tools.billable')}
                checked={billable}
                onChange={(event) => setBillable(event.currentTarget.checked)}
              />
            </Group>
            <TextField
              label={t('tools.worklogNote')}
              value={note}
              onChange={setNote}
              error={problem?.forField('note')}
            />
            {log.error && !problem?.forField('minutes') && !problem?.forField('note') ? (
              <ProblemAlert error={log.error} />
            ) : null}
            <Button type="submit" size="xs" variant="light" loading={log.isPending}>
              {t('tools.logTime')}
            </Button>
          </Stack>
        </form>
      ) : null}
    </Paper>
  );
}
