import { RATING_COMMENT_MAX_LENGTH } from '@contract/constants';
import type { RatedRequest } from '@contract/satisfaction';
import { Alert, Button, Rating, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk } from '../api/operations';
import { ProblemAlert } from '../components/Feedback';
import { GrowingTextarea } from '../components/GrowingTextarea';
import { AccountCard } from './account/AccountCard';

/** The link's survey, score and signature ride in the fragment, which the browser never sends anywhere. */
function linkOfAddress() {
  const fields = new URLSearchParams(window.location.hash.slice(1));
  return {
    surveyId: fields.get('survey') ?? '',
    score: Number(fields.get('score')),
    signature: fields.get('sig') ?? '',
  };
}

/**
 * Where a one-click rating link of the mail leads: the rating is given as the page opens (the click was
 * the customer's answer), then a comment may follow, once.
 */
export function RateByLink() {
  const { t } = useTranslation();
  const [link] = useState(linkOfAddress);
  const [comment, setComment] = useState('');
  const rate = useMutation({ mutationFn: () => desk.rateByLink(link) });
  const addComment = useMutation({ mutationFn: () => desk.commentByLink({ ...link, comment }) });
  const { mutate } = rate;
  // Once per page, also where React runs an effect twice: a second post would be refused as a reuse.
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    mutate();
  }, [mutate]);
  const rated: RatedRequest | undefined = rate.data;
  return (
    <AccountCard title={t('satisfaction.title')}>
      {rate.error ? <ProblemAlert error={rate.error} /> : null}
      {rated ? (
        <Stack>
          <Text size="sm">
            {t('satisfaction.ratedRequest', { number: rated.number, subject: rated.subject })}
          </Text>
          <Rating
            value={rated.score ?? 0}
            readOnly
            size="lg"
            aria-label={t('satisfaction.score', { score: rated.score })}
          />
          <Alert color="green">{t('satisfaction.thanks')}</Alert>
          {addComment.isSuccess ? (
            <Alert color="green">{t('satisfaction.commentThanks')}</Alert>
          ) : (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                addComment.mutate();
              }}
            >
              <Stack gap="sm">
                <GrowingTextarea
                  label={t('satisfaction.comment')}
                  value={comment}
                  onChange={(event) => setComment(event.currentTarget.value)}
                  minRows={3}
                  maxLength={RATING_COMMENT_MAX_LENGTH}
                />
                {addComment.error ? <ProblemAlert error={addComment.error} /> : null}
                <Button type="submit" disabled={comment.trim() === ''} loading={addComment.isPending}>
                  {t('satisfaction.sendComment')}
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      ) : null}
    </AccountCard>
  );
}
