import { Alert, Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import { desk } from '../api/operations';
import { Loaded, ProblemAlert } from '../components/Feedback';
import { TextField } from '../components/FormFields';
import { moscowDateTime } from '../format';

/** The person's API tokens for their integrations: a new one's secret is shown here once, and never again. */
export function OwnTokens() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: ['own-tokens'], queryFn: () => desk.listOwnTokens() });
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: ['own-tokens'] });
  const create = useMutation({
    mutationFn: () => desk.createOwnToken({ name }),
    onSuccess: (made) => {
      setSecret(made.token);
      setName('');
      refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (tokenId: string) => desk.revokeOwnToken(tokenId),
    onSuccess: refresh,
  });
  const problem = create.error instanceof ApiProblem ? create.error : null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tokens-title">
      <Title order={2} size="h5" id="tokens-title" mb="sm">
        {t('profile.tokens')}
      </Title>
      {secret ? (
        <Alert color="yellow" withCloseButton onClose={() => setSecret(null)} mb="sm" data-testid="new-token">
          <Text size="sm">{t('profile.tokenOnce')}</Text>
          <Code block>{secret}</Code>
        </Alert>
      ) : null}
      {revoke.error ? <ProblemAlert error={revoke.error} /> : null}
      <Loaded query={tokens} rows={2}>
        {(list) => (
          <Stack gap="xs" mb="sm">
            {list.map((token) => (
              <Group key={token.id} justify="space-between" wrap="nowrap">
                <Stack gap={0}>
                  <Text size="sm" fw={500}>
                    {token.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('profile.tokenUsed', {
                      created: moscowDateTime(token.createdAt),
                      used: token.lastUsedAt ? moscowDateTime(token.lastUsedAt) : t('profile.tokenNeverUsed'),
                    })}
                    {token.revokedAt
                      ? ` · ${t('profile.tokenRevoked', { at: moscowDateTime(token.revokedAt) })}`
                      : ''}
                  </Text>
                </Stack>
                {token.revokedAt ? null : (
                  <Button size="xs" variant="subtle" color="red" onClick={() => revoke.mutate(token.id)}>
                    {t('profile.revokeToken')}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </Loaded>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
        noValidate
      >
        <Group align="flex-end">
          <TextField
            label={t('profile.tokenName')}
            value={name}
            onChange={setName}
            error={problem?.forField('name')}
          />
          <Button type="submit" variant="light" loading={create.isPending}>
            {t('profile.createToken')}
          </Button>
        </Group>
        {create.error && !problem?.forField('name') ? <ProblemAlert error={create.error} /> : null}
      </form>
    </Paper>
  );
}
