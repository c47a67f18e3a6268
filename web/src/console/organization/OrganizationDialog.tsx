import type { Organization } from '@contract/organizations';
import { Alert, Checkbox, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { desk } from '../../api/operations';
import { TextField } from '../../components/FormFields';
import { ActionDialog } from '../ActionDialog';

/** A new customer, or a customer's name and registry numbers changed; a customer made a former one and back. */
export function OrganizationDialog({
  organization,
  opened,
  onClose,
}: {
  organization: Organization | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState(organization?.name ?? '');
  const [inn, setInn] = useState(organization?.inn ?? '');
  const [kpp, setKpp] = useState(organization?.kpp ?? '');
  const [ogrn, setOgrn] = useState(organization?.ogrn ?? '');
  const [active, setActive] = useState(organization?.active ?? true);
  const numbers = { inn: inn.trim() || null, kpp: kpp.trim() || null, ogrn: ogrn.trim() || null };
  return (
    <ActionDialog
      title={organization ? t('customers.editOrganization') : t('customers.newOrganization')}
      opened={opened}
      onClose={onClose}
      submitLabel={organization ? t('tools.save') : t('common.create')}
      refresh={[['organizations'], ['organization']]}
      fields={['name', 'inn', 'kpp', 'ogrn']}
      run={() =>
        organization
          ? desk.updateOrganization(organization.id, { name, ...numbers, active })
          : desk.createOrganization({ name, ...numbers })
      }
      onDone={(saved) => {
        if (!organization) navigate(`/customers/${(saved as Organization).id}`);
      }}
    >
      {(fieldError) => (
        <>
          <TextField
            label={t('customers.name')}
            required
            value={name}
            onChange={setName}
            error={fieldError('name')}
            data-autofocus
          />
          <TextField
            label={t('customers.inn')}
            description={t('common.optional')}
            value={inn}
            onChange={setInn}
            error={fieldError('inn')}
          />
          <Group grow align="flex-start">
            <TextField
              label={t('customers.kpp')}
              description={t('common.optional')}
              value={kpp}
              onChange={setKpp}
              error={fieldError('kpp')}
            />
            <TextField
              label={t('customers.ogrn')}
              description={t('common.optional')}
              value={ogrn}
              onChange={setOgrn}
              error={fieldError('ogrn')}
            />
          </Group>
          {organization ? (
            <>
              <Checkbox
                label={t('customers.formerCustomer')}
                checked={!active}
                onChange={(event) => setActive(!event.currentTarget.checked)}
              />
              {organization.active && !active ? (
                <Alert color="orange">{t('customers.formerCustomerHint')}</Alert>
              ) : null}
            </>
          ) : null}
        </>
      )}
    </ActionDialog>
  );
}
