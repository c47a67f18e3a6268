import type { SupportTicketDetail } from '@contract/tickets';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import { ProblemAlert } from '../components/Feedback';
import { ChangedSince, isStaleChange, useSeenTicket } from '../components/StaleChange';

/**
 * A dialog that runs one action of the desk: the fields are the caller's, the submit, the errors next to
 * fields (or above the buttons when no shown field is named) and the refresh afterwards are shared.
 */
export function ActionDialog({
  title,
  opened,
  onClose,
  submitLabel,
  run,
  fields,
  children,
  refresh,
  onDone,
  ticket,
}: {
  title: string;
  opened: boolean;
  onClose: () => void;
  submitLabel: string;
  /** The action, made on the version of the request (`ticket`) seen when the dialog opened. */
  run: (version?: number) => Promise<unknown>;
  /** The fields this dialog shows, so a problem naming one of them appears beside it instead. */
  fields: string[];
  children: (fieldError: (field: string) => string | undefined) => ReactNode;
  refresh: unknown[][];
  onDone?: (result: unknown) => void;
  /** The request the action changes: a change someone made to it meanwhile is shown, not overwritten. */
  ticket?: SupportTicketDetail;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const seen = useSeenTicket(ticket, opened);
  const action = useMutation({
    mutationFn: (version: number | undefined) => run(version),
    onError: (error) => {
      if (isStaleChange(error)) void client.invalidateQueries({ queryKey: ['ticket'] });
    },
    onSuccess: (result) => {
      for (const queryKey of refresh) void client.invalidateQueries({ queryKey });
      onClose();
      onDone?.(result);
    },
  });
  const problem = action.error instanceof ApiProblem ? action.error : null;
  const fieldError = (field: string) => problem?.forField(field);
  const stale = ticket && seen.seen && isStaleChange(action.error);
  const unplaced = action.error && !stale && !fields.some((field) => fieldError(field));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    action.mutate(seen.version);
  };
  return (
    <Modal
      opened={opened}
      onClose={() => {
        action.reset();
        onClose();
      }}
      title={title}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.cancel') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {children(fieldError)}
          {stale && seen.seen ? (
            <ChangedSince
              before={seen.seen}
              after={ticket}
              proceedLabel={t('stale.applyAnyway')}
              onProceed={() => {
                seen.acceptLatest();
                action.mutate(ticket.version);
              }}
              onReview={() => {
                seen.acceptLatest();
                action.reset();
                onClose();
              }}
            />
          ) : null}
          {unplaced ? <ProblemAlert error={action.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={action.isPending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
