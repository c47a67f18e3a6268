import type { MacroPreview } from '@contract/macros';
import { Alert, Group, Select, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgents, useMacros, useTags } from '../../api/hooks';
import { desk } from '../../api/operations';
import { ProblemAlert } from '../../components/Feedback';
import { TextAreaField } from '../../components/FormFields';
import { ActionDialog } from '../ActionDialog';
import type { DialogProps } from './dialogProps';

/**
 * A macro in one step: chosen, written out for this request by the server (its variables filled in),
 * edited here, and applied with its status, severity, assignment, tags and note.
 */
export function MacroDialog({
  ticket,
  opened,
  onClose,
  refresh,
  initialPurpose,
}: DialogProps & { initialPurpose?: string }) {
  const { t } = useTranslation();
  const macros = useMacros(opened);
  const agents = useAgents(opened);
  const tags = useTags(opened);
  const [macroId, setMacroId] = useState<string | null>(null);
  const [preview, setPreview] = useState<MacroPreview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [body, setBody] = useState('');
  const [note, setNote] = useState('');

  // A dialog opened for a policy answer (§4.5, §4.2) starts on that macro.
  useEffect(() => {
    if (!opened || !initialPurpose || macroId) return;
    const wanted = macros.data?.find((macro) => macro.purpose === initialPurpose);
    if (wanted) setMacroId(wanted.id);
  }, [opened, initialPurpose, macros.data, macroId]);

  useEffect(() => {
    if (!opened || !macroId) return;
    let current = true;
    setPreviewError(null);
    desk
      .previewMacro(ticket.id, macroId)
      .then((written) => {
        if (!current) return;
        setPreview(written);
        setBody(written.body);
        setNote(written.note ?? '');
      })
      .catch((error: unknown) => current && setPreviewError(error));
    return () => {
      current = false;
    };
  }, [opened, macroId, ticket.id]);

  const reset = () => {
    setMacroId(null);
    setPreview(null);
    setBody('');
    setNote('');
  };
  const actions = preview?.actions;
  /** Whom the macro assigns, by name: an agent, the person applying it, or nobody. */
  const assigneeEffect = (assignee: string) =>
    assignee === 'self'
      ? t('tools.macroAssignSelf')
      : assignee === 'none'
        ? t('tools.macroUnassign')
        : t('tools.macroAssign', {
            name: agents.data?.find((agent) => agent.id === assignee)?.name ?? t('console.someone'),
          });
  const effects = [
    actions?.status ? t('tools.macroStatus', { status: t(`statuses.${actions.status}`) }) : null,
    actions?.severity
      ? t('tools.macroSeverity', { severity: t(`severities.${actions.severity.value}`) })
      : null,
    actions?.assignee ? assigneeEffect(actions.assignee) : null,
    actions?.tagIds?.length
      ? t('tools.macroTags', {
          tags: actions.tagIds
            .map((tagId) => tags.data?.find((tag) => tag.id === tagId)?.name ?? tagId)
            .join(', '),
        })
      : null,
  ].filter(Boolean);
  return (
    <ActionDialog
      title={t('tools.applyMacro')}
      opened={opened}
      onClose={() => {
        reset();
        onClose();
      }}
      submitLabel={t('tools.applyMacroSubmit')}
      refresh={refresh}
      fields={['body', 'note', 'macroId']}
      ticket={ticket}
      run={(version) => desk.applyMacro(ticket.id, { macroId, body, ...(note ? { note } : {}), version })}
      onDone={reset}
    >
      {(fieldError) => (
        <>
          <Select
            label={t('tools.macro')}
            data={(macros.data ?? []).map((macro) => ({
              value: macro.id,
              label: macro.shared ? macro.title : `${macro.title} · ${t('tools.personal')}`,
            }))}
            value={macroId}
            onChange={setMacroId}
            searchable
            data-autofocus
            error={fieldError('macroId')}
          />
          {previewError ? <ProblemAlert error={previewError} /> : null}
          {preview ? (
            <>
              {effects.length ? (
                <Alert color="blue" data-testid="macro-effects">
                  <Group gap="xs">
                    <Text size="sm">{effects.join(' · ')}</Text>
                  </Group>
                </Alert>
              ) : null}
              <TextAreaField
                label={t('tools.macroReply')}
                description={t('tools.macroReplyHint')}
                minRows={6}
                value={body}
                onChange={setBody}
                error={fieldError('body')}
              />
              {preview.note !== null ? (
                <TextAreaField
                  label={t('tools.macroNote')}
                  minRows={2}
                  value={note}
                  onChange={setNote}
                  error={fieldError('note')}
                />
              ) : null}
            </>
          ) : null}
        </>
      )}
    </ActionDialog>
  );
}
