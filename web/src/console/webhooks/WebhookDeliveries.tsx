import type { Webhook } from '@contract/webhooks';
import { Paper, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { desk } from '../../api/operations';
import { DataTable } from '../../components/DataTable';
import { Loaded } from '../../components/Feedback';
import { moscowDateTime } from '../../format';
import { DeliveryState, eventLabelKey } from './webhookLabels';

/** One endpoint's delivery log, newest first: each event, its attempts and the endpoint's last answer. */
export function WebhookDeliveries({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const deliveries = useQuery({
    queryKey: ['webhooks', webhook.id, 'deliveries'],
    queryFn: () => desk.listWebhookDeliveries(webhook.id),
    refetchInterval: 15_000,
  });
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-label={t('webhooks.deliveriesOf', { url: webhook.url })}
    >
      <Title order={2} size="h4" mb="sm">
        {t('webhooks.deliveriesOf', { url: webhook.url })}
      </Title>
      <Loaded query={deliveries}>
        {(rows) => (
          <DataTable
            empty={t('webhooks.noDeliveries')}
            headers={[
              t('webhooks.at'),
              t('webhooks.event'),
              t('webhooks.state'),
              t('webhooks.attempts'),
              t('webhooks.lastError'),
            ]}
            rows={rows.map((delivery) => ({
              key: delivery.id,
              cells: [
                moscowDateTime(delivery.lastAttemptAt ?? delivery.createdAt),
                t(eventLabelKey(delivery.eventType)),
                <DeliveryState key="state" state={delivery.state} status={delivery.responseStatus} />,
                delivery.attempts,
                <Text key="error" size="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
                  {delivery.lastError ?? ''}
                </Text>,
              ],
            }))}
          />
        )}
      </Loaded>
    </Paper>
  );
}
