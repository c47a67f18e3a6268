import type { Certificate, Contact } from '@contract/organizations';
import { Badge, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useOrganization } from '../../api/hooks';
import { LevelBadge } from '../../components/Badges';
import { DataTable } from '../../components/DataTable';
import { LoadingRows, ProblemAlert } from '../../components/Feedback';
import { TicketList } from '../../components/TicketList';
import { calendarDay } from '../../format';
import { can, useSignedIn } from '../../session';
import { CertificateDialog } from './CertificateDialog';
import { ContactDialog } from './ContactDialog';
import { InstanceDialog } from './InstanceDialog';
import { LicenseDialog } from './LicenseDialog';
import { OrganizationDialog } from './OrganizationDialog';

type Editing =
  | { kind: 'license' }
  | { kind: 'instance' }
  | { kind: 'certificate'; certificate: Certificate | null }
  | { kind: 'contact'; contact: Contact | null }
  | { kind: 'organization' }
  | null;

/** One customer: its licenses, instances, certificates and authorized contacts; administrators edit them. */
export function OrganizationPage() {
  const { t } = useTranslation();
  const { organizationId } = useParams();
  const principal = useSignedIn();
  const admin = can(principal, 'manageCustomers');
  const organization = useOrganization(organizationId);
  const [editing, setEditing] = useState<Editing>(null);
  if (organization.isPending) return <LoadingRows rows={6} />;
  if (organization.isError)
    return <ProblemAlert error={organization.error} onRetry={() => organization.refetch()} />;
  const data = organization.data;
  const instanceName = (id: string) => data.instances.find((instance) => instance.id === id)?.name ?? id;
  const addButton = (label: string, next: Editing) =>
    admin ? (
      <Button size="xs" variant="light" onClick={() => setEditing(next)}>
        {label}
      </Button>
    ) : null;
  const editButton = (next: Editing) =>
    admin ? (
      <Button key="edit" size="compact-xs" variant="subtle" onClick={() => setEditing(next)}>
        {t('common.edit')}
      </Button>
    ) : null;
  return (
    <Stack>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={1} size="h2">
            {data.name}
          </Title>
          {data.active ? null : (
            <Badge variant="outline" color="gray.8">
              {t('customers.former')}
            </Badge>
          )}
        </Group>
        {editButton({ kind: 'organization' })}
      </Group>
      <Text c="dimmed">
        {[
          data.inn ? `${t('customers.inn')}: ${data.inn}` : null,
          data.kpp ? `${t('customers.kpp')}: ${data.kpp}` : null,
          data.ogrn ? `${t('customers.ogrn')}: ${data.ogrn}` : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      <Tabs defaultValue="certificates" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="certificates">{t('customers.certificates')}</Tabs.Tab>
          <Tabs.Tab value="licenses">{t('customers.licenses')}</Tabs.Tab>
          <Tabs.Tab value="instances">{t('customers.instances')}</Tabs.Tab>
          <Tabs.Tab value="contacts">{t('customers.contacts')}</Tabs.Tab>
          <Tabs.Tab value="requests">{t('tools.organizationRequests')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="requests" pt="md">
          <TicketList
            filter={{ organizationId: data.id, sort: 'registeredAt', direction: 'desc' }}
            empty={t('requests.emptyFiltered')}
          />
        </Tabs.Panel>
        <Tabs.Panel value="certificates" pt="md">
          <Section action={addButton(t('common.add'), { kind: 'certificate', certificate: null })}>
            <Rows
              headers={[
                t('customers.number'),
                t('customers.level'),
                t('customers.validFrom'),
                t('customers.validTo'),
                t('customers.coveredInstances'),
                '',
              ]}
              rows={data.certificates.map((certificate) => [
                certificate.number,
                <LevelBadge key="level" level={certificate.level} />,
                calendarDay(certificate.validFrom),
                calendarDay(certificate.validTo),
                `${certificate.instanceIds.map(instanceName).join(', ') || t('common.none')} (${certificate.instanceIds.length}/${certificate.maxInstances})`,
                editButton({ kind: 'certificate', certificate }),
              ])}
            />
          </Section>
        </Tabs.Panel>
        <Tabs.Panel value="licenses" pt="md">
          <Section action={addButton(t('common.add'), { kind: 'license' })}>
            <Rows
              headers={[
                t('customers.number'),
                t('customers.products'),
                t('customers.validFrom'),
                t('customers.validTo'),
                t('customers.status'),
              ]}
              rows={data.licenses.map((license) => [
                license.number,
                license.products.map((product) => product.name).join(', '),
                calendarDay(license.validFrom),
                calendarDay(license.validTo),
                t(`validity.${license.status}`),
              ])}
            />
          </Section>
        </Tabs.Panel>
        <Tabs.Panel value="instances" pt="md">
          <Section action={addButton(t('common.add'), { kind: 'instance' })}>
            <Rows
              headers={[t('customers.name'), t('customers.environment'), t('customers.version')]}
              rows={data.instances.map((instance) => [
                instance.name,
                t(`environments.${instance.environment}`),
                instance.version,
              ])}
            />
          </Section>
        </Tabs.Panel>
        <Tabs.Panel value="contacts" pt="md">
          <Section action={addButton(t('common.add'), { kind: 'contact', contact: null })}>
            <Rows
              headers={[
                t('customers.name'),
                t('customers.email'),
                t('customers.phone'),
                t('customers.active'),
                t('customers.canSignIn'),
                '',
              ]}
              rows={data.contacts.map((contact) => [
                contact.erased ? (
                  <Badge key="erased" color="gray.8" variant="outline">
                    {t('customers.erased')}
                  </Badge>
                ) : (
                  contact.name
                ),
                contact.email,
                contact.phone ?? t('common.none'),
                <Badge key="active" color={contact.active ? 'green' : 'gray'} variant="light">
                  {contact.active ? t('common.yes') : t('common.no')}
                </Badge>,
                contact.canSignIn ? t('common.yes') : t('common.no'),
                contact.erased ? null : editButton({ kind: 'contact', contact }),
              ])}
            />
          </Section>
        </Tabs.Panel>
      </Tabs>
      {editing?.kind === 'organization' ? (
        <OrganizationDialog organization={data} opened onClose={() => setEditing(null)} />
      ) : null}
      {editing?.kind === 'license' ? (
        <LicenseDialog organization={data} onClose={() => setEditing(null)} />
      ) : null}
      {editing?.kind === 'instance' ? (
        <InstanceDialog organization={data} onClose={() => setEditing(null)} />
      ) : null}
      {editing?.kind === 'certificate' ? (
        <CertificateDialog
          organization={data}
          certificate={editing.certificate}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {editing?.kind === 'contact' ? (
        <ContactDialog organization={data} contact={editing.contact} onClose={() => setEditing(null)} />
      ) : null}
    </Stack>
  );
}

function Section({ action, children }: { action: ReactNode; children: ReactNode }) {
  return (
    <Stack gap="sm">
      {action ? <Group justify="flex-end">{action}</Group> : null}
      {children}
    </Stack>
  );
}

function Rows({ headers, rows }: { headers: string[]; rows: ReactNode[][] }) {
  const { t } = useTranslation();
  return (
    <DataTable
      headers={headers}
      rows={rows.map((cells, index) => ({ key: index, cells }))}
      empty={t('customers.nothing')}
      minWidth={640}
    />
  );
}
