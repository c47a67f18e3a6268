import type { Language } from '@contract/constants';
import type { Contact } from '@contract/organizations';
import { Checkbox, Group, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk } from '../../api/operations';
import { TextField } from '../../components/FormFields';
import { SendLinkButton } from '../../components/SendLinkButton';
import { ActionDialog } from '../ActionDialog';
import { ContactPersonalData } from './ContactPersonalData';
import type { EditorProps } from './editorProps';

export function ContactDialog({ organization, contact, onClose }: EditorProps & { contact: Contact | null }) {
  const { t } = useTranslation();
  const [name, setName] = useState(contact?.name ?? '');
  const [email, setEmail] = useState(contact?.email ?? '');
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [language, setLanguage] = useState<Language>(contact?.language ?? 'ru');
  const [active, setActive] = useState(contact?.active ?? true);
  const body = {
    name,
    email,
    phone: phone.trim() || null,
    language,
    active,
  };
  return (
    <ActionDialog
      title={contact ? contact.name : t('customers.contacts')}
      opened
      onClose={onClose}
      submitLabel={contact ? t('common.save') : t('common.create')}
      refresh={[['organization', organization.id]]}
      fields={['name', 'email', 'phone', 'language']}
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
          {contact ? (
            <>
              <Group>
                <SendLinkButton name={contact.name} send={() => desk.inviteContact(contact.id)} />
              </Group>
              <ContactPersonalData contact={contact} onErased={onClose} />
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {t('customers.inviteHint')}
            </Text>
          )}
        </>
      )}
    </ActionDialog>
  );
}
