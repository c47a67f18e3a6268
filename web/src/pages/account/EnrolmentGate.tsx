import { Anchor, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSessionActions } from '../../session';
import { AccountCard } from './AccountCard';
import { SecondFactorEnrolment } from './SecondFactorEnrolment';

/** What a staff member sees while the desk requires an authenticator they have not added yet. */
export function EnrolmentGate() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const session = useSessionActions();
  return (
    <AccountCard title={t('twoFactor.gateTitle')}>
      <Text size="sm">{t('twoFactor.gateHint')}</Text>
      <SecondFactorEnrolment onDone={() => void client.invalidateQueries({ queryKey: ['session'] })} />
      <Anchor component="button" type="button" size="sm" onClick={() => void session.signOut()}>
        {t('nav.signOut')}
      </Anchor>
    </AccountCard>
  );
}
