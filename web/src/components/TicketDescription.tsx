import type { Attachment } from '@contract/tickets';
import { Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AttachmentLinks } from './Attachments';

/** The request as the customer wrote it, line breaks kept, long words broken rather than overflowing. */
export function TicketDescription({ text, attachments }: { text: string; attachments: Attachment[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="description">
      <Title order={2} size="h5" id="description" mb="xs">
        {t('ticket.description')}
      </Title>
      <Paper withBorder p="sm">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {text}
        </Text>
        <AttachmentLinks attachments={attachments} />
      </Paper>
    </section>
  );
}
