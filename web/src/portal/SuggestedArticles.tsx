import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { desk } from '../api/operations';

/**
 * While a customer writes a new request's subject, the documentation pages that may answer it: the
 * server picks them among those the customer may read, as request search would find them.
 */
export function SuggestedArticles({ subject }: { subject: string }) {
  const { t } = useTranslation();
  const [typed] = useDebouncedValue(subject.trim(), 300);
  const suggestions = useQuery({
    queryKey: ['documentation-suggestions', typed],
    queryFn: () => desk.suggestDocumentation(typed),
    enabled: typed.length >= 3,
    staleTime: 60_000,
  });
  const pages = typed.length >= 3 ? (suggestions.data ?? []) : [];
  // Counted for the deflection report; a failure to count never stands between the reader and the page.
  const opened = (pageId: string) =>
    void desk.recordSuggestionOpened(pageId, { typed }).catch(() => undefined);
  if (pages.length === 0) return null;
  return (
    <Paper withBorder p="sm" bg="blue.0" component="aside" aria-label={t('newRequest.suggestions')}>
      <Stack gap={4} data-testid="suggested-articles">
        <Text size="sm" fw={600}>
          {t('newRequest.suggestions')}
        </Text>
        {pages.map((page) =>
          page.url ? (
            <Anchor
              key={page.id}
              href={page.url}
              target="_blank"
              rel="noreferrer"
              size="sm"
              onClick={() => opened(page.id)}
            >
              {page.title}
            </Anchor>
          ) : (
            <Anchor
              key={page.id}
              component={Link}
              to={`/documentation#${page.id}`}
              size="sm"
              onClick={() => opened(page.id)}
            >
              {page.product.name}: {page.title}
            </Anchor>
          ),
        )}
      </Stack>
    </Paper>
  );
}
