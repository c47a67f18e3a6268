import { SEVERITIES, type Severity } from '@contract/constants';
import { Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk } from '../../api/operations';
import { oneOf, TextAreaField } from '../../components/FormFields';
import { ActionDialog } from '../ActionDialog';
import type { DialogProps } from './dialogProps';

export function SeverityDialog({ ticket, opened, onClose, refresh }: DialogProps) {
  const { t } = useTranslation();
  const [severity, setSeverity] = useState<Severity | null>(ticket.severity);
  const [reason, setReason] = useState('');
  return (
    <ActionDialog
      title={t('console.changeSeverity')}
      opened={opened}
      onClose={onClose}
      submitLabel={t('common.save')}
      refresh={refresh}
      fields={['severity', 'reason']}
      ticket={ticket}
      run={(version) => desk.changeTicketSeverity(ticket.id, { severity, reason }, version)}
    >
      {(fieldError) => (
        <>
          <Select
            label={t('console.newSeverity')}
            data={SEVERITIES.map((value) => ({ value, label: t(`severities.${value}`) }))}
            value={severity}
            onChange={(value) => setSeverity(oneOf(SEVERITIES, value))}
            error={fieldError('severity')}
            allowDeselect={false}
          />
          <TextAreaField
            label={t('console.reason')}
            required
            value={reason}
            onChange={setReason}
            error={fieldError('reason')}
          />
        </>
      )}
    </ActionDialog>
  );
}
