import type { Organization } from '@contract/organizations';
import { Anchor, Button, Group, Stack, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useOrganizations } from '../api/hooks';
import { desk } from '../api/operations';
import { EmptyState, Loaded } from '../components/Feedback';
import { TextField } from '../components/FormFields';
import { isAdmin, useSignedIn } from '../session';
import { ActionDialog } from './ActionDialog';

export function Customers() {
  const { t } = useTranslation();
  const principal = useSignedIn();
  const organizations = useOrganizations();
  const [creating, setCreating] = useState(false);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('customers.title')}
        </Title>
        {isAdmin(principal) ? (
          <Button onClick={() => setCreating(true)}>{t('customers.newOrganization')}</Button>
        ) : null}
      </Group>
      <Loaded query={organizations}>
        {(data) =>
          data.length === 0 ? (
            <EmptyState>{t('customers.empty')}</EmptyState>
          ) : (
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('customers.name')}</Table.Th>
                  <Table.Th>{t('customers.inn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((organization) => (
                  <Table.Tr key={organization.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/customers/${organization.id}`}>
                        {organization.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{organization.inn ?? t('common.none')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </Loaded>
      <NewOrganization opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

function NewOrganization({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [inn, setInn] = useState('');
  return (
    <ActionDialog
      title={t('customers.newOrganization')}
      opened={opened}
      onClose={onClose}
      submitLabel={t('common.create')}
      refresh={[['organizations']]}
      fields={['name', 'inn']}
      run={() => desk.createOrganization({ name, inn: inn.trim() || null })}
      onDone={(created) => navigate(`/customers/${(created as Organization).id}`)}
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
        </>
      )}
    </ActionDialog>
  );
}
