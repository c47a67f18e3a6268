import type { IntakeRejection } from '@contract/intake';
import { Anchor, Badge, Button, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { desk } from '../api/operations';
import { DataTable } from '../components/DataTable';
import { Loaded } from '../components/Feedback';
import { moscowDateTime } from '../format';
import { AddSenderDialog, RegisterRefusedDialog } from './rejections/SettleDialogs';

/** Requests refused at the door, kept whole so an administrator can follow up and settle each one. */
export function Rejections() {
  const { t } = useTranslation();
  const rejections = useQuery({
    queryKey: ['rejections'],
    queryFn: () => desk.listIntakeRejections(),
  });
  const [settling, setSettling] = useState<{
    rejection: IntakeRejection;
    how: 'register' | 'contact';
  } | null>(null);
  const close = () => setSettling(null);
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('rejections.title')}
      </Title>
      <Loaded query={rejections}>
        {(data) => (
          <DataTable
            empty={t('rejections.empty')}
            headers={[
              t('rejections.at'),
              t('ticket.channel'),
              t('rejections.sender'),
              t('rejections.reason'),
              t('requests.subject'),
              t('rejections.actions'),
            ]}
            rows={data.map((rejection) => ({
              key: rejection.id,
              cells: [
                moscowDateTime(rejection.at),
                t(`channels.${rejection.channel}`),
                rejection.sender ?? t('common.none'),
                t(`rejections.reasons.${rejection.reason}`, { defaultValue: rejection.reason }),
                <>
                  <Text size="sm" fw={500}>
                    {rejection.subject || t('common.none')}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={2} title={rejection.description ?? undefined}>
                    {rejection.description}
                  </Text>
                </>,
                <Settlement
                  key="settle"
                  rejection={rejection}
                  onSettle={(how) => setSettling({ rejection, how })}
                />,
              ],
            }))}
          />
        )}
      </Loaded>
      {settling?.how === 'register' ? (
        <RegisterRefusedDialog
          key={settling.rejection.id}
          rejection={settling.rejection}
          opened
          onClose={close}
        />
      ) : null}
      {settling?.how === 'contact' ? (
        <AddSenderDialog key={settling.rejection.id} rejection={settling.rejection} opened onClose={close} />
      ) : null}
    </Stack>
  );
}

/** How a refusal was settled, or the two ways to settle it. */
function Settlement({
  rejection,
  onSettle,
}: {
  rejection: IntakeRejection;
  onSettle: (how: 'register' | 'contact') => void;
}) {
  const { t } = useTranslation();
  const { settlement } = rejection;
  if (settlement) {
    return (
      <Stack gap={0} data-testid="settlement">
        {settlement.ticket ? (
          <Anchor component={Link} to={`/requests/${settlement.ticket.number}`} size="sm">
            {t('rejections.registered', { number: settlement.ticket.number })}
          </Anchor>
        ) : (
          <Text size="sm">{t('rejections.contactAdded')}</Text>
        )}
        <Text size="xs" c="dimmed">
          {t('rejections.settledBy', { at: moscowDateTime(settlement.at), by: settlement.by })}
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap={4} align="flex-start">
      <Button size="compact-xs" variant="light" onClick={() => onSettle('register')}>
        {t('rejections.registerSubmit')}
      </Button>
      {rejection.channel === 'email' && rejection.sender?.includes('@') ? (
        <Button size="compact-xs" variant="subtle" onClick={() => onSettle('contact')}>
          {t('rejections.addSenderSubmit')}
        </Button>
      ) : null}
    </Stack>
  );
}

const STATE_COLOR = { pending: 'blue.9', delivered: 'green.9', failed: 'red.9' } as const;

/** What the desk sent or is still trying to send: a channel that is down shows here first. */
export function Deliveries() {
  const { t } = useTranslation();
  const entries = useQuery({
    queryKey: ['outbox'],
    queryFn: () => desk.listOutbox(),
    refetchInterval: 30_000,
  });
  return (
    <Loaded query={entries}>
      {(data) => (
        <DataTable
          empty={t('outbox.empty')}
          headers={[
            t('rejections.at'),
            t('outbox.topic'),
            t('outbox.recipient'),
            t('outbox.state'),
            t('outbox.attempts'),
          ]}
          rows={data.map((entry) => {
            const recipient = entry.payload.recipient as { type?: string; id?: string } | undefined;
            return {
              key: entry.id,
              cells: [
                moscowDateTime(entry.createdAt),
                `${entry.topic}${typeof entry.payload.template === 'string' ? ` · ${entry.payload.template}` : ''}`,
                recipient ? `${recipient.type} ${recipient.id?.slice(0, 8)}` : t('common.none'),
                <>
                  <Badge color={STATE_COLOR[entry.state]} variant="outline">
                    {t(`outbox.states.${entry.state}`)}
                  </Badge>
                  {entry.lastError ? (
                    <Text size="xs" c="red.9">
                      {entry.lastError}
                    </Text>
                  ) : null}
                </>,
                entry.attempts,
              ],
            };
          })}
        />
      )}
    </Loaded>
  );
}
