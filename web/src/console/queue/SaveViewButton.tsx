import type { SavedView } from '@contract/views';
import { Button, Checkbox } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { desk } from '../../api/operations';
import { TextField } from '../../components/FormFields';
import { ActionDialog } from '../ActionDialog';
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
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  return (
    <>
      <Button variant="light" size="xs" onClick={() => setOpened(true)} disabled={Boolean(viewId)}>
        {t('tools.saveView')}
      </Button>
      <ActionDialog
        title={t('tools.saveView')}
        opened={opened}
        onClose={() => setOpened(false)}
        submitLabel={t('tools.save')}
        refresh={[['views']]}
        fields={['name']}
        run={() => desk.createView({ name, query, shared })}
        onDone={(result) => {
          const view = result as SavedView;
          setName('');
          navigate(`/?${writeQueueParams(paramsOfView(view.query), view.id)}`, { replace: true });
        }}
      >
        {(fieldError) => (
          <>
            <TextField
              label={t('tools.viewName')}
              required
              value={name}
              onChange={setName}
              error={fieldError('name')}
              data-autofocus
            />
            {admin ? (
              <Checkbox
                label={t('tools.viewShared')}
                checked={shared}
                onChange={(event) => setShared(event.currentTarget.checked)}
              />
            ) : null}
          </>
        )}
      </ActionDialog>
    </>
  );
}
