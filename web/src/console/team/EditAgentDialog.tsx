import type { TeamMember } from '@contract/agents';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk } from '../../api/operations';
import { TextField } from '../../components/FormFields';
import { ActionDialog } from '../ActionDialog';

/** An administrator corrects how a team member is named; a directory account takes its name from there. */
export function EditAgentDialog({ agent, onClose }: { agent: TeamMember; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(agent.name);
  return (
    <ActionDialog
      title={t('team.editOf', { name: agent.name })}
      opened
      onClose={onClose}
      submitLabel={t('common.save')}
      refresh={[['agents']]}
      fields={['name']}
      run={() => desk.updateAgent(agent.id, { name })}
    >
      {(fieldError) => (
        <TextField
          label={t('team.name')}
          required
          value={name}
          onChange={setName}
          error={fieldError('name')}
          data-autofocus
        />
      )}
    </ActionDialog>
  );
}
