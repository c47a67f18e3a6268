import type { Agent } from '@contract/agents';
import { MultiSelect, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganizations } from '../../api/hooks';
import { desk } from '../../api/operations';
import { Loaded } from '../../components/Feedback';
import { ActionDialog } from '../ActionDialog';

interface DialogProps {
  partner: Agent;
  onClose: () => void;
}

/** The customer organizations a partner engineer works for (§2.6), chosen from the desk's customers. */
export function PartnerOrganizationsDialog(props: DialogProps) {
  const assignment = useQuery({
    queryKey: ['partner-organizations', props.partner.id],
    queryFn: () => desk.getPartnerOrganizations(props.partner.id),
  });
  return (
    <Loaded query={assignment}>
      {(current) => <AssignmentForm {...props} initial={current.organizationIds} />}
    </Loaded>
  );
}

function AssignmentForm({ partner, onClose, initial }: DialogProps & { initial: string[] }) {
  const { t } = useTranslation();
  const organizations = useOrganizations();
  const [chosen, setChosen] = useState(initial);
  return (
    <ActionDialog
      title={t('team.organizationsOf', { name: partner.name })}
      opened
      onClose={onClose}
      submitLabel={t('common.save')}
      refresh={[['partner-organizations', partner.id]]}
      fields={['organizationIds']}
      run={() => desk.setPartnerOrganizations(partner.id, chosen)}
    >
      {(fieldError) => (
        <>
          <Text size="sm" c="dimmed">
            {t('team.organizationsHint')}
          </Text>
          <MultiSelect
            label={t('team.organizations')}
            data={(organizations.data ?? []).map((organization) => ({
              value: organization.id,
              label: organization.name,
            }))}
            value={chosen}
            onChange={setChosen}
            searchable
            clearable
            error={fieldError('organizationIds')}
            data-autofocus
          />
        </>
      )}
    </ActionDialog>
  );
}
