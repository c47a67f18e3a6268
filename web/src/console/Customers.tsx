import { Anchor, Badge, Button, Group, Stack, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOrganizations } from '../api/hooks';
import { EmptyState, Loaded } from '../components/Feedback';
import { ScrollRegion } from '../components/ScrollRegion';
import { can, useSignedIn } from '../session';
import { OrganizationDialog } from './organization/OrganizationDialog';

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
        {can(principal, 'manageCustomers') ? (
          <Button onClick={() => setCreating(true)}>{t('customers.newOrganization')}</Button>
        ) : null}
      </Group>
      <Loaded query={organizations}>
        {(data) =>
          data.length === 0 ? (
            <EmptyState>{t('customers.empty')}</EmptyState>
          ) : (
            <ScrollRegion>
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
                        {organization.active ? null : (
                          <Badge ml="xs" size="xs" variant="outline" color="gray.8">
                            {t('customers.former')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{organization.inn ?? t('common.none')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollRegion>
          )
        }
      </Loaded>
      {creating ? <OrganizationDialog organization={null} opened onClose={() => setCreating(false)} /> : null}
    </Stack>
  );
}
