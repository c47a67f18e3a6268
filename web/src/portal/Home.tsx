import { OPEN_STATUSES } from '@contract/constants';
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOrganization } from '../api/hooks';
import { LevelBadge } from '../components/Badges';
import { Loaded } from '../components/Feedback';
import { TicketList } from '../components/TicketList';
import { calendarDay } from '../format';
import { useSignedIn } from '../session';

export function Home() {
  const { t } = useTranslation();
  const principal = useSignedIn();
  const organization = useOrganization(principal.organizationId);
  const instanceName = (id: string) =>
    organization.data?.instances.find((instance) => instance.id === id)?.name ?? id;

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('home.title', { organization: organization.data?.name ?? '' })}
        </Title>
        <Button component={Link} to="/requests/new">
          {t('nav.newRequest')}
        </Button>
      </Group>
      <section aria-labelledby="certificates">
        <Title order={2} size="h4" id="certificates" mb="sm">
          {t('home.certificates')}
        </Title>
        <Loaded query={organization} rows={2} height={110}>
          {(data) =>
            data.certificates.length === 0 ? (
              <Text c="dimmed">{t('home.noCertificates')}</Text>
            ) : (
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                {data.certificates.map((certificate) => (
                  <Card key={certificate.id} withBorder data-testid="certificate">
                    <Group justify="space-between" mb="xs">
                      <Text fw={600}>{certificate.number}</Text>
                      <LevelBadge level={certificate.level} />
                    </Group>
                    <Text size="sm">
                      {t('home.validity', {
                        from: calendarDay(certificate.validFrom),
                        to: calendarDay(certificate.validTo),
                      })}{' '}
                      · {t(`validity.${certificate.status}`)} ·{' '}
                      {t('home.maxInstances', { count: certificate.maxInstances })}
                    </Text>
                    <Text size="sm" c="dimmed" mt="xs">
                      {t('home.instances')}:{' '}
                      {certificate.instanceIds.map(instanceName).join(', ') || t('common.none')}
                    </Text>
                  </Card>
                ))}
              </SimpleGrid>
            )
          }
        </Loaded>
      </section>
      <section aria-labelledby="open-requests">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="open-requests">
            {t('home.openRequests')}
          </Title>
          <Anchor component={Link} to="/requests">
            {t('home.allRequests')}
          </Anchor>
        </Group>
        <TicketList filter={{ status: [...OPEN_STATUSES] }} empty={t('home.noOpenRequests')} />
      </section>
    </Stack>
  );
}
