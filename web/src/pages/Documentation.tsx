import { Accordion, Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { desk } from '../api/operations';
import { EmptyState, Loaded } from '../components/Feedback';
import { TextAreaField, TextField } from '../components/FormFields';
import { MarkdownContent } from '../components/MarkdownContent';
import { ProductSelect } from '../components/ProductSelect';
import { ActionDialog } from '../console/ActionDialog';
import { can, useSignedIn } from '../session';

/** §3.1: the documentation section, product by product, readable where the customer's support is active. */
export function Documentation() {
  const { t } = useTranslation();
  const principal = useSignedIn();
  const [adding, setAdding] = useState(false);
  const pages = useQuery({ queryKey: ['documentation'], queryFn: () => desk.listDocumentation() });
  const settings = useQuery({
    queryKey: ['desk'],
    queryFn: () => desk.getDeskSettings(),
  });
  const opened = useLocation().hash.slice(1);
  return (
    <Stack maw={960}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('documentation.title')}
        </Title>
        {can(principal, 'manageDocumentation') ? (
          <Button onClick={() => setAdding(true)}>{t('documentation.add')}</Button>
        ) : null}
      </Group>
      {settings.data?.documentationUrl ? (
        <Anchor href={settings.data.documentationUrl} target="_blank" rel="noreferrer">
          {t('documentation.site')}
        </Anchor>
      ) : null}
      <Loaded query={pages}>
        {(data) =>
          data.length === 0 ? (
            <EmptyState>{t('documentation.empty')}</EmptyState>
          ) : (
            // A page named in the address (a suggestion followed from a new request) opens at once.
            <Accordion multiple variant="separated" defaultValue={opened ? [opened] : []}>
              {data.map((page) => (
                <Accordion.Item key={page.id} value={page.id}>
                  <Accordion.Control>
                    <Text size="sm" c="dimmed">
                      {page.product.name}
                    </Text>
                    <Text fw={500}>{page.title}</Text>
                  </Accordion.Control>
                  <Accordion.Panel>
                    {!page.available ? (
                      <Alert color="gray">
                        {t(`releases.refusals.${page.refusal}`, { defaultValue: page.refusal ?? '' })}
                      </Alert>
                    ) : page.url ? (
                      <Anchor href={page.url} target="_blank" rel="noreferrer">
                        {page.url}
                      </Anchor>
                    ) : (
                      <MarkdownContent html={page.bodyHtml ?? ''} />
                    )}
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          )
        }
      </Loaded>
      {adding ? <AddPage onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}

function AddPage({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [productId, setProductId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [body, setBody] = useState('');
  return (
    <ActionDialog
      title={t('documentation.add')}
      opened
      onClose={onClose}
      submitLabel={t('common.save')}
      refresh={[['documentation']]}
      fields={['productId', 'title', 'url', 'body']}
      run={() =>
        desk.addDocumentation({
          productId,
          title,
          ...(url.trim() ? { url: url.trim() } : {}),
          ...(body.trim() ? { body } : {}),
        })
      }
    >
      {(fieldError) => (
        <>
          <ProductSelect value={productId} onChange={setProductId} error={fieldError('productId')} />
          <TextField
            label={t('documentation.pageTitle')}
            required
            value={title}
            onChange={setTitle}
            error={fieldError('title')}
          />
          <TextField
            label={t('documentation.url')}
            description={t('documentation.linkOrPage')}
            value={url}
            onChange={setUrl}
            error={fieldError('url')}
          />
          <TextAreaField
            label={t('documentation.body')}
            minRows={6}
            value={body}
            onChange={setBody}
            error={fieldError('body')}
          />
        </>
      )}
    </ActionDialog>
  );
}
