import { Alert, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';

/** The text of a failure in the reader's language: the server already wrote it so; a lost connection is ours. */
export function problemText(error: unknown, t: (key: string) => string): string {
  if (error instanceof ApiProblem) {
    if (error.status === 0) return t('common.networkError');
    if (error.status === 404) return t('common.notFound');
    return error.message;
  }
  return t('common.networkError');
}

export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const notFound = error instanceof ApiProblem && error.status === 404;
  return (
    <Alert color={notFound ? 'gray' : 'red'} role="alert" title={notFound ? undefined : undefined}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{problemText(error, t)}</Text>
        {onRetry && !notFound ? (
          <Button size="xs" variant="light" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null}
      </Group>
    </Alert>
  );
}

/** Placeholder rows of the final height, so the page does not jump when the data arrives. */
export function LoadingRows({ rows = 5, height = 36 }: { rows?: number; height?: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" aria-busy="true" aria-label={t('app.loading')}>
      {Array.from({ length: rows }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <Skeleton key={index} height={height} radius="sm" />
      ))}
    </Stack>
  );
}

export function EmptyState({ children }: { children: string }) {
  return (
    <Text c="dimmed" py="lg" ta="center">
      {children}
    </Text>
  );
}

/** The part of a TanStack query (plain or paged) that a screen waits on. */
type QueryState<Data> =
  | { isPending: true; isError: false; data: undefined; error: null; refetch: () => unknown }
  | { isPending: false; isError: true; data: Data | undefined; error: Error; refetch: () => unknown }
  | { isPending: false; isError: false; data: Data; error: null; refetch: () => unknown };

/** What a query has: placeholders while it loads, the failure in words (with a retry), or the content. */
export function Loaded<Data>({
  query,
  rows,
  height,
  children,
}: {
  query: QueryState<Data>;
  rows?: number;
  height?: number;
  children: (data: Data) => ReactNode;
}) {
  if (query.isPending) return <LoadingRows rows={rows} height={height} />;
  if (query.isError) return <ProblemAlert error={query.error} onRetry={() => query.refetch()} />;
  return children(query.data as Data);
}
