import type { TicketOperation } from '@contract/constants';
import type { CustomerTicketDetail } from '@contract/tickets';
import { Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk } from '../api/operations';
import { Conversation } from '../components/Conversation';
import { ProblemAlert } from '../components/Feedback';
import { ReplyForm } from '../components/ReplyForm';
import { RequestLinks } from '../components/RequestLinks';
import { RatingForm } from '../components/Satisfaction';
import { TicketDescription } from '../components/TicketDescription';
import { TicketHeader } from '../components/TicketHeader';

/** The customer's view of a request: the conversation, a reply, and reopening or closing it. */
export function RequestPage({ ticket, fetchedAt }: { ticket: CustomerTicketDetail; fetchedAt: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const act = useMutation({
    mutationFn: (action: 'reopen' | 'close') =>
      action === 'reopen' ? desk.reopenTicket(ticket.id) : desk.closeTicket(ticket.id, {}),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['ticket'] });
      void client.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
  const may = (action: TicketOperation) => ticket.allowedActions.includes(action);
  return (
    <Stack gap="lg" maw={960}>
      <TicketHeader
        ticket={ticket}
        fetchedAt={fetchedAt}
        actions={
          <Group gap="xs">
            {may('reopen') ? (
              <Button variant="light" onClick={() => act.mutate('reopen')} loading={act.isPending}>
                {t('ticket.reopen')}
              </Button>
            ) : null}
            {may('close') ? (
              <Button variant="subtle" color="gray" onClick={() => setConfirming(true)}>
                {t('ticket.closeRequest')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('ticket.closeConfirmTitle')}>
        <Stack>
          <Text size="sm">{t('ticket.closeConfirmText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={act.isPending}
              onClick={() => act.mutate('close', { onSettled: () => setConfirming(false) })}
            >
              {t('ticket.closeConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {act.error ? <ProblemAlert error={act.error} /> : null}
      <RequestLinks ticket={ticket} />
      <TicketDescription text={ticket.description} attachments={ticket.descriptionAttachments} />
      <section aria-labelledby="conversation">
        <Title order={2} size="h5" id="conversation" mb="xs">
          {t('ticket.conversation')}
        </Title>
        <Conversation messages={ticket.messages} />
      </section>
      {ticket.satisfaction ? <RatingForm ticketId={ticket.id} satisfaction={ticket.satisfaction} /> : null}
      {may('reply') ? <ReplyForm ticket={ticket} support={false} /> : null}
    </Stack>
  );
}
