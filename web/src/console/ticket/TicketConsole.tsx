import type { TicketOperation } from '@contract/constants';
import type { SupportTicketDetail } from '@contract/tickets';
import { Button, Grid, Group, Menu, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk } from '../../api/operations';
import { ReplyForm } from '../../components/ReplyForm';
import { RequestLinks } from '../../components/RequestLinks';
import { GivenRating } from '../../components/Satisfaction';
import { TicketDescription } from '../../components/TicketDescription';
import { TicketHeader } from '../../components/TicketHeader';
import { AssignSelect } from './AssignSelect';
import { CustomerContextPanel } from './CustomerContextPanel';
import { InstanceDialog } from './InstanceDialog';
import { MacroDialog } from './MacroDialog';
import { MergeDialog } from './MergeDialog';
import { PresenceBar, usePresence } from './Presence';
import { RemoteSessionDialog, RemoteSessions } from './RemoteSessions';
import { SeverityDialog } from './SeverityDialog';
import { SplitDialog } from './SplitDialog';
import { TextActionDialog } from './TextActionDialog';
import { TicketTags } from './TicketTags';
import { TicketTimeline } from './TicketTimeline';
import { WorklogPanel } from './WorklogPanel';

type Dialog =
  | 'severity'
  | 'instance'
  | 'split'
  | 'info'
  | 'resolve'
  | 'close'
  | 'scope'
  | 'remote'
  | 'macro'
  | 'merge'
  | null;

/** The agent's view: the timeline, reply and note, and every action the policy gives support. */
export function TicketConsole({ ticket, fetchedAt }: { ticket: SupportTicketDetail; fetchedAt: number }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  // Each opening mounts its dialog afresh, so that what it starts from (the severity, the instance, the
  // parts of a split) is the request as it is now, not as it was when the page first opened.
  const [opening, setOpening] = useState(0);
  const open = (next: Exclude<Dialog, null>) => {
    setOpening((count) => count + 1);
    setDialog(next);
  };
  const close = () => setDialog(null);
  // Every open request, by id or by number, and the lists: a change (a split) may touch several.
  const refresh = [['ticket'], ['tickets'], ['customer-context'], ['views'], ['worklog']];
  const may = (action: TicketOperation) => ticket.allowedActions.includes(action);
  const menu: { action: TicketOperation; dialog: Exclude<Dialog, null>; label: string }[] = [
    { action: 'changeSeverity', dialog: 'severity', label: t('console.changeSeverity') },
    { action: 'changeInstance', dialog: 'instance', label: t('console.changeInstance') },
    { action: 'split', dialog: 'split', label: t('console.split') },
    { action: 'requestInfo', dialog: 'info', label: t('console.requestInfo') },
    { action: 'resolve', dialog: 'resolve', label: t('console.resolve') },
    { action: 'close', dialog: 'close', label: t('console.close') },
    { action: 'markOutOfScope', dialog: 'scope', label: t('console.outOfScope') },
    { action: 'logRemoteSession', dialog: 'remote', label: t('console.logRemoteSession') },
    { action: 'applyMacro', dialog: 'macro', label: t('tools.applyMacro') },
    { action: 'merge', dialog: 'merge', label: t('tools.merge') },
  ];
  const offered = menu.filter((item) => may(item.action));
  const presence = usePresence(ticket.id);
  return (
    <Stack gap="lg">
      <TicketHeader
        ticket={ticket}
        fetchedAt={fetchedAt}
        actions={
          <Group gap="xs">
            <AssignSelect ticket={ticket} />
            {offered.length > 0 ? (
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button variant="light">{t('console.actions')}</Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {offered.map((item) => (
                    <Menu.Item key={item.action} onClick={() => open(item.dialog)}>
                      {item.label}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </Group>
        }
      />
      <TicketTags ticket={ticket} />
      <PresenceBar people={presence.people} />
      <RequestLinks ticket={ticket} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack>
            <TicketDescription text={ticket.description} attachments={ticket.descriptionAttachments} />
            <Title order={2} size="h5">
              {t('console.timeline')}
            </Title>
            <TicketTimeline ticket={ticket} />
            {may('applyMacro') ? (
              <Group>
                <Button variant="light" size="xs" onClick={() => open('macro')}>
                  {t('tools.applyMacro')}
                </Button>
              </Group>
            ) : null}
            {may('reply') || may('addNote') ? (
              <ReplyForm ticket={ticket} support onTyping={presence.typing} />
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            {ticket.sla ? (
              <Paper withBorder p="sm">
                <Title order={2} size="h6" mb="xs">
                  {t('sla.explanation')}
                </Title>
                <Stack gap={4} data-testid="sla-explanation">
                  {ticket.sla.explanation.map((line) => (
                    <Text key={line} size="sm">
                      {line}
                    </Text>
                  ))}
                </Stack>
              </Paper>
            ) : null}
            <CustomerContextPanel ticket={ticket} />
            {ticket.satisfaction ? (
              <Paper withBorder p="sm" component="section" aria-label={t('satisfaction.title')}>
                <Text size="sm" fw={600} mb={4}>
                  {t('satisfaction.title')}
                </Text>
                <GivenRating satisfaction={ticket.satisfaction} />
              </Paper>
            ) : null}
            <WorklogPanel ticket={ticket} />
            <RemoteSessions ticket={ticket} />
          </Stack>
        </Grid.Col>
      </Grid>
      <SeverityDialog
        key={opening}
        ticket={ticket}
        opened={dialog === 'severity'}
        onClose={close}
        refresh={refresh}
      />
      <InstanceDialog
        key={opening}
        ticket={ticket}
        opened={dialog === 'instance'}
        onClose={close}
        refresh={refresh}
      />
      <SplitDialog
        key={opening}
        ticket={ticket}
        opened={dialog === 'split'}
        onClose={close}
        refresh={refresh}
      />
      <MacroDialog
        key={opening}
        ticket={ticket}
        opened={dialog === 'info'}
        onClose={close}
        refresh={refresh}
        initialPurpose="info_request"
      />
      <TextActionDialog
        key={opening}
        opened={dialog === 'resolve'}
        onClose={close}
        refresh={refresh}
        title={t('console.resolve')}
        label={t('console.resolution')}
        field="body"
        required
        ticket={ticket}
        send={(text, version) => desk.resolveTicket(ticket.id, { body: text ?? '' }, version)}
      />
      <TextActionDialog
        key={opening}
        opened={dialog === 'close'}
        onClose={close}
        refresh={refresh}
        title={t('console.close')}
        label={t('console.closeReason')}
        field="reason"
        ticket={ticket}
        send={(text, version) =>
          desk.closeTicket(ticket.id, text === undefined ? {} : { reason: text }, version)
        }
      />
      <MacroDialog
        key={opening}
        ticket={ticket}
        opened={dialog === 'scope'}
        onClose={close}
        refresh={refresh}
        initialPurpose="out_of_scope"
      />
      <MacroDialog
        key={opening}
        ticket={ticket}
        opened={dialog === 'macro'}
        onClose={close}
        refresh={refresh}
      />
      <MergeDialog
        key={opening}
        ticket={ticket}
        opened={dialog === 'merge'}
        onClose={close}
        refresh={refresh}
      />
      <RemoteSessionDialog
        key={opening}
        ticket={ticket}
        opened={dialog === 'remote'}
        onClose={close}
        refresh={refresh}
      />
    </Stack>
  );
}
