import { RATING_COMMENT_MAX_LENGTH } from '@contract/constants';
import type { Satisfaction } from '@contract/satisfaction';
import { Alert, Button, Group, Paper, Rating, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk } from '../api/operations';
import { ProblemAlert } from './Feedback';
import { GrowingTextarea } from './GrowingTextarea';

/** A rating as it was given: its stars, its comment, where it came from. */
export function GivenRating({ satisfaction }: { satisfaction: Satisfaction }) {
  const { t } = useTranslation();
  if (satisfaction.score === null)
    return (
      <Text size="sm" c="dimmed" data-testid="rating">
        {t('satisfaction.awaited')}
      </Text>
    );
  return (
    <Stack gap={4} data-testid="rating">
      <Group gap="xs">
        <Rating
          value={satisfaction.score}
          readOnly
          aria-label={t('satisfaction.score', { score: satisfaction.score })}
        />
        <Text size="sm">{t('satisfaction.score', { score: satisfaction.score })}</Text>
        {satisfaction.channel ? (
          <Text size="xs" c="dimmed">
            {t(`satisfaction.channels.${satisfaction.channel}`)}
          </Text>
        ) : null}
      </Group>
      {satisfaction.comment ? <Text size="sm">«{satisfaction.comment}»</Text> : null}
    </Stack>
  );
}

/** The portal's question on a resolved request: five stars and a comment, given once. */
export function RatingForm({ ticketId, satisfaction }: { ticketId: string; satisfaction: Satisfaction }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const rate = useMutation({
    mutationFn: () => desk.rateTicket(ticketId, { score, comment: comment.trim() || undefined }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['ticket'] }),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="rating-title">
      <Title order={2} size="h5" id="rating-title" mb="xs">
        {t('satisfaction.title')}
      </Title>
      {satisfaction.mayRate ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            rate.mutate();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{t('satisfaction.question')}</Text>
            <Rating
              value={score}
              onChange={setScore}
              size="lg"
              getSymbolLabel={(value) => t('satisfaction.score', { score: value })}
            />
            <GrowingTextarea
              label={t('satisfaction.comment')}
              value={comment}
              onChange={(event) => setComment(event.currentTarget.value)}
              minRows={2}
              maxLength={RATING_COMMENT_MAX_LENGTH}
            />
            {rate.error ? <ProblemAlert error={rate.error} /> : null}
            <Group>
              <Button type="submit" disabled={score === 0} loading={rate.isPending}>
                {t('satisfaction.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <GivenRating satisfaction={satisfaction} />
      )}
      {rate.isSuccess ? (
        <Alert color="green" mt="sm">
          {t('satisfaction.thanks')}
        </Alert>
      ) : null}
    </Paper>
  );
}
