import { type Category, SEVERITIES, type Severity } from '@contract/constants';
import { moscowDateTimeLocal, moscowLocalToIso } from '@contract/moscowTime';
import { Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiProblem } from '../../api/client';
import { useOrganization, useOrganizations } from '../../api/hooks';
import { desk } from '../../api/operations';
import { browserNow } from '../../clock';
import { ProblemAlert } from '../../components/Feedback';
import { TextAreaField, TextField } from '../../components/FormFields';
import { CategoryField, EntitlementNotice, SubjectField } from '../../components/RequestFields';
import { moscowDateTime } from '../../format';

const SHOWN_FIELDS = ['contactId', 'instanceId', 'severity', 'subject', 'description', 'calledAt'];

/**
 * A request for an authorized contact who phoned: registered at the time of the call, which the agent
 * states (Moscow time), with the same entitlement check as every channel.
 */
export function PhoneRequest() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const organizations = useOrganizations();
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const organization = useOrganization(organizationId);
  const [contactId, setContactId] = useState<string | null>(null);
  const [instanceId, setInstanceId] = useState<string | null>(null);
  const [severity, setSeverity] = useState<Severity>('medium');
  const [category, setCategory] = useState<Category>('problem');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [calledAt, setCalledAt] = useState(() => moscowDateTimeLocal(browserNow()));

  const check = useQuery({
    queryKey: ['entitlement', contactId, instanceId, calledAt],
    queryFn: () =>
      desk.checkEntitlement({
        contactId,
        instanceId: instanceId ?? '',
        at: calledAt ? moscowLocalToIso(calledAt) : null,
      }),
    enabled: Boolean(contactId && instanceId && calledAt),
  });
  const create = useMutation({
    mutationFn: () =>
      desk.createPhoneRequest({
        contactId,
        instanceId,
        severity,
        category,
        subject,
        description,
        calledAt: calledAt ? moscowLocalToIso(calledAt) : '',
      }),
    onSuccess: (ticket) => {
      void client.invalidateQueries({ queryKey: ['tickets'] });
      notifications.show({
        color: 'green',
        message: t('newRequest.created', {
          number: ticket.number,
          due: moscowDateTime(ticket.responseDueAt),
        }),
      });
      navigate(`/requests/${ticket.number}`);
    },
  });
  const problem = create.error instanceof ApiProblem ? create.error : null;
  const fieldError = (field: string) => problem?.forField(field);
  const unplaced = create.error && !SHOWN_FIELDS.some((field) => fieldError(field));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const detail = organization.data;
  return (
    <Stack maw={760}>
      <Title order={1} size="h2">
        {t('tools.phoneRequest')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('tools.phoneHint')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label={t('console.organization')}
            required
            searchable
            data={(organizations.data ?? []).map((item) => ({ value: item.id, label: item.name }))}
            value={organizationId}
            onChange={(value) => {
              setOrganizationId(value);
              setContactId(null);
              setInstanceId(null);
            }}
          />
          <Group grow align="flex-start">
            <Select
              label={t('tools.caller')}
              required
              searchable
              disabled={!detail}
              data={(detail?.contacts ?? [])
                .filter((contact) => contact.active)
                .map((contact) => ({ value: contact.id, label: `${contact.name} · ${contact.email}` }))}
              value={contactId}
              onChange={setContactId}
              error={fieldError('contactId')}
            />
            <Select
              label={t('newRequest.instance')}
              required
              disabled={!detail}
              data={(detail?.instances ?? []).map((instance) => ({
                value: instance.id,
                label: `${instance.name} · ${t(`environments.${instance.environment}`)}`,
              }))}
              value={instanceId}
              onChange={setInstanceId}
              error={fieldError('instanceId')}
            />
          </Group>
          <TextField
            type="datetime-local"
            label={t('tools.calledAt')}
            description={t('tools.calledAtHint')}
            required
            value={calledAt}
            onChange={setCalledAt}
            error={fieldError('calledAt')}
          />
          <EntitlementNotice decision={check.data} />
          <Select
            label={t('newRequest.severity')}
            required
            data={SEVERITIES.map((value) => ({ value, label: t(`severities.${value}`) }))}
            value={severity}
            onChange={(value) => value && setSeverity(value as Severity)}
            error={fieldError('severity')}
          />
          <CategoryField value={category} onChange={setCategory} />
          <SubjectField value={subject} onChange={setSubject} error={fieldError('subject')} />
          <TextAreaField
            label={t('tools.callNotes')}
            required
            minRows={5}
            value={description}
            onChange={setDescription}
            error={fieldError('description')}
          />
          {unplaced ? <ProblemAlert error={create.error} /> : null}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              {t('tools.registerCall')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
