import { Button, Checkbox, Group, Modal, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiProblem } from '../../api/client';
import { desk } from '../../api/operations';
import { ProblemAlert } from '../../components/Feedback';
import { TextField } from '../../components/FormFields';
import { paramsOfView, type QueueParams, writeQueueParams } from '../queueParams';

/** Saves the queue as it is filtered and sorted under a name: the agent's own, or the team's (administrators). */
export function SaveViewButton({
  query,
  viewId,
  admin,
}: {
  query: QueueParams;
  viewId: string | null;
  admin: boolean;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const save = useMutation({
    mutationFn: () => desk.createView({ name, query, shared }),
    onSuccess: (view) => {
      void client.invalidateQueries({ queryKey: ['views'] });
      setOpened(false);
      setName('');
      navigate(`/?${writeQueueParams(paramsOfView(view.query), view.id)}`, { replace: true });
    },
  });
  const problem = save.error instanceof ApiProblem ? save.error : null;
  return (
    <>
      <Button variant="light" size="xs" onClick={() => setOpened(true)} disabled={Boolean(viewId)}>
        {t('tools.saveView')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('tools.saveView')}
        closeButtonProps={{ 'aria-label': t('common.cancel') }}
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate();
          }}
          noValidate
        >
          <Stack>
            <TextField
              label={t('tools.viewName')}
              required
              value={name}
              onChange={setName}
              error={problem?.forField('name')}
              data-autofocus
            />
            {admin ? (
              <Checkbox
                label={t('tools.viewShared')}
                checked={shared}
                onChange={(event) => setShared(event.currentTarget.checked)}
              />
            ) : null}
            {save.error && !problem?.forField('name') ? <ProblemAlert error={save.error} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('tools.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
