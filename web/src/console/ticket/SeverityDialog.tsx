import { SEVERITIES } from '@contract/constants';
import { Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { TextAreaField } from '../../components/FormFields';
import { ActionDialog } from '../ActionDialog';
import type { DialogProps } from './dialogProps';

export function SeverityDialog({ ticket, opened, onClose, refresh }: DialogProps) {
  const { t } = useTranslation();
  const [severity, setSeverity] = useState<string | null>(ticket.severity);
  const [reason, setReason] = useState('');
  return (
    <ActionDialog
      title={t('console.changeSeverity')}
      opened={opened}
      onClose={onClose}
      submitLabel={t('common.save')}
      refresh={refresh}
      fields={['severity', 'reason']}
      run={() => post(`/tickets/${ticket.id}/severity`, { severity, reason })}
    >
      {(fieldError) => (
        <>
          <Select
            label={t('console.newSeverity')}
            data={SEVERITIES.map((value) => ({ value, label: t(`severities.${value}`) }))}
            value={severity}
            onChange={setSeverity}
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
