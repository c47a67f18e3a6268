import type { Attachment, TicketDetail } from '@contract/tickets';
import { Button, Checkbox, Group, SegmentedControl, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import { desk } from '../api/operations';
import { useWriteKey } from '../api/writeKey';
import { TextAreaField } from '../components/FormFields';
import { AttachmentPicker } from './Attachments';
import { ProblemAlert } from './Feedback';
import { ChangedSince, isStaleChange, useSeenTicket } from './StaleChange';

/**
 * A reply: to the customer or, for support, an internal note the customer never sees. Support's reply
 * is sent on the version of the request the agent saw when they began typing: if someone changed it
 * since, the form shows what changed and asks before sending; the draft stays until it is sent.
 */
export function ReplyForm({
  ticket,
  support,
  onTyping,
}: {
  ticket: TicketDetail;
  support: boolean;
  /** Told on each keystroke, so that others see the agent typing. */
  onTyping?: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const ticketId = ticket.id;
  const [body, setBody] = useState('');
  const seen = useSeenTicket(ticket, support && body.trim() !== '');
  const [visibility, setVisibility] = useState<'public' | 'internal'>('public');
  const [awaitCustomer, setAwaitCustomer] = useState(false);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState(false);
  const [pickerKey, setPickerKey] = useState(0);
  const writeKey = useWriteKey();
  const send = useMutation({
    mutationFn: (version: number | undefined) => {
      const message = {
        body,
        visibility,
        awaitCustomer: visibility === 'public' && awaitCustomer,
        attachmentIds: attachments.map((file) => file.id),
      };
      return desk.addTicketMessage(ticketId, message, writeKey.keyFor({ ticketId, message }), version);
    },
    onError: (error) => {
      if (isStaleChange(error)) void client.invalidateQueries({ queryKey: ['ticket'] });
    },
    onSuccess: () => {
      writeKey.written();
      setBody('');
      setAttachments([]);
      setAwaitCustomer(false);
      setPickerKey((key) => key + 1);
      notifications.show({ color: 'green', message: t('ticket.replySent') });
      void client.invalidateQueries({ queryKey: ['ticket'] });
      void client.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate(support ? seen.version : undefined);
  };
  const bodyError = send.error instanceof ApiProblem ? send.error.forField('body') : undefined;
  const stale = isStaleChange(send.error);
  return (
    <form onSubmit={submit} noValidate aria-label={t('ticket.reply')}>
      <Stack gap="sm">
        {support ? (
          <SegmentedControl
            value={visibility}
            onChange={(value) => setVisibility(value as 'public' | 'internal')}
            data={[
              { value: 'public', label: t('ticket.publicReply') },
              { value: 'internal', label: t('ticket.internalNote') },
            ]}
            maw={420}
          />
        ) : null}
        <TextAreaField
          label={visibility === 'internal' ? t('ticket.internalNote') : t('ticket.reply')}
          placeholder={t('ticket.replyPlaceholder')}
          minRows={4}
          value={body}
          onChange={(value) => {
            setBody(value);
            onTyping?.();
          }}
          error={bodyError}
        />
        <AttachmentPicker
          key={pickerKey}
          value={attachments}
          onChange={setAttachments}
          onBusy={setUploading}
        />
        {stale ? (
          <ChangedSince
            before={seen.seen}
            after={ticket}
            proceedLabel={t('stale.sendAnyway')}
            onProceed={() => {
              seen.acceptLatest();
              // Sent on the version now shown, whose changes the agent has just been shown.
              send.mutate(ticket.version);
            }}
            onReview={() => {
              seen.acceptLatest();
              send.reset();
            }}
          />
        ) : send.error && !bodyError ? (
          <ProblemAlert error={send.error} />
        ) : null}
        <Group justify="space-between">
          {support && visibility === 'public' ? (
            <Checkbox
              label={t('ticket.awaitCustomer')}
              checked={awaitCustomer}
              onChange={(event) => setAwaitCustomer(event.currentTarget.checked)}
            />
          ) : (
            <span />
          )}
          <Button type="submit" loading={send.isPending} disabled={uploading || body.trim() === ''}>
            {t('ticket.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
