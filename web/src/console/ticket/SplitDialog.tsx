import { SEVERITIES, type Severity } from '@contract/constants';
import type { TicketSummary } from '@contract/tickets';
import { Button, Checkbox, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { desk } from '../../api/operations';
import { moscowDateTime } from '../../format';
import { ActionDialog } from '../ActionDialog';
import type { DialogProps } from './dialogProps';

interface Part {
  subject: string;
  severity: Severity;
  messageIds: string[];
}

export function SplitDialog({ ticket, opened, onClose, refresh }: DialogProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const blank = (): Part => ({ subject: '', severity: ticket.severity, messageIds: [] });
  const [parts, setParts] = useState<Part[]>([blank(), blank()]);
  const update = (index: number, change: Partial<Part>) =>
    setParts(parts.map((part, at) => (at === index ? { ...part, ...change } : part)));
  const fields = parts.flatMap((_, index) => [`parts.${index}.subject`, `parts.${index}.severity`]);
  return (
    <ActionDialog
      title={t('console.splitTitle')}
      opened={opened}
      onClose={onClose}
      submitLabel={t('console.split')}
      refresh={refresh}
      fields={fields}
      ticket={ticket}
      run={(version) => desk.splitTicket(ticket.id, { parts }, version)}
      onDone={(created) => {
        const [first] = created as TicketSummary[];
        setParts([blank(), blank()]);
        if (first) navigate(`/requests/${ticket.id}`);
      }}
    >
      {(fieldError) => (
        <>
          {parts.map((part, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts are positions in the form
            <Paper key={index} withBorder p="sm" data-testid="split-part">
              <Stack gap="xs">
                <Text fw={600} size="sm">
                  {t('console.part', { n: index + 1 })}
                </Text>
                <TextInput
                  label={t('requests.subject')}
                  required
                  value={part.subject}
                  onChange={(event) => update(index, { subject: event.currentTarget.value })}
                  error={fieldError(`parts.${index}.subject`)}
                />
                <Select
                  label={t('requests.severity')}
                  data={SEVERITIES.map((value) => ({ value, label: t(`severities.${value}`) }))}
                  value={part.severity}
                  onChange={(value) => update(index, { severity: (value ?? part.severity) as Severity })}
                  error={fieldError(`parts.${index}.severity`)}
                  allowDeselect={false}
                />
                {ticket.messages.length > 0 ? (
                  <Checkbox.Group
                    label={t('console.messagesOfPart')}
                    value={part.messageIds}
                    onChange={(messageIds) => update(index, { messageIds })}
                  >
                    <Stack gap={4} mt={4}>
                      {ticket.messages.map((message) => (
                        <Checkbox
                          key={message.id}
                          value={message.id}
                          label={`${moscowDateTime(message.createdAt)} · ${message.authorName}: ${message.body.slice(0, 80)}`}
                        />
                      ))}
                    </Stack>
                  </Checkbox.Group>
                ) : null}
              </Stack>
            </Paper>
          ))}
          <Group>
            <Button
              variant="subtle"
              onClick={() => setParts([...parts, blank()])}
              disabled={parts.length >= 20}
            >
              {t('console.addPart')}
            </Button>
            {parts.length > 1 ? (
              <Button variant="subtle" color="gray" onClick={() => setParts(parts.slice(0, -1))}>
                {t('common.remove')}
              </Button>
            ) : null}
          </Group>
        </>
      )}
    </ActionDialog>
  );
}
