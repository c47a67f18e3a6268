import type { Agent, TeamMember } from '@contract/agents';
import { AGENT_ROLES } from '@contract/constants';
import { Badge, Button, Group, Select, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgents } from '../../api/hooks';
import { desk } from '../../api/operations';
import { Loaded, ProblemAlert } from '../../components/Feedback';
import { ScrollRegion } from '../../components/ScrollRegion';
import { SendLinkButton } from '../../components/SendLinkButton';
import { useSignedIn } from '../../session';
import { EditAgentDialog } from './EditAgentDialog';
import { NewAgentDialog } from './NewAgentDialog';
import { PartnerOrganizationsDialog } from './PartnerOrganizationsDialog';

/** The support team, for administrators: roles, who may work, new people; a deactivation ends their sessions at once. */
export function TeamPage() {
  const { t } = useTranslation();
  const principal = useSignedIn();
  const client = useQueryClient();
  const agents = useAgents();
  const [adding, setAdding] = useState(false);
  const [partner, setPartner] = useState<Agent | null>(null);
  const [editing, setEditing] = useState<TeamMember | null>(null);
  const change = useMutation({
    mutationFn: ({ agent, ...body }: { agent: Agent; role?: Agent['role']; active?: boolean }) =>
      desk.updateAgent(agent.id, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['agents'] }),
  });
  const resetFactor = useMutation({
    mutationFn: (agentId: string) => desk.resetAgentSecondFactor(agentId),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['agents'] }),
  });
  const unlockFactor = useMutation({
    mutationFn: (agentId: string) => desk.unlockAgentSecondFactor(agentId),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['agents'] }),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('team.title')}
        </Title>
        <Button onClick={() => setAdding(true)}>{t('team.add')}</Button>
      </Group>
      <StaffSecondFactorRule />
      {change.error ? <ProblemAlert error={change.error} /> : null}
      {resetFactor.error ? <ProblemAlert error={resetFactor.error} /> : null}
      <Loaded query={agents}>
        {(list) => (
          <ScrollRegion>
            <Table striped data-testid="team-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('team.name')}</Table.Th>
                  <Table.Th>{t('team.role')}</Table.Th>
                  <Table.Th>{t('team.active')}</Table.Th>
                  <Table.Th>{t('team.access')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((agent) => (
                  <Table.Tr key={agent.id} data-agent={agent.email}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {agent.name}
                        {agent.id === principal.id ? (
                          <Badge ml="xs" size="xs" variant="outline" color="gray.8">
                            {t('team.you')}
                          </Badge>
                        ) : null}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {agent.email}
                        {agent.secondFactor ? (
                          <Badge ml="xs" size="xs" variant="outline" color="teal.9">
                            {t('team.twoFactorOn')}
                          </Badge>
                        ) : null}
                        {agent.secondFactorLocked ? (
                          <Badge ml="xs" size="xs" variant="outline" color="red.9">
                            {t('team.twoFactorLocked')}
                          </Badge>
                        ) : null}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={t('team.roleOf', { name: agent.name })}
                        data={AGENT_ROLES.map((role) => ({ value: role, label: t(`team.roles.${role}`) }))}
                        value={agent.role}
                        onChange={(role) => role && change.mutate({ agent, role: role as Agent['role'] })}
                        allowDeselect={false}
                        w={200}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        aria-label={t('team.activeOf', { name: agent.name })}
                        checked={agent.active}
                        onChange={(event) => change.mutate({ agent, active: event.currentTarget.checked })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        {agent.active && agent.id !== principal.id && !agent.directory ? (
                          <SendLinkButton name={agent.name} send={() => desk.inviteAgent(agent.id)} />
                        ) : null}
                        {agent.secondFactorLocked ? (
                          <Button
                            variant="default"
                            size="xs"
                            aria-label={t('team.unlockTwoFactorOf', { name: agent.name })}
                            onClick={() => unlockFactor.mutate(agent.id)}
                          >
                            {t('team.unlockTwoFactor')}
                          </Button>
                        ) : null}
                        {agent.secondFactor && agent.id !== principal.id ? (
                          <Button
                            variant="default"
                            size="xs"
                            aria-label={t('team.resetTwoFactorOf', { name: agent.name })}
                            onClick={() => resetFactor.mutate(agent.id)}
                          >
                            {t('team.resetTwoFactor')}
                          </Button>
                        ) : null}
                        {agent.directory ? null : (
                          <Button
                            variant="default"
                            size="xs"
                            aria-label={t('team.editOf', { name: agent.name })}
                            onClick={() => setEditing(agent)}
                          >
                            {t('common.edit')}
                          </Button>
                        )}
                        {agent.role === 'partner' ? (
                          <Button
                            variant="default"
                            size="xs"
                            aria-label={t('team.organizationsOf', { name: agent.name })}
                            onClick={() => setPartner(agent)}
                          >
                            {t('team.organizations')}
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollRegion>
        )}
      </Loaded>
      {adding ? <NewAgentDialog onClose={() => setAdding(false)} /> : null}
      {editing ? <EditAgentDialog agent={editing} onClose={() => setEditing(null)} /> : null}
      {partner ? <PartnerOrganizationsDialog partner={partner} onClose={() => setPartner(null)} /> : null}
    </Stack>
  );
}

/** The desk-wide rule that staff sign in with an authenticator; an administrator enrols their own first. */
function StaffSecondFactorRule() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: ['security-settings'], queryFn: () => desk.getSecuritySettings() });
  const update = useMutation({
    mutationFn: (required: boolean) => desk.updateSecuritySettings({ staffSecondFactorRequired: required }),
    onSuccess: (saved) => client.setQueryData(['security-settings'], saved),
  });
  return (
    <Stack gap={4}>
      <Switch
        label={t('team.requireTwoFactor')}
        description={t('team.requireTwoFactorHint')}
        checked={settings.data?.staffSecondFactorRequired ?? false}
        disabled={!settings.data}
        onChange={(event) => update.mutate(event.currentTarget.checked)}
      />
      {update.error ? <ProblemAlert error={update.error} /> : null}
    </Stack>
  );
}
