import type { TicketDetail } from '@contract/tickets';
import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { moscowDateTime } from '../format';
import { AwaitingBadge, LevelBadge, SeverityBadge, StatusBadge } from './Badges';
import { Countdown } from './Countdown';
import { ImportedReference } from './ImportedReference';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

export function TicketHeader({
  ticket,
  fetchedAt,
  actions,
}: {
  ticket: TicketDetail;
  fetchedAt: number;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm" c="dimmed" data-testid="ticket-number">
            {ticket.number}
          </Text>
          <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }}>
            {ticket.subject}
          </Title>
        </div>
        {actions}
      </Group>
      <Group gap="xs">
        <StatusBadge status={ticket.status} />
        <SeverityBadge severity={ticket.severity} />
        {ticket.level ? <LevelBadge level={ticket.level} /> : null}
        <AwaitingBadge since={ticket.awaitingSupportSince} />
      </Group>
      <Paper withBorder p="sm">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          {ticket.sla ? (
            <Fact label={t('sla.dueAt')}>
              <span data-testid="due-at">{moscowDateTime(ticket.sla.dueAt)}</span>
              <Countdown
                countdown={ticket.countdown}
                dueAt={ticket.sla.dueAt}
                outcome={{ ...ticket, respondedAt: ticket.firstResponseAt }}
                fetchedAt={fetchedAt}
              />
            </Fact>
          ) : (
            <Fact label={t('ticket.importedFrom')}>
              <ImportedReference ticket={ticket} />
              <Text size="xs" c="dimmed">
                {t('requests.imported')}
              </Text>
            </Fact>
          )}
          {ticket.followUp ? (
            <Fact label={t('sla.followUpDueAt')}>
              <span data-testid="follow-up-due-at">{moscowDateTime(ticket.followUp.dueAt)}</span>
              <Countdown
                countdown={ticket.followUp.countdown}
                dueAt={ticket.followUp.dueAt}
                outcome={{ ...ticket, respondedAt: ticket.firstResponseAt }}
                fetchedAt={fetchedAt}
              />
            </Fact>
          ) : null}
          <Fact label={t('ticket.registered')}>{moscowDateTime(ticket.registeredAt)}</Fact>
          <Fact label={t('ticket.instance')}>{ticket.instance?.name ?? t('common.none')}</Fact>
          <Fact label={t('ticket.contact')}>
            {ticket.contact?.name ?? ticket.requesterEmail ?? t('common.none')}
          </Fact>
          <Fact label={t('ticket.category')}>
            {t(`categories.${ticket.category}`)}
            {ticket.outOfScope ? ` · ${t('ticket.outOfScope')}` : ''}
          </Fact>
          <Fact label={t('ticket.channel')}>{t(`channels.${ticket.channel}`)}</Fact>
          {ticket.policyVersion ? <Fact label={t('ticket.policy')}>{ticket.policyVersion}</Fact> : null}
          {ticket.autoCloseAt ? (
            <Fact label={t('ticket.autoClose')}>{moscowDateTime(ticket.autoCloseAt)}</Fact>
          ) : null}
        </SimpleGrid>
      </Paper>
    </Stack>
  );
}
