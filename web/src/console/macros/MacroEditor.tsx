import { MACRO_STATUSES, MACRO_VARIABLES, SEVERITIES } from '@contract/constants';
import type { Macro } from '@contract/macros';
import { Checkbox, Group, MultiSelect, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgents, useTags } from '../../api/hooks';
import { desk } from '../../api/operations';
import { TextAreaField, TextField } from '../../components/FormFields';
import { ActionDialog } from '../ActionDialog';

const SHOWN_FIELDS = ['title', 'body', 'actions.note', 'actions.severity.reason'];

/** A macro's text and actions, new or changed; the server checks the variables and names a wrong one. */
export function MacroEditor({
  macro,
  opened,
  onClose,
  admin,
}: {
  macro: Macro | null;
  opened: boolean;
  onClose: () => void;
  admin: boolean;
}) {
  const { t } = useTranslation();
  const agents = useAgents(opened);
  const tags = useTags(opened);
  const [title, setTitle] = useState(macro?.title ?? '');
  const [body, setBody] = useState(macro?.body ?? '');
  const [status, setStatus] = useState<string | null>(macro?.actions.status ?? null);
  const [severity, setSeverity] = useState<string | null>(macro?.actions.severity?.value ?? null);
  const [reason, setReason] = useState(macro?.actions.severity?.reason ?? '');
  const [assignee, setAssignee] = useState<string | null>(macro?.actions.assignee ?? null);
  const [note, setNote] = useState(macro?.actions.note ?? '');
  const [tagIds, setTagIds] = useState<string[]>(macro?.actions.tagIds ?? []);
  const [shared, setShared] = useState(macro?.shared ?? false);
  const actions = {
    ...(status ? { status } : {}),
    ...(severity ? { severity: { value: severity, reason } } : {}),
    ...(assignee ? { assignee } : {}),
    ...(note ? { note } : {}),
    ...(tagIds.length ? { tagIds } : {}),
  };
  const save = () =>
    macro
      ? desk.updateMacro(macro.id, { title, body, actions: actions as never })
      : desk.createMacro({ title, body, actions: actions as never, shared });
  return (
    <ActionDialog
      title={macro ? t('tools.editMacro') : t('tools.newMacro')}
      opened={opened}
      onClose={onClose}
      submitLabel={t('tools.save')}
      refresh={[['macros']]}
      fields={SHOWN_FIELDS}
      run={save}
    >
      {(fieldError) => (
        <>
          <TextField
            label={t('tools.macroTitle')}
            required
            value={title}
            onChange={setTitle}
            error={fieldError('title')}
          />
          <TextAreaField
            label={t('tools.macroReply')}
            minRows={6}
            value={body}
            onChange={setBody}
            error={fieldError('body')}
          />
          <Text size="xs" c="dimmed" data-testid="macro-variables">
            {t('tools.variables')}: {MACRO_VARIABLES.map((name) => `{{${name}}}`).join(' ')}
          </Text>
          <Group grow align="flex-start">
            <Select
              label={t('tools.macroStatusLabel')}
              clearable
              data={MACRO_STATUSES.map((value) => ({ value, label: t(`statuses.${value}`) }))}
              value={status}
              onChange={setStatus}
              disabled={Boolean(macro?.purpose)}
            />
            <Select
              label={t('console.assignee')}
              clearable
              data={[
                { value: 'self', label: t('tools.assignSelf') },
                { value: 'none', label: t('console.unassigned') },
                ...(agents.data ?? []).map((agent) => ({ value: agent.id, label: agent.name })),
              ]}
              value={assignee}
              onChange={setAssignee}
            />
          </Group>
          <Group grow align="flex-start">
            <Select
              label={t('console.newSeverity')}
              clearable
              data={SEVERITIES.map((value) => ({ value, label: t(`severities.${value}`) }))}
              value={severity}
              onChange={setSeverity}
            />
            <TextField
              label={t('console.reason')}
              value={reason}
              onChange={setReason}
              disabled={!severity}
              error={fieldError('actions.severity.reason')}
            />
          </Group>
          <MultiSelect
            label={t('tools.tags')}
            data={(tags.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }))}
            value={tagIds}
            onChange={setTagIds}
            clearable
          />
          <TextAreaField
            label={t('tools.macroNote')}
            minRows={2}
            value={note}
            onChange={setNote}
            error={fieldError('actions.note')}
          />
          {admin && !macro ? (
            <Checkbox
              label={t('tools.macroShared')}
              checked={shared}
              onChange={(event) => setShared(event.currentTarget.checked)}
            />
          ) : null}
        </>
      )}
    </ActionDialog>
  );
}
