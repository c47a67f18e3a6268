import { Button } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './Feedback';

/**
 * Mails a person the link to set their password (an invitation while they have none, a reset after);
 * the server decides which. Administrators use it for someone who lost the first mail.
 */
export function SendLinkButton({ name, send }: { name: string; send: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const mutation = useMutation({ mutationFn: send });
  return (
    <>
      <Button
        variant="default"
        size="xs"
        loading={mutation.isPending}
        aria-label={t('account.sendLinkOf', { name })}
        onClick={() => mutation.mutate()}
      >
        {mutation.isSuccess ? t('account.linkSent') : t('account.sendLink')}
      </Button>
      {mutation.error ? <ProblemAlert error={mutation.error} /> : null}
    </>
  );
}
