import { Alert } from '@mantine/core';
import { useState } from 'react';
import { TextAreaField } from '../../components/FormFields';
import { ActionDialog } from '../ActionDialog';
import type { DialogProps } from './dialogProps';

export function TextActionDialog({
  opened,
  onClose,
  refresh,
  title,
  hint,
  label,
  field,
  send,
  required = false,
  ticket,
}: DialogProps & {
  title: string;
  hint?: string;
  label: string;
  field: string;
  /** The operation, given what was typed (nothing when the field is optional and left empty). */
  send: (text: string | undefined, version: number | undefined) => Promise<unknown>;
  required?: boolean;
}) {
  const [text, setText] = useState('');
  return (
    <ActionDialog
      title={title}
      opened={opened}
      onClose={onClose}
      submitLabel={title}
      refresh={refresh}
      fields={[field]}
      ticket={ticket}
      run={(version) => send(text.trim() || required ? text : undefined, version)}
      onDone={() => setText('')}
    >
      {(fieldError) => (
        <>
          {hint ? <Alert color="blue">{hint}</Alert> : null}
          <TextAreaField
            label={label}
            required={required}
            minRows={4}
            value={text}
            onChange={setText}
            error={fieldError(field)}
          />
        </>
      )}
    </ActionDialog>
  );
}
