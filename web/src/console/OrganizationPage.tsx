import type { Language, Level } from '@contract/constants';
import { ENVIRONMENTS, type Environment } from '@contract/constants';
import type { Certificate, Contact, OrganizationDetail } from '@contract/organizations';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  PasswordInput,
  Select,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useOrganization } from '../api/hooks';
import { desk } from '../api/operations';
import { LevelBadge } from '../components/Badges';
import { DataTable } from '../components/DataTable';
import { LoadingRows, ProblemAlert } from '../components/Feedback';
import { oneOf, PeriodFields, TextField } from '../components/FormFields';
import { ProductSelect, useProducts } from '../components/ProductSelect';
import { calendarDay } from '../format';
import { isAdmin, useSignedIn } from '../session';
import { ActionDialog } from './ActionDialog';

type Editing =
  | { kind: 'license' }
  | { kind: 'instance' }
  | { kind: 'certificate'; certificate: Certificate | null }
  | { kind: 'contact'; contact: Contact | null }
  | null;

/** One customer: its licenses, instances, certificates and authorized contacts; administrators edit them. */
export function OrganizationPage() {
  const { t } = useTranslation();
  const { organizationId } = useParams();
  const principal = useSignedIn();
  const admin = isAdmin(principal);
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
      <Title order={1} size="h2">
        {data.name}
      </Title>
      {data.inn ? <Text c="dimmed">{`${t('customers.inn')}: ${data.inn}`}</Text> : null}
      <Tabs defaultValue="certificates" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="certificates">{t('customers.certificates')}</Tabs.Tab>
          <Tabs.Tab value="licenses">{t('customers.licenses')}</Tabs.Tab>
          <Tabs.Tab value="instances">{t('customers.instances')}</Tabs.Tab>
          <Tabs.Tab value="contacts">{t('customers.contacts')}</Tabs.Tab>
        </Tabs.List>
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
                contact.name,
                contact.email,
                contact.phone ?? t('common.none'),
                <Badge key="active" color={contact.active ? 'green' : 'gray'} variant="light">
                  {contact.active ? t('common.yes') : t('common.no')}
                </Badge>,
                contact.canSignIn ? t('common.yes') : t('common.no'),
                editButton({ kind: 'contact', contact }),
              ])}
            />
          </Section>
        </Tabs.Panel>
      </Tabs>
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

interface EditorProps {
  organization: OrganizationDetail;
  onClose: () => void;
}

function LicenseDialog({ organization, onClose }: EditorProps) {
  const { t } = useTranslation();
  const products = useProducts();
  const [number, setNumber] = useState('');
  const [productIds, setProductIds] = useState<string[]>([]);
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  return (
    <ActionDialog
      title={t('customers.licenses')}
      opened
      onClose={onClose}
      submitLabel={t('common.create')}
      refresh={[['organization', organization.id]]}
      fields={['number', 'productIds', 'validFrom', 'validTo']}
      run={() =>
        desk.createLicense(organization.id, {
          number,
          productIds,
          validFrom,
          validTo: validTo || null,
        })
      }
    >
      {(fieldError) => (
        <>
          <TextField
            label={t('customers.number')}
            required
            value={number}
            onChange={setNumber}
            error={fieldError('number')}
          />
          <MultiSelect
            label={t('customers.products')}
            required
            data={(products.data ?? []).map((product) => ({ value: product.id, label: product.name }))}
            value={productIds}
            onChange={setProductIds}
            error={fieldError('productIds')}
          />
          <PeriodFields
            validFrom={validFrom}
            validTo={validTo}
            onValidFromChange={setValidFrom}
            onValidToChange={setValidTo}
            fieldError={fieldError}
            openEnded={true}
          />
        </>
      )}
    </ActionDialog>
  );
}

function InstanceDialog({ organization, onClose }: EditorProps) {
  const { t } = useTranslation();
  const [productId, setProductId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<Environment | null>('production');
  const [version, setVersion] = useState('');
  return (
    <ActionDialog
      title={t('customers.instances')}
      opened
      onClose={onClose}
      submitLabel={t('common.create')}
      refresh={[['organization', organization.id]]}
      fields={['productId', 'name', 'environment', 'version']}
      run={() =>
        desk.createInstance(organization.id, { productId: productId ?? '', name, environment, version })
      }
    >
      {(fieldError) => (
        <>
          <ProductSelect value={productId} onChange={setProductId} error={fieldError('productId')} />
          <TextField
            label={t('customers.name')}
            required
            value={name}
            onChange={setName}
            error={fieldError('name')}
          />
          <Select
            label={t('customers.environment')}
            required
            data={['production', 'test', 'development'].map((value) => ({
              value,
              label: t(`environments.${value}`),
            }))}
            value={environment}
            onChange={(value) => setEnvironment(oneOf(ENVIRONMENTS, value))}
            error={fieldError('environment')}
            allowDeselect={false}
          />
          <TextField
            label={t('customers.version')}
            required
            value={version}
            onChange={setVersion}
            error={fieldError('version')}
          />
        </>
      )}
    </ActionDialog>
  );
}

function CertificateDialog({
  organization,
  certificate,
  onClose,
}: EditorProps & { certificate: Certificate | null }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState(certificate?.number ?? '');
  const [level, setLevel] = useState<Level>(certificate?.level ?? 'standard');
  const [validFrom, setValidFrom] = useState(certificate?.validFrom ?? '');
  const [validTo, setValidTo] = useState(certificate?.validTo ?? '');
  const [maxInstances, setMaxInstances] = useState<number | string>(certificate?.maxInstances ?? 1);
  const [instanceIds, setInstanceIds] = useState<string[]>(certificate?.instanceIds ?? []);
  const body = { level, validFrom, validTo, maxInstances: Number(maxInstances), instanceIds };
  return (
    <ActionDialog
      title={certificate ? certificate.number : t('customers.certificates')}
      opened
      onClose={onClose}
      submitLabel={certificate ? t('common.save') : t('common.create')}
      refresh={[['organization', organization.id]]}
      fields={['number', 'level', 'validFrom', 'validTo', 'maxInstances', 'instanceIds']}
      run={() =>
        certificate
          ? desk.updateCertificate(certificate.id, body)
          : desk.createCertificate(organization.id, { ...body, number })
      }
    >
      {(fieldError) => (
        <>
          {certificate ? null : (
            <TextField
              label={t('customers.number')}
              required
              value={number}
              onChange={setNumber}
              error={fieldError('number')}
            />
          )}
          <Select
            label={t('customers.level')}
            data={(['standard', 'extended'] as const).map((value) => ({
              value,
              label: t(`levels.${value}`),
            }))}
            value={level}
            onChange={(value) => setLevel((value ?? 'standard') as Level)}
            error={fieldError('level')}
            allowDeselect={false}
          />
          <PeriodFields
            validFrom={validFrom}
            validTo={validTo}
            onValidFromChange={setValidFrom}
            onValidToChange={setValidTo}
            fieldError={fieldError}
            openEnded={false}
          />
          <NumberInput
            label={t('customers.maxInstances')}
            min={1}
            value={maxInstances}
            onChange={setMaxInstances}
            error={fieldError('maxInstances')}
          />
          <MultiSelect
            label={t('customers.coveredInstances')}
            data={organization.instances.map((instance) => ({ value: instance.id, label: instance.name }))}
            value={instanceIds}
            onChange={setInstanceIds}
            error={fieldError('instanceIds')}
          />
        </>
      )}
    </ActionDialog>
  );
}

function ContactDialog({ organization, contact, onClose }: EditorProps & { contact: Contact | null }) {
  const { t } = useTranslation();
  const [name, setName] = useState(contact?.name ?? '');
  const [email, setEmail] = useState(contact?.email ?? '');
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [language, setLanguage] = useState<Language>(contact?.language ?? 'ru');
  const [active, setActive] = useState(contact?.active ?? true);
  const [password, setPassword] = useState('');
  const body = {
    name,
    email,
    phone: phone.trim() || null,
    language,
    active,
    ...(password ? { password } : {}),
  };
  return (
    <ActionDialog
      title={contact ? contact.name : t('customers.contacts')}
      opened
      onClose={onClose}
      submitLabel={contact ? t('common.save') : t('common.create')}
      refresh={[['organization', organization.id]]}
      fields={['name', 'email', 'phone', 'language', 'password']}
      run={() => (contact ? desk.updateContact(contact.id, body) : desk.createContact(organization.id, body))}
    >
      {(fieldError) => (
        <>
          <TextField
            label={t('customers.name')}
            required
            value={name}
            onChange={setName}
            error={fieldError('name')}
          />
          <TextField
            label={t('customers.email')}
            type="email"
            required
            value={email}
            onChange={setEmail}
            error={fieldError('email')}
          />
          <TextField
            label={t('customers.phone')}
            description={t('common.optional')}
            value={phone}
            onChange={setPhone}
            error={fieldError('phone')}
          />
          <Select
            label={t('customers.language')}
            data={[
              { value: 'ru', label: 'Русский' },
              { value: 'en', label: 'English' },
            ]}
            value={language}
            onChange={(value) => setLanguage((value ?? 'ru') as Language)}
            allowDeselect={false}
          />
          <Checkbox
            label={t('customers.active')}
            checked={active}
            onChange={(event) => setActive(event.currentTarget.checked)}
          />
          <PasswordInput
            label={t('customers.password')}
            description={t('customers.passwordHint')}
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={fieldError('password')}
          />
        </>
      )}
    </ActionDialog>
  );
}
