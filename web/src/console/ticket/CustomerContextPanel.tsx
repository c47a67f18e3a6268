import type { CustomerContext } from '@contract/customerContext';
import type { SupportTicketDetail } from '@contract/tickets';
import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { desk } from '../../api/operations';
import { StatusBadge } from '../../components/Badges';
import { Loaded } from '../../components/Feedback';
import { calendarDay } from '../../format';

/** Dark shades on outline badges: readable small text (WCAG AA). */
/** A badge shows its whole word: the line wraps rather than cut it. */
const NO_WRAP = { minWidth: 'max-content' } as const;
const VALIDITY_COLOR = { active: 'teal.9', upcoming: 'blue.9', expired: 'red.9' } as const;

function RequestLines({ title, lines }: { title: string; lines: CustomerContext['openRequests'] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="xs" fw={600} c="dimmed">
        {title}
      </Text>
      {lines.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('tools.none')}
        </Text>
      ) : (
        lines.map((line) => (
          <Group key={line.id} gap="xs" wrap="nowrap">
            <Anchor
              component={Link}
              to={`/requests/${line.number}`}
              size="sm"
              style={{ whiteSpace: 'nowrap' }}
            >
              {line.number}
            </Anchor>
            <StatusBadge status={line.status} />
            <Text size="sm" lineClamp={1} title={line.subject}>
              {line.subject}
            </Text>
          </Group>
        ))
      )}
    </Stack>
  );
}

/** Who the customer is, beside their request: what they hold, what else they asked, how they write. */
export function CustomerContextPanel({ ticket }: { ticket: SupportTicketDetail }) {
  const { t } = useTranslation();
  const context = useQuery({
    queryKey: ['customer-context', ticket.id],
    queryFn: () => desk.getCustomerContext(ticket.id),
  });
  return (
    <Paper withBorder p="sm" data-testid="customer-context">
      <Title order={2} size="h6" mb="xs">
        {t('tools.customerContext')}
      </Title>
      <Loaded query={context} rows={3}>
        {(data) => (
          <Stack gap="sm">
            <Anchor component={Link} to={`/customers/${data.organization.id}`} fw={600} size="sm">
              {data.organization.name}
            </Anchor>
            <Stack gap={4}>
              {data.certificates.map((certificate) => (
                <Group key={certificate.id} gap={6} wrap="wrap">
                  <Text
                    size="sm"
                    fw={certificate.coversThisRequest ? 600 : 400}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {certificate.number}
                  </Text>
                  <Badge size="xs" variant="outline" color="gray.8" style={NO_WRAP}>
                    {t(`levels.${certificate.level}`)}
                  </Badge>
                  <Badge
                    size="xs"
                    variant="outline"
                    color={VALIDITY_COLOR[certificate.status]}
                    style={NO_WRAP}
                  >
                    {t(`validity.${certificate.status}`)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {t('tools.validTo', { date: calendarDay(certificate.validTo) })}
                  </Text>
                </Group>
              ))}
            </Stack>
            <RequestLines title={t('tools.openRequests')} lines={data.openRequests} />
            <RequestLines title={t('tools.recentRequests')} lines={data.recentRequests} />
            <Stack gap={2}>
              <Text size="xs" fw={600} c="dimmed">
                {t('tools.contact')}
              </Text>
              {data.contact ? (
                <ContactFacts contact={data.contact} />
              ) : (
                <Anchor href={`mailto:${ticket.requesterEmail ?? ''}`} size="sm">
                  {ticket.requesterEmail}
                </Anchor>
              )}
            </Stack>
          </Stack>
        )}
      </Loaded>
    </Paper>
  );
}

/** The request's contact as support reaches them. */
function ContactFacts({ contact }: { contact: NonNullable<CustomerContext['contact']> }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm">
        {contact.name}
        {contact.active ? '' : ` · ${t('tools.inactive')}`}
      </Text>
      <Anchor href={`mailto:${contact.email}`} size="sm">
        {contact.email}
      </Anchor>
      {contact.phone ? (
        <Anchor href={`tel:${contact.phone}`} size="sm">
          {contact.phone}
        </Anchor>
      ) : null}
      <Text size="sm">
        {contact.telegramLinked ? t('tools.telegramLinked') : t('tools.telegramNotLinked')}
      </Text>
      <Text size="xs" c="dimmed">
        {contact.requestsByChannel
          .map((line) => `${t(`channels.${line.channel}`)}: ${line.count}`)
          .join(' · ')}
      </Text>
    </>
  );
}
