import type { Attachment } from '@contract/tickets';
import { Anchor, FileInput, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk } from '../api/operations';
import { fileSize } from '../format';
import { problemText } from './Feedback';

/** Files go up as soon as they are chosen; the form then names them by id. */
export function AttachmentPicker({
  value,
  onChange,
  onBusy,
}: {
  value: Attachment[];
  onChange: (attachments: Attachment[]) => void;
  onBusy: (busy: boolean) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const upload = async (chosen: File[]) => {
    setFiles(chosen);
    setError(null);
    onBusy(true);
    try {
      const uploaded: Attachment[] = [];
      for (const file of chosen) {
        const form = new FormData();
        form.append('file', file, file.name);
        uploaded.push(await desk.uploadAttachment(form));
      }
      onChange(uploaded);
    } catch (failure) {
      setError(problemText(failure, t));
      setFiles([]);
      onChange([]);
    } finally {
      onBusy(false);
    }
  };
  return (
    <Stack gap={4}>
      <FileInput
        label={t('newRequest.attachments')}
        description={t('newRequest.attachmentsHint')}
        multiple
        clearable
        value={files}
        onChange={(chosen) => upload(chosen)}
        error={error}
      />
      {value.length > 0 ? (
        <Text size="xs" c="dimmed">
          {value.map((file) => `${file.fileName} (${fileSize(file.size)})`).join(', ')}
        </Text>
      ) : null}
    </Stack>
  );
}

export function AttachmentLinks({ attachments }: { attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <Group gap="sm">
      {attachments.map((file) => (
        <Anchor key={file.id} href={`/api/v1/attachments/${file.id}`} size="sm" download={file.fileName}>
          {file.fileName} ({fileSize(file.size)})
        </Anchor>
      ))}
    </Group>
  );
}
