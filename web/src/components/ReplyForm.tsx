import type { Attachment } from '@contract/tickets';
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

/** A reply: to the customer or, for support, an internal note the customer never sees. */
export function ReplyForm({ ticketId, support }: { ticketId: string; support: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'internal'>('public');
  const [awaitCustomer, setAwaitCustomer] = useState(false);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState(false);
  const [pickerKey, setPickerKey] = useState(0);
  const writeKey = useWriteKey();
  const send = useMutation({
    mutationFn: () => {
      const message = {
        body,
        visibility,
        awaitCustomer: visibility === 'public' && awaitCustomer,
        attachmentIds: attachments.map((file) => file.id),
      };
      return desk.addTicketMessage(ticketId, message, writeKey.keyFor({ ticketId, message }));
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
    send.mutate();
  };
  const bodyError = send.error instanceof ApiProblem ? send.error.forField('body') : undefined;
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
          autosize
          minRows={4}
          value={body}
          onChange={setBody}
          error={bodyError}
        />
        <AttachmentPicker
          key={pickerKey}
          value={attachments}
          onChange={setAttachments}
          onBusy={setUploading}
        />
        {send.error && !bodyError ? <ProblemAlert error={send.error} /> : null}
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
