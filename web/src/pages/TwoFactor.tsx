import { Button, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import { desk } from '../api/operations';
import { Loaded, ProblemAlert } from '../components/Feedback';
import { moscowDateTime } from '../format';
import { RecoveryCodeList, SecondFactorEnrolment } from './account/SecondFactorEnrolment';

type Step = 'idle' | 'enrol' | 'renew' | 'disable';

/** The profile's two-factor section: turn it on, replace the authenticator, renew recovery codes, turn it off. */
export function TwoFactor() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const status = useQuery({ queryKey: ['second-factor'], queryFn: () => desk.getSecondFactor() });
  const [step, setStep] = useState<Step>('idle');
  const [input, setInput] = useState('');
  const [renewed, setRenewed] = useState<string[] | null>(null);
  const refresh = () => {
    setStep('idle');
    setInput('');
    void client.invalidateQueries({ queryKey: ['second-factor'] });
  };
  const renew = useMutation({
    mutationFn: () => desk.renewRecoveryCodes(input.trim()),
    onSuccess: (answer) => {
      setRenewed(answer.recoveryCodes);
      refresh();
    },
  });
  const disable = useMutation({ mutationFn: () => desk.disableSecondFactor(input), onSuccess: refresh });
  const failed = renew.error ?? disable.error;
  const problem = failed instanceof ApiProblem ? failed : null;
  const choose = (next: Step) => {
    renew.reset();
    disable.reset();
    setInput('');
    setStep(next);
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="two-factor-title">
      <Stack gap="xs">
        <Title order={2} size="h5" id="two-factor-title">
          {t('twoFactor.title')}
        </Title>
        <Loaded query={status} rows={2}>
          {(current) =>
            renewed ? (
              <RecoveryCodeList codes={renewed} onSaved={() => setRenewed(null)} />
            ) : step === 'enrol' ? (
              <SecondFactorEnrolment onDone={refresh} />
            ) : (
              <Stack gap="xs">
                <Text size="sm" data-testid="two-factor-state">
                  {current.enabled
                    ? t('twoFactor.on', {
                        since: moscowDateTime(current.enabledAt ?? ''),
                        left: current.recoveryCodesLeft,
                      })
                    : t('twoFactor.off')}
                  {current.required ? ` ${t('twoFactor.required')}` : ''}
                </Text>
                <Group gap="xs">
                  <Button variant={current.enabled ? 'default' : 'filled'} onClick={() => choose('enrol')}>
                    {current.enabled ? t('twoFactor.replace') : t('twoFactor.turnOn')}
                  </Button>
                  {current.enabled ? (
                    <Button variant="default" onClick={() => choose('renew')}>
                      {t('twoFactor.renew')}
                    </Button>
                  ) : null}
                  {current.enabled && !current.required ? (
                    <Button variant="default" color="red" onClick={() => choose('disable')}>
                      {t('twoFactor.turnOff')}
                    </Button>
                  ) : null}
                </Group>
                {step === 'renew' ? (
                  <Group align="end">
                    <TextInput
                      label={t('twoFactor.code')}
                      autoComplete="one-time-code"
                      value={input}
                      onChange={(event) => setInput(event.currentTarget.value)}
                      error={problem?.forField('code')}
                    />
                    <Button loading={renew.isPending} onClick={() => renew.mutate()}>
                      {t('twoFactor.renewConfirm')}
                    </Button>
                  </Group>
                ) : null}
                {step === 'disable' ? (
                  <Group align="end">
                    <PasswordInput
                      label={t('profile.currentPassword')}
                      autoComplete="current-password"
                      value={input}
                      onChange={(event) => setInput(event.currentTarget.value)}
                      error={problem?.forField('password')}
                    />
                    <Button color="red" loading={disable.isPending} onClick={() => disable.mutate()}>
                      {t('twoFactor.turnOffConfirm')}
                    </Button>
                  </Group>
                ) : null}
                {failed && !problem?.forField('code') && !problem?.forField('password') ? (
                  <ProblemAlert error={failed} />
                ) : null}
              </Stack>
            )
          }
        </Loaded>
      </Stack>
    </Paper>
  );
}
