import { Alert, Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganization } from '../../api/hooks';
import { desk } from '../../api/operations';
import { ActionDialog } from '../ActionDialog';
import type { DialogProps } from './dialogProps';

export function InstanceDialog({ ticket, opened, onClose, refresh }: DialogProps) {
  const { t } = useTranslation();
  const organization = useOrganization(ticket.organizationId);
  const [instanceId, setInstanceId] = useState<string | null>(ticket.instanceId);
  return (
    <ActionDialog
      title={t('console.changeInstance')}
      opened={opened}
      onClose={onClose}
      submitLabel={t('common.save')}
      refresh={refresh}
      fields={['instanceId']}
      ticket={ticket}
      run={(version) => desk.changeTicketInstance(ticket.id, { instanceId: instanceId ?? '' }, version)}
    >
      {(fieldError) => (
        <>
          <Alert color="blue">{t('console.changeInstanceHint')}</Alert>
          <Select
            label={t('ticket.instance')}
            data={(organization.data?.instances ?? []).map((instance) => ({
              value: instance.id,
              label: `${instance.name} · ${t(`environments.${instance.environment}`)}`,
            }))}
            value={instanceId}
            onChange={setInstanceId}
            error={fieldError('instanceId')}
            allowDeselect={false}
          />
        </>
      )}
    </ActionDialog>
  );
}
