import type { CreatedWebhook, Webhook } from '@contract/webhooks';
import { WEBHOOK_EVENTS } from '@contract/webhooks';
import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  MultiSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { desk } from '../../api/operations';
import { DataTable } from '../../components/DataTable';
import { Loaded, ProblemAlert } from '../../components/Feedback';
import { moscowDateTime } from '../../format';
import { WebhookDeliveries } from './WebhookDeliveries';
import { DeliveryState, eventLabelKey } from './webhookLabels';

/** The endpoints of the vendor's own systems, what they hear, and how their deliveries went (admin). */
export function WebhooksPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const webhooks = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => desk.listWebhooks(),
    refetchInterval: 30_000,
  });
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [shown, setShown] = useState<Webhook | null>(null);
  const remove = useMutation({
    mutationFn: (webhookId: string) => desk.deleteWebhook(webhookId),
    onSuccess: (_, webhookId) => {
      if (shown?.id === webhookId) setShown(null);
      void client.invalidateQueries({ queryKey: ['webhooks'] });
    },
  });
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('webhooks.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('webhooks.hint')}
      </Text>
      <NewWebhook onCreated={setCreated} />
      {created ? (
        <Alert
          color="blue"
          title={t('webhooks.secretTitle')}
          withCloseButton
          onClose={() => setCreated(null)}
        >
          <Stack gap="xs">
            <Text size="sm">{t('webhooks.secretHint')}</Text>
            <Group gap="xs">
              <Code data-testid="webhook-secret">{created.secret}</Code>
              <CopyButton value={created.secret}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? t('webhooks.copied') : t('webhooks.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </Alert>
      ) : null}
      {remove.error ? <ProblemAlert error={remove.error} /> : null}
      <Loaded query={webhooks}>
        {(rows) => (
          <DataTable
            empty={t('webhooks.empty')}
            headers={[t('webhooks.url'), t('webhooks.eventsLabel'), t('webhooks.lastDelivery'), '']}
            rows={rows.map((webhook) => ({
              key: webhook.id,
              cells: [
                <Stack gap={0} key="url">
                  <Text size="sm" style={{ wordBreak: 'break-all' }}>
                    {webhook.url}
                  </Text>
                  {webhook.description ? (
                    <Text size="xs" c="dimmed">
                      {webhook.description}
                    </Text>
                  ) : null}
                </Stack>,
                <Group gap={4} key="events">
                  {webhook.events.map((event) => (
                    <Badge key={event} variant="outline" size="sm">
                      {t(eventLabelKey(event))}
                    </Badge>
                  ))}
                </Group>,
                webhook.lastDelivery ? (
                  <Stack gap={0} key="last">
                    <DeliveryState
                      state={webhook.lastDelivery.state}
                      status={webhook.lastDelivery.responseStatus}
                    />
                    <Text size="xs" c="dimmed">
                      {moscowDateTime(webhook.lastDelivery.at)}
                    </Text>
                  </Stack>
                ) : (
                  t('webhooks.none')
                ),
                <Group gap="xs" key="actions" wrap="nowrap">
                  <Button size="xs" variant="light" onClick={() => setShown(webhook)}>
                    {t('webhooks.deliveries')}
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    loading={remove.isPending && remove.variables === webhook.id}
                    onClick={() => {
                      if (window.confirm(t('webhooks.deleteConfirm', { url: webhook.url })))
                        remove.mutate(webhook.id);
                    }}
                  >
                    {t('webhooks.delete')}
                  </Button>
                </Group>,
              ],
            }))}
          />
        )}
      </Loaded>
      {shown ? <WebhookDeliveries webhook={shown} /> : null}
    </Stack>
  );
}

/** The form that registers an endpoint: its address, the events it takes, a note of what it is. */
function NewWebhook({ onCreated }: { onCreated: (created: CreatedWebhook) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [description, setDescription] = useState('');
  const create = useMutation({
    mutationFn: () => desk.createWebhook({ url, events: events as Webhook['events'], description }),
    onSuccess: (created) => {
      setUrl('');
      setEvents([]);
      setDescription('');
      onCreated(created);
      void client.invalidateQueries({ queryKey: ['webhooks'] });
    },
  });
  const fieldError = (field: string) =>
    create.error instanceof ApiProblem ? create.error.forField(field) : undefined;
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      aria-label={t('webhooks.add')}
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('webhooks.add')}
        </Title>
        <TextInput
          label={t('webhooks.url')}
          placeholder="https://crm.vendor.example/supportdesk"
          required
          value={url}
          onChange={(event) => setUrl(event.currentTarget.value)}
          error={fieldError('url')}
        />
        <MultiSelect
          label={t('webhooks.eventsLabel')}
          placeholder={events.length === 0 ? t('webhooks.chooseEvents') : undefined}
          required
          data={WEBHOOK_EVENTS.map((event) => ({ value: event, label: t(eventLabelKey(event)) }))}
          value={events}
          onChange={setEvents}
          error={fieldError('events')}
        />
        <TextInput
          label={t('webhooks.description')}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          error={fieldError('description')}
        />
        {create.error && !fieldError('url') && !fieldError('events') ? (
          <ProblemAlert error={create.error} />
        ) : null}
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('webhooks.create')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
