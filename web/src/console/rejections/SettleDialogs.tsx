import { SEVERITIES, type Severity } from '@contract/constants';
import type { IntakeRejection } from '@contract/intake';
import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganizations } from '../../api/hooks';
import { desk } from '../../api/operations';
import { oneOf, TextField } from '../../components/FormFields';
import { ActionDialog } from '../ActionDialog';

interface SettleProps {
  rejection: IntakeRejection;
  opened: boolean;
  onClose: () => void;
}

function OrganizationSelect({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const organizations = useOrganizations();
  return (
    <Select
      label={t('console.customer')}
      required
      searchable
      data={(organizations.data ?? []).map((organization) => ({
        value: organization.id,
        label: organization.name,
      }))}
      value={value}
      onChange={onChange}
    />
  );
}

/** Registers the refused request for a known contact: the customer, the contact, the instance, the severity. */
export function RegisterRefusedDialog({ rejection, opened, onClose }: SettleProps) {
  const { t } = useTranslation();
  const [organizationId, setOrganizationId] = useState<string | null>(rejection.organizationId);
  const [contactId, setContactId] = useState<string | null>(rejection.contactId);
  const [instanceId, setInstanceId] = useState<string | null>(rejection.instanceId);
  const [severity, setSeverity] = useState<Severity>(oneOf(SEVERITIES, rejection.severity) ?? 'medium');
  const organization = useQuery({
    queryKey: ['organization', organizationId],
    queryFn: () => desk.getOrganization(organizationId ?? ''),
    enabled: opened && organizationId !== null,
  });
  return (
    <ActionDialog
      title={t('rejections.register')}
      opened={opened}
      onClose={onClose}
      submitLabel={t('rejections.registerSubmit')}
      refresh={[['rejections'], ['tickets']]}
      fields={['contactId', 'instanceId', 'severity']}
      run={() =>
        desk.registerRefusedRequest(rejection.id, {
          contactId: contactId ?? '',
          instanceId: instanceId ?? '',
          severity,
        })
      }
    >
      {(fieldError) => (
        <>
          <OrganizationSelect
            value={organizationId}
            onChange={(value) => {
              setOrganizationId(value);
              setContactId(null);
              setInstanceId(null);
            }}
          />
          <Select
            label={t('ticket.contact')}
            required
            data={(organization.data?.contacts ?? [])
              .filter((contact) => contact.active)
              .map((contact) => ({ value: contact.id, label: `${contact.name} <${contact.email}>` }))}
            value={contactId}
            onChange={setContactId}
            error={fieldError('contactId')}
          />
          <Select
            label={t('ticket.instance')}
            required
            data={(organization.data?.instances ?? []).map((instance) => ({
              value: instance.id,
              label: instance.name,
            }))}
            value={instanceId}
            onChange={setInstanceId}
            error={fieldError('instanceId')}
          />
          <Select
            label={t('requests.severity')}
            data={SEVERITIES.map((value) => ({ value, label: t(`severities.${value}`) }))}
            value={severity}
            onChange={(value) => setSeverity(oneOf(SEVERITIES, value) ?? severity)}
            allowDeselect={false}
            error={fieldError('severity')}
          />
        </>
      )}
    </ActionDialog>
  );
}

/** Adds the refused mail's sender as a contact of a customer, who is then invited to the portal. */
export function AddSenderDialog({ rejection, opened, onClose }: SettleProps) {
  const { t } = useTranslation();
  const [organizationId, setOrganizationId] = useState<string | null>(rejection.organizationId);
  const [name, setName] = useState('');
  return (
    <ActionDialog
      title={t('rejections.addSender', { sender: rejection.sender ?? '' })}
      opened={opened}
      onClose={onClose}
      submitLabel={t('rejections.addSenderSubmit')}
      refresh={[['rejections'], ['organization']]}
      fields={['organizationId', 'name', 'email']}
      run={() => desk.addRefusedSender(rejection.id, { organizationId: organizationId ?? '', name })}
    >
      {(fieldError) => (
        <>
          <OrganizationSelect value={organizationId} onChange={setOrganizationId} />
          <TextField
            label={t('rejections.senderName')}
            required
            value={name}
            onChange={setName}
            error={fieldError('name')}
          />
        </>
      )}
    </ActionDialog>
  );
}
