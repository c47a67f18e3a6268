import { moscowDateTimeLocal, moscowLocalToIso } from '@contract/moscowTime';
import type { SupportTicketDetail } from '@contract/tickets';
import { NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgents } from '../../api/hooks';
import { desk } from '../../api/operations';
import { browserNow } from '../../clock';
import { TextAreaField, TextField } from '../../components/FormFields';
import { moscowDateTime } from '../../format';
import { ActionDialog } from '../ActionDialog';
import type { DialogProps } from './dialogProps';

export function RemoteSessions({ ticket }: { ticket: SupportTicketDetail }) {
  const { t } = useTranslation();
  const agents = useAgents();
  const nameOf = (id: string) => agents.data?.find((agent) => agent.id === id)?.name ?? id;
  return (
    <Paper withBorder p="sm">
      <Title order={2} size="h6" mb="xs">
        {t('console.remoteSessions')}
      </Title>
      {ticket.level !== 'extended' ? (
        <Text size="sm" c="dimmed">
          {t('console.remoteOnlyExtended')}
        </Text>
      ) : ticket.remoteSessions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('console.noRemoteSessions')}
        </Text>
      ) : (
        <Stack gap="xs">
          {ticket.remoteSessions.map((session) => (
            <div key={session.id}>
              <Text size="sm" fw={500}>
                {moscowDateTime(session.startedAt)} · {session.durationMinutes} min ·{' '}
                {nameOf(session.engineerId)}
              </Text>
              <Text size="sm">{session.outcome}</Text>
              <Text size="sm" c="dimmed">
                {session.recommendations}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/** Now in Moscow, as the datetime-local input shows it. */
const moscowNowLocal = () => moscowDateTimeLocal(browserNow());

export function RemoteSessionDialog({ ticket, opened, onClose, refresh }: DialogProps) {
  const { t } = useTranslation();
  const [startedAt, setStartedAt] = useState(moscowNowLocal);
  const [durationMinutes, setDuration] = useState<number | string>(30);
  const [outcome, setOutcome] = useState('');
  const [recommendations, setRecommendations] = useState('');
  return (
    <ActionDialog
      title={t('console.logRemoteSession')}
      opened={opened}
      onClose={onClose}
      submitLabel={t('common.save')}
      refresh={refresh}
      fields={['startedAt', 'durationMinutes', 'outcome', 'recommendations']}
      run={() =>
        desk.createRemoteSession(ticket.id, {
          startedAt: startedAt ? moscowLocalToIso(startedAt) : '',
          durationMinutes: Number(durationMinutes),
          outcome,
          recommendations,
        })
      }
    >
      {(fieldError) => (
        <>
          <TextField
            type="datetime-local"
            label={t('console.startedAt')}
            value={startedAt}
            onChange={setStartedAt}
            error={fieldError('startedAt')}
          />
          <NumberInput
            label={t('console.duration')}
            min={1}
            max={1440}
            value={durationMinutes}
            onChange={setDuration}
            error={fieldError('durationMinutes')}
          />
          <TextAreaField
            label={t('console.outcome')}
            required
            value={outcome}
            onChange={setOutcome}
            error={fieldError('outcome')}
          />
          <TextAreaField
            label={t('console.recommendations')}
            required
            value={recommendations}
            onChange={setRecommendations}
            error={fieldError('recommendations')}
          />
        </>
      )}
    </ActionDialog>
  );
}
