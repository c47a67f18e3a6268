import { moscowDate } from '@contract/moscowTime';
import { Alert, Anchor, Badge, Button, FileInput, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk } from '../api/operations';
import { browserNow } from '../clock';
import { EmptyState, Loaded, problemText } from '../components/Feedback';
import { TextAreaField, TextField } from '../components/FormFields';
import { MarkdownContent } from '../components/MarkdownContent';
import { ProductSelect } from '../components/ProductSelect';
import { ActionDialog } from '../console/ActionDialog';
import { calendarDay, fileSize } from '../format';
import { can, useSignedIn } from '../session';

/** Product releases (§3.4): customers download while their support covers the product; administrators publish. */
export function Releases() {
  const { t } = useTranslation();
  const principal = useSignedIn();
  const [publishing, setPublishing] = useState(false);
  const releases = useQuery({ queryKey: ['releases'], queryFn: () => desk.listReleases() });
  return (
    <Stack maw={960}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('releases.title')}
        </Title>
        {can(principal, 'manageReleases') ? (
          <Button onClick={() => setPublishing(true)}>{t('releases.publish')}</Button>
        ) : null}
      </Group>
      <Loaded query={releases}>
        {(data) =>
          data.length === 0 ? (
            <EmptyState>{t('releases.empty')}</EmptyState>
          ) : (
            <Stack>
              {data.map((release) => (
                <Paper key={release.id} withBorder p="md" data-testid="release">
                  <Group justify="space-between" mb="xs">
                    <Text fw={600}>
                      {release.product.name} {release.version}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {calendarDay(release.releasedOn)}
                    </Text>
                  </Group>
                  {release.notes ? <MarkdownContent html={release.notesHtml} /> : null}
                  {release.available ? (
                    <Stack gap={4}>
                      {release.files.map((file) => (
                        <Group key={file.id} gap="xs" wrap="nowrap">
                          <Anchor href={`/api/v1/release-files/${file.id}`} download={file.fileName}>
                            {file.fileName}
                          </Anchor>
                          <Text size="xs" c="dimmed">
                            {fileSize(file.size)} · SHA-256 {file.sha256}
                          </Text>
                        </Group>
                      ))}
                      {principal.type === 'agent' ? <AddFile releaseId={release.id} /> : null}
                    </Stack>
                  ) : (
                    <Alert color="gray">
                      <Badge color="gray.7" variant="outline" mr="xs">
                        {t('releases.unavailable')}
                      </Badge>
                      {t(`releases.refusals.${release.refusal}`, { defaultValue: release.refusal ?? '' })}
                    </Alert>
                  )}
                </Paper>
              ))}
            </Stack>
          )
        }
      </Loaded>
      {publishing ? <PublishDialog onClose={() => setPublishing(false)} /> : null}
    </Stack>
  );
}

function AddFile({ releaseId }: { releaseId: string }) {
  const { t } = useTranslation();
  const principal = useSignedIn();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!can(principal, 'manageReleases')) return null;
  const upload = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      await desk.addReleaseFile(releaseId, form);
      await client.invalidateQueries({ queryKey: ['releases'] });
    } catch (failure) {
      setError(problemText(failure, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <FileInput
      label={t('releases.addFile')}
      placeholder={busy ? t('newRequest.uploading') : undefined}
      disabled={busy}
      onChange={upload}
      error={error}
      maw={420}
    />
  );
}

function PublishDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [productId, setProductId] = useState<string | null>(null);
  const [version, setVersion] = useState('');
  const [releasedOn, setReleasedOn] = useState(() => moscowDate(browserNow()));
  const [notes, setNotes] = useState('');
  return (
    <ActionDialog
      title={t('releases.publish')}
      opened
      onClose={onClose}
      submitLabel={t('releases.publish')}
      refresh={[['releases']]}
      fields={['productId', 'version', 'releasedOn', 'notes']}
      run={() => desk.publishRelease({ productId: productId ?? '', version, releasedOn, notes })}
    >
      {(fieldError) => (
        <>
          <ProductSelect value={productId} onChange={setProductId} error={fieldError('productId')} />
          <Group grow>
            <TextField
              label={t('customers.version')}
              required
              value={version}
              onChange={setVersion}
              error={fieldError('version')}
            />
            <TextField
              type="date"
              label={t('releases.date')}
              required
              value={releasedOn}
              onChange={setReleasedOn}
              error={fieldError('releasedOn')}
            />
          </Group>
          <TextAreaField
            label={t('releases.notes')}
            minRows={5}
            value={notes}
            onChange={setNotes}
            error={fieldError('notes')}
          />
        </>
      )}
    </ActionDialog>
  );
}
