import { Button, Group, Modal, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import { ProblemAlert } from '../components/Feedback';

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
}: {
  title: string;
  opened: boolean;
  onClose: () => void;
  submitLabel: string;
  run: () => Promise<unknown>;
  /** The fields this dialog shows, so a problem naming one of them appears beside it instead. */
  fields: string[];
  children: (fieldError: (field: string) => string | undefined) => ReactNode;
  refresh: unknown[][];
  onDone?: (result: unknown) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const action = useMutation({
    mutationFn: run,
    onSuccess: (result) => {
      for (const queryKey of refresh) void client.invalidateQueries({ queryKey });
      onClose();
      onDone?.(result);
    },
  });
  const problem = action.error instanceof ApiProblem ? action.error : null;
  const fieldError = (field: string) => problem?.forField(field);
  const unplaced = action.error && !fields.some((field) => fieldError(field));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    action.mutate();
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
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {children(fieldError)}
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
