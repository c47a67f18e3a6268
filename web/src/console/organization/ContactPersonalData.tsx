import type { Contact } from '@contract/organizations';
import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { desk } from '../../api/operations';
import { ProblemAlert } from '../../components/Feedback';

/**
 * A contact's personal data under 152-FZ, for administrators: everything held as one JSON file, and the
 * erasure of a departed contact, confirmed by typing their address.
 */
export function ContactPersonalData({ contact, onErased }: { contact: Contact; onErased: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const erase = useMutation({
    mutationFn: () => desk.eraseContact(contact.id, { email: typed }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['organization', contact.organizationId] });
      onErased();
    },
  });
  const problem = erase.error instanceof ApiProblem ? erase.error : null;
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {t('customers.personalData')}
      </Text>
      <Group gap="xs">
        <Anchor href={`/api/v1/contacts/${contact.id}/personal-data`} download size="sm">
          {t('customers.exportData')}
        </Anchor>
        {confirming ? null : (
          <Button size="xs" variant="default" color="red" onClick={() => setConfirming(true)}>
            {t('customers.eraseData')}
          </Button>
        )}
      </Group>
      {confirming ? (
        <Stack gap="xs">
          <Text size="sm">{t('customers.eraseHint', { email: contact.email })}</Text>
          <TextInput
            label={t('customers.eraseConfirm')}
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            error={problem?.forField('email')}
          />
          <Group gap="xs">
            <Button size="xs" color="red" loading={erase.isPending} onClick={() => erase.mutate()}>
              {t('customers.eraseData')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
          </Group>
          {erase.error && !problem?.forField('email') ? <ProblemAlert error={erase.error} /> : null}
        </Stack>
      ) : null}
    </Stack>
  );
}
