import type { Message } from '@contract/tickets';
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { moscowDateTime } from '../format';
import { AttachmentLinks } from './Attachments';
import { EmptyState } from './Feedback';

export function MessageCard({ message }: { message: Message }) {
  const { t } = useTranslation();
  const internal = message.visibility === 'internal';
  const fromSupport = message.authorType === 'agent';
  return (
    <Paper
      withBorder
      p="sm"
      bg={internal ? 'yellow.0' : fromSupport ? 'blue.0' : undefined}
      data-testid="message"
      data-visibility={message.visibility}
    >
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {message.authorName}
          </Text>
          {internal ? (
            <Badge size="xs" color="yellow">
              {t('ticket.noteBadge')}
            </Badge>
          ) : null}
          {message.mergedFrom ? (
            <Badge size="xs" color="grape" data-testid="merged-from">
              {t('ticket.mergedFrom', { number: message.mergedFrom.number })}
            </Badge>
          ) : null}
          {message.authorType === 'system' ? (
            <Badge size="xs" color="gray">
              {t('ticket.automatic')}
            </Badge>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          {moscowDateTime(message.createdAt)}
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {message.body}
      </Text>
      <AttachmentLinks attachments={message.attachments} />
    </Paper>
  );
}

export function Conversation({ messages }: { messages: Message[] }) {
  const { t } = useTranslation();
  if (messages.length === 0) return <EmptyState>{t('ticket.noMessages')}</EmptyState>;
  return (
    <Stack gap="sm">
      {messages.map((message) => (
        <MessageCard key={message.id} message={message} />
      ))}
    </Stack>
  );
}
