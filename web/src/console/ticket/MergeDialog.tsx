import { TICKET_NUMBER_PATTERN } from '@contract/constants';
import { Alert, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk } from '../../api/operations';
import { TextField } from '../../components/FormFields';
import { ActionDialog } from '../ActionDialog';
import type { DialogProps } from './dialogProps';

/** Merges this request, a duplicate, into the original the agent names by its number. */
export function MergeDialog({ ticket, opened, onClose, refresh }: DialogProps) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const typed = number.trim().toUpperCase();
  const original = useQuery({
    queryKey: ['ticket', typed],
    queryFn: () => desk.getTicketByNumber(typed),
    enabled: opened && TICKET_NUMBER_PATTERN.test(typed),
    retry: false,
  });
  return (
    <ActionDialog
      title={t('tools.merge')}
      opened={opened}
      onClose={onClose}
      submitLabel={t('tools.mergeSubmit')}
      refresh={refresh}
      fields={['intoTicketId']}
      ticket={ticket}
      run={(version) =>
        desk.mergeTicket(
          ticket.id,
          { intoTicketId: original.data?.id ?? null, intoVersion: original.data?.version },
          version,
        )
      }
      onDone={() => setNumber('')}
    >
      {(fieldError) => (
        <>
          <Alert color="blue">{t('tools.mergeHint', { number: ticket.number })}</Alert>
          <TextField
            label={t('tools.mergeInto')}
            placeholder="SD-2026-00001"
            value={number}
            onChange={setNumber}
            error={fieldError('intoTicketId') ?? (original.isError ? t('common.notFound') : undefined)}
            data-autofocus
          />
          {original.data ? (
            <Text size="sm" data-testid="merge-target">
              {original.data.number} · {original.data.subject}
            </Text>
          ) : null}
        </>
      )}
    </ActionDialog>
  );
}
