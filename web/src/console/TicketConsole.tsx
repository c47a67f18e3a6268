import type { TicketOperation } from '@contract/constants';
import { SEVERITIES, type Severity } from '@contract/constants';
import { moscowDateTimeLocal, moscowLocalToIso } from '@contract/moscowTime';
import type { TicketDetail, TicketSummary } from '@contract/tickets';
import {
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  Menu,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { post } from '../api/client';
import { useAgents, useOrganization } from '../api/hooks';
import { MessageCard } from '../components/Conversation';
import { ProblemAlert } from '../components/Feedback';
import { ReplyForm } from '../components/ReplyForm';
import { TicketDescription } from '../components/TicketDescription';
import { TicketHeader } from '../components/TicketHeader';
import { moscowDateTime } from '../format';
import { RequestLinks } from '../portal/RequestPage';
import { ActionDialog } from './ActionDialog';

type Dialog = 'severity' | 'instance' | 'split' | 'info' | 'resolve' | 'close' | 'scope' | 'remote' | null;

/** The agent's view: the timeline, reply and note, and every action the policy gives support. */
export function TicketConsole({ ticket, fetchedAt }: { ticket: TicketDetail; fetchedAt: number }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const refresh = [['ticket', ticket.id], ['tickets']];
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
  ];
  const offered = menu.filter((item) => may(item.action));
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
                    <Menu.Item key={item.action} onClick={() => setDialog(item.dialog)}>
                      {item.label}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </Group>
        }
      />
      <RequestLinks ticket={ticket} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack>
            <TicketDescription text={ticket.description} />
            <Title order={2} size="h5">
              {t('console.timeline')}
            </Title>
            <TicketTimeline ticket={ticket} />
            {may('reply') || may('addNote') ? <ReplyForm ticketId={ticket.id} support /> : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
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
            <RemoteSessions ticket={ticket} />
          </Stack>
        </Grid.Col>
      </Grid>
      <SeverityDialog ticket={ticket} opened={dialog === 'severity'} onClose={close} refresh={refresh} />
      <InstanceDialog ticket={ticket} opened={dialog === 'instance'} onClose={close} refresh={refresh} />
      <SplitDialog ticket={ticket} opened={dialog === 'split'} onClose={close} refresh={refresh} />
      <TextActionDialog
        opened={dialog === 'info'}
        onClose={close}
        refresh={refresh}
        title={t('console.requestInfo')}
        hint={t('console.requestInfoHint')}
        label={t('console.extraText')}
        field="body"
        path={`/tickets/${ticket.id}/info-request`}
      />
      <TextActionDialog
        opened={dialog === 'resolve'}
        onClose={close}
        refresh={refresh}
        title={t('console.resolve')}
        label={t('console.resolution')}
        field="body"
        required
        path={`/tickets/${ticket.id}/resolve`}
      />
      <TextActionDialog
        opened={dialog === 'close'}
        onClose={close}
        refresh={refresh}
        title={t('console.close')}
        label={t('console.closeReason')}
        field="reason"
        path={`/tickets/${ticket.id}/close`}
      />
      <TextActionDialog
        opened={dialog === 'scope'}
        onClose={close}
        refresh={refresh}
        title={t('console.outOfScope')}
        hint={t('console.outOfScopeHint')}
        label={t('console.note')}
        field="note"
        path={`/tickets/${ticket.id}/out-of-scope`}
      />
      <RemoteSessionDialog ticket={ticket} opened={dialog === 'remote'} onClose={close} refresh={refresh} />
    </Stack>
  );
}

function AssignSelect({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const agents = useAgents();
  const assign = useMutation({
    mutationFn: (assigneeId: string | null) => post(`/tickets/${ticket.id}/assignee`, { assigneeId }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['ticket', ticket.id] });
      void client.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
  return (
    <Stack gap={2}>
      <Select
        aria-label={t('console.assignee')}
        placeholder={t('console.unassigned')}
        data={(agents.data ?? [])
          .filter((agent) => agent.active)
          .map((agent) => ({ value: agent.id, label: agent.name }))}
        value={ticket.assigneeId}
        onChange={(value) => assign.mutate(value)}
        clearable
        w={220}
        disabled={!ticket.allowedActions.includes('assign')}
      />
      {assign.error ? <ProblemAlert error={assign.error} /> : null}
    </Stack>
  );
}

/** Messages and changes in one line of time, oldest first. */
function TicketTimeline({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const changes = ticket.history
    .filter((event) => event.action === 'create' || describeChange(event.before, event.after, t))
    .map((event) => ({ at: event.at, kind: 'change' as const, event }));
  const messages = ticket.messages.map((message) => ({
    at: message.createdAt,
    kind: 'message' as const,
    message,
  }));
  const items = [...changes, ...messages].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.kind === 'change' ? -1 : 1,
  );
  return (
    <Timeline bulletSize={14} lineWidth={2}>
      {items.map((item) =>
        item.kind === 'message' ? (
          <Timeline.Item key={`m${item.message.id}`}>
            <MessageCard message={item.message} />
          </Timeline.Item>
        ) : (
          <Timeline.Item key={`c${item.at}${item.event.actor}`} color="gray">
            <Text size="sm" data-testid="history-event">
              {item.event.action === 'create'
                ? t('console.created')
                : describeChange(item.event.before, item.event.after, t)}
            </Text>
            <Text size="xs" c="dimmed">
              {moscowDateTime(item.at)} · {item.event.actor}
              {typeof item.event.after?.reason === 'string' ? ` · ${item.event.after.reason}` : ''}
            </Text>
          </Timeline.Item>
        ),
      )}
    </Timeline>
  );
}

function describeChange(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  t: (key: string, options?: Record<string, unknown>) => string,
): string | null {
  if (!after) return null;
  const parts: string[] = [];
  if (typeof after.severity === 'string' && typeof before?.severity === 'string') {
    parts.push(
      t('console.severityChanged', {
        from: t(`severities.${before.severity}`),
        to: t(`severities.${after.severity}`),
      }),
    );
  }
  if (typeof after.status === 'string' && typeof before?.status === 'string') {
    parts.push(
      t('console.statusChanged', { from: t(`statuses.${before.status}`), to: t(`statuses.${after.status}`) }),
    );
  }
  if ('assigneeId' in after) parts.push(t('console.assigned'));
  return parts.length ? parts.join('; ') : null;
}

function SeverityDialog({ ticket, opened, onClose, refresh }: DialogProps) {
  const { t } = useTranslation();
  const [severity, setSeverity] = useState<string | null>(ticket.severity);
  const [reason, setReason] = useState('');
  return (
    <ActionDialog
      title={t('console.changeSeverity')}
      opened={opened}
      onClose={onClose}
      submitLabel={t('common.save')}
      refresh={refresh}
      fields={['severity', 'reason']}
      run={() => post(`/tickets/${ticket.id}/severity`, { severity, reason })}
    >
      {(fieldError) => (
        <>
          <Select
            label={t('console.newSeverity')}
            data={SEVERITIES.map((value) => ({ value, label: t(`severities.${value}`) }))}
            value={severity}
            onChange={setSeverity}
            error={fieldError('severity')}
            allowDeselect={false}
          />
          <Textarea
            label={t('console.reason')}
            required
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={fieldError('reason')}
          />
        </>
      )}
    </ActionDialog>
  );
}

function InstanceDialog({ ticket, opened, onClose, refresh }: DialogProps) {
  const { t } = useTranslation();
  const organization = useOrganization(ticket.organizationId);
  const [instanceId, setInstanceId] = useState<string | null>(ticket.instanceId);
  return (
    <ActionDialog
      title={t('console.changeInstance')}
      opened={opened}
      onClose={onClose}
      submitLabel={t('common.save')}
      refresh={refresh}
      fields={['instanceId']}
      run={() => post(`/tickets/${ticket.id}/instance`, { instanceId })}
    >
      {(fieldError) => (
        <>
          <Alert color="blue">{t('console.changeInstanceHint')}</Alert>
          <Select
            label={t('ticket.instance')}
            data={(organization.data?.instances ?? []).map((instance) => ({
              value: instance.id,
              label: `${instance.name} · ${t(`environments.${instance.environment}`)}`,
            }))}
            value={instanceId}
            onChange={setInstanceId}
            error={fieldError('instanceId')}
            allowDeselect={false}
          />
        </>
      )}
    </ActionDialog>
  );
}

interface DialogProps {
  ticket: TicketDetail;
  opened: boolean;
  onClose: () => void;
  refresh: unknown[][];
}

interface Part {
  subject: string;
  severity: Severity;
  messageIds: string[];
}

function SplitDialog({ ticket, opened, onClose, refresh }: DialogProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const blank = (): Part => ({ subject: '', severity: ticket.severity, messageIds: [] });
  const [parts, setParts] = useState<Part[]>([blank(), blank()]);
  const update = (index: number, change: Partial<Part>) =>
    setParts(parts.map((part, at) => (at === index ? { ...part, ...change } : part)));
  const fields = parts.flatMap((_, index) => [`parts.${index}.subject`, `parts.${index}.severity`]);
  return (
    <ActionDialog
      title={t('console.splitTitle')}
      opened={opened}
      onClose={onClose}
      submitLabel={t('console.split')}
      refresh={refresh}
      fields={fields}
      run={() => post<TicketSummary[]>(`/tickets/${ticket.id}/split`, { parts })}
      onDone={(created) => {
        const [first] = created as TicketSummary[];
        setParts([blank(), blank()]);
        if (first) navigate(`/requests/${ticket.id}`);
      }}
    >
      {(fieldError) => (
        <>
          {parts.map((part, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts are positions in the form
            <Paper key={index} withBorder p="sm" data-testid="split-part">
              <Stack gap="xs">
                <Text fw={600} size="sm">
                  {t('console.part', { n: index + 1 })}
                </Text>
                <TextInput
                  label={t('requests.subject')}
                  required
                  value={part.subject}
                  onChange={(event) => update(index, { subject: event.currentTarget.value })}
                  error={fieldError(`parts.${index}.subject`)}
                />
                <Select
                  label={t('requests.severity')}
                  data={SEVERITIES.map((value) => ({ value, label: t(`severities.${value}`) }))}
                  value={part.severity}
                  onChange={(value) => update(index, { severity: (value ?? part.severity) as Severity })}
                  error={fieldError(`parts.${index}.severity`)}
                  allowDeselect={false}
                />
                {ticket.messages.length > 0 ? (
                  <Checkbox.Group
                    label={t('console.messagesOfPart')}
                    value={part.messageIds}
                    onChange={(messageIds) => update(index, { messageIds })}
                  >
                    <Stack gap={4} mt={4}>
                      {ticket.messages.map((message) => (
                        <Checkbox
                          key={message.id}
                          value={message.id}
                          label={`${moscowDateTime(message.createdAt)} · ${message.authorName}: ${message.body.slice(0, 80)}`}
                        />
                      ))}
                    </Stack>
                  </Checkbox.Group>
                ) : null}
              </Stack>
            </Paper>
          ))}
          <Group>
            <Button
              variant="subtle"
              onClick={() => setParts([...parts, blank()])}
              disabled={parts.length >= 20}
            >
              {t('console.addPart')}
            </Button>
            {parts.length > 1 ? (
              <Button variant="subtle" color="gray" onClick={() => setParts(parts.slice(0, -1))}>
                {t('common.remove')}
              </Button>
            ) : null}
          </Group>
        </>
      )}
    </ActionDialog>
  );
}

function TextActionDialog({
  opened,
  onClose,
  refresh,
  title,
  hint,
  label,
  field,
  path,
  required = false,
}: Omit<DialogProps, 'ticket'> & {
  title: string;
  hint?: string;
  label: string;
  field: string;
  path: string;
  required?: boolean;
}) {
  const [text, setText] = useState('');
  return (
    <ActionDialog
      title={title}
      opened={opened}
      onClose={onClose}
      submitLabel={title}
      refresh={refresh}
      fields={[field]}
      run={() => post(path, text.trim() || required ? { [field]: text } : {})}
      onDone={() => setText('')}
    >
      {(fieldError) => (
        <>
          {hint ? <Alert color="blue">{hint}</Alert> : null}
          <Textarea
            label={label}
            required={required}
            autosize
            minRows={4}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            error={fieldError(field)}
          />
        </>
      )}
    </ActionDialog>
  );
}

function RemoteSessions({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const agents = useAgents();
  const nameOf = (id: string) => agents.data?.find((agent) => agent.id === id)?.name ?? id;
  return (
    <Paper withBorder p="sm">
      <Title order={2} size="h6" mb="xs">
        {t('console.remoteSessions')}
      </Title>
      {ticket.level !== 'extended' ? (
        <Text size="sm" c="dimmed">
          {t('console.remoteOnlyExtended')}
        </Text>
      ) : ticket.remoteSessions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('console.noRemoteSessions')}
        </Text>
      ) : (
        <Stack gap="xs">
          {ticket.remoteSessions.map((session) => (
            <div key={session.id}>
              <Text size="sm" fw={500}>
                {moscowDateTime(session.startedAt)} · {session.durationMinutes} min ·{' '}
                {nameOf(session.engineerId)}
              </Text>
              <Text size="sm">{session.outcome}</Text>
              <Text size="sm" c="dimmed">
                {session.recommendations}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/** Now in Moscow, as the datetime-local input shows it. */
const moscowNowLocal = () => moscowDateTimeLocal(new Date());

function RemoteSessionDialog({ ticket, opened, onClose, refresh }: DialogProps) {
  const { t } = useTranslation();
  const [startedAt, setStartedAt] = useState(moscowNowLocal);
  const [durationMinutes, setDuration] = useState<number | string>(30);
  const [outcome, setOutcome] = useState('');
  const [recommendations, setRecommendations] = useState('');
  return (
    <ActionDialog
      title={t('console.logRemoteSession')}
      opened={opened}
      onClose={onClose}
      submitLabel={t('common.save')}
      refresh={refresh}
      fields={['startedAt', 'durationMinutes', 'outcome', 'recommendations']}
      run={() =>
        post(`/tickets/${ticket.id}/remote-sessions`, {
          startedAt: startedAt ? moscowLocalToIso(startedAt) : '',
          durationMinutes: Number(durationMinutes),
          outcome,
          recommendations,
        })
      }
    >
      {(fieldError) => (
        <>
          <TextInput
            type="datetime-local"
            label={t('console.startedAt')}
            value={startedAt}
            onChange={(event) => setStartedAt(event.currentTarget.value)}
            error={fieldError('startedAt')}
          />
          <NumberInput
            label={t('console.duration')}
            min={1}
            max={1440}
            value={durationMinutes}
            onChange={setDuration}
            error={fieldError('durationMinutes')}
          />
          <Textarea
            label={t('console.outcome')}
            required
            value={outcome}
            onChange={(event) => setOutcome(event.currentTarget.value)}
            error={fieldError('outcome')}
          />
          <Textarea
            label={t('console.recommendations')}
            required
            value={recommendations}
            onChange={(event) => setRecommendations(event.currentTarget.value)}
            error={fieldError('recommendations')}
          />
        </>
      )}
    </ActionDialog>
  );
}
