import { type Category, SEVERITIES, type Severity } from '@contract/constants';
import type { Attachment } from '@contract/tickets';
import { Button, Group, Radio, Select, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiProblem } from '../api/client';
import { useOrganization } from '../api/hooks';
import { desk } from '../api/operations';
import { useWriteKey } from '../api/writeKey';
import { AttachmentPicker } from '../components/Attachments';
import { LoadingRows, ProblemAlert } from '../components/Feedback';
import { TextAreaField } from '../components/FormFields';
import { CategoryField, EntitlementNotice, SubjectField } from '../components/RequestFields';
import { moscowDateTime } from '../format';
import { useSignedIn } from '../session';
import { SuggestedArticles } from './SuggestedArticles';

/** Fields whose errors show next to them; any other problem shows above the button. */
const SHOWN_FIELDS = ['instanceId', 'severity', 'subject', 'description'];

export function NewRequest() {
  const { t } = useTranslation();
  const principal = useSignedIn();
  const navigate = useNavigate();
  const client = useQueryClient();
  const organization = useOrganization(principal.organizationId);
  const [instanceId, setInstanceId] = useState<string | null>(null);
  const [severity, setSeverity] = useState<Severity>('medium');
  const [category, setCategory] = useState<Category>('problem');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState(false);

  // Ask the desk before sending: the contact learns at once when a request would be refused, and why.
  const check = useQuery({
    queryKey: ['entitlement', instanceId],
    queryFn: () => desk.checkEntitlement({ instanceId: instanceId ?? '' }),
    enabled: Boolean(instanceId),
  });

  const writeKey = useWriteKey();
  const create = useMutation({
    mutationFn: () => {
      const request = {
        instanceId,
        severity,
        category,
        subject,
        description,
        attachmentIds: attachments.map((file) => file.id),
      };
      return desk.createTicket(request, writeKey.keyFor(request));
    },
    onSuccess: (ticket) => {
      writeKey.written();
      void client.invalidateQueries({ queryKey: ['tickets'] });
      notifications.show({
        color: 'green',
        message: t('newRequest.created', {
          number: ticket.number,
          due: moscowDateTime(ticket.responseDueAt),
        }),
      });
      navigate(`/requests/${ticket.id}`);
    },
  });
  const problem = create.error instanceof ApiProblem ? create.error : null;
  const fieldError = (field: string) => problem?.forField(field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  if (organization.isPending) return <LoadingRows rows={8} height={48} />;
  if (organization.isError)
    return <ProblemAlert error={organization.error} onRetry={() => organization.refetch()} />;

  return (
    <Stack maw={760}>
      <Title order={1} size="h2">
        {t('newRequest.title')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label={t('newRequest.instance')}
            placeholder={t('newRequest.instancePlaceholder')}
            required
            data={organization.data.instances.map((instance) => ({
              value: instance.id,
              label: `${instance.name} · ${t(`environments.${instance.environment}`)} · ${instance.version}`,
            }))}
            value={instanceId}
            onChange={setInstanceId}
            error={fieldError('instanceId')}
          />
          <EntitlementNotice decision={check.data} />
          <Radio.Group
            label={t('newRequest.severity')}
            required
            value={severity}
            onChange={(value) => setSeverity(value as Severity)}
            error={fieldError('severity')}
          >
            <Stack gap="xs" mt="xs">
              {SEVERITIES.map((value) => (
                <Radio
                  key={value}
                  value={value}
                  label={t(`severities.${value}`)}
                  description={t(`severityDefinitions.${value}`)}
                />
              ))}
            </Stack>
          </Radio.Group>
          <CategoryField value={category} onChange={setCategory} />
          <SubjectField value={subject} onChange={setSubject} error={fieldError('subject')} />
          <SuggestedArticles subject={subject} />
          <TextAreaField
            label={t('newRequest.description')}
            description={t('newRequest.descriptionHint')}
            required
            minRows={6}
            value={description}
            onChange={setDescription}
            error={fieldError('description')}
          />
          <AttachmentPicker value={attachments} onChange={setAttachments} onBusy={setUploading} />
          {create.error && !SHOWN_FIELDS.some((field) => fieldError(field)) ? (
            <ProblemAlert error={create.error} />
          ) : null}
          <Group>
            <Button
              type="submit"
              loading={create.isPending}
              disabled={uploading || check.data?.allowed === false}
            >
              {uploading ? t('newRequest.uploading') : t('newRequest.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
