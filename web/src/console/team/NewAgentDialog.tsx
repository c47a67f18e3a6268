import { AGENT_ROLES } from '@contract/constants';
import { Select, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk } from '../../api/operations';
import { TextField } from '../../components/FormFields';
import { ActionDialog } from '../ActionDialog';

/** A new administrator, agent or partner engineer; they are mailed an invitation to choose their password. */
export function NewAgentDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<string | null>('agent');
  return (
    <ActionDialog
      title={t('team.add')}
      opened
      onClose={onClose}
      submitLabel={t('common.create')}
      refresh={[['agents']]}
      fields={['name', 'email', 'role']}
      run={() => desk.createAgent({ name, email, role: role as 'agent' })}
    >
      {(fieldError) => (
        <>
          <TextField
            label={t('team.name')}
            required
            value={name}
            onChange={setName}
            error={fieldError('name')}
            data-autofocus
          />
          <TextField
            label={t('team.email')}
            required
            value={email}
            onChange={setEmail}
            error={fieldError('email')}
          />
          <Select
            label={t('team.role')}
            data={AGENT_ROLES.map((value) => ({ value, label: t(`team.roles.${value}`) }))}
            value={role}
            onChange={setRole}
            allowDeselect={false}
            error={fieldError('role')}
          />
          <Text size="sm" c="dimmed">
            {t('team.inviteHint')}
          </Text>
        </>
      )}
    </ActionDialog>
  );
}
