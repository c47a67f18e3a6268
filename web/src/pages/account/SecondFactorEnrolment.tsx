import { Alert, Button, Code, Group, Image, List, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { desk } from '../../api/operations';
import { ProblemAlert } from '../../components/Feedback';

/** The ten recovery codes, shown the one time the desk answers them. */
export function RecoveryCodeList({ codes, onSaved }: { codes: string[]; onSaved: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Alert color="yellow">
        <Text fw={600} size="sm">
          {t('twoFactor.codesTitle')}
        </Text>
        <Text size="sm">{t('twoFactor.codesHint')}</Text>
      </Alert>
      <List spacing={2} data-testid="recovery-codes">
        {codes.map((code) => (
          <List.Item key={code}>
            <Code>{code}</Code>
          </List.Item>
        ))}
      </List>
      <Button w="fit-content" onClick={onSaved}>
        {t('twoFactor.codesSaved')}
      </Button>
    </Stack>
  );
}

/**
 * Adding an authenticator: the QR code (and the secret, for an app that cannot scan), then a code the
 * app shows to confirm it, then the recovery codes.
 */
export function SecondFactorEnrolment({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const start = useMutation({ mutationFn: () => desk.startSecondFactorEnrolment() });
  const confirm = useMutation({
    mutationFn: () => desk.confirmSecondFactor(code.trim()),
    onSuccess: (answer) => setRecoveryCodes(answer.recoveryCodes),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate();
  };
  if (recoveryCodes) return <RecoveryCodeList codes={recoveryCodes} onSaved={onDone} />;
  if (!start.data) {
    return (
      <Stack gap="xs">
        <Text size="sm">{t('twoFactor.intro')}</Text>
        <Button w="fit-content" loading={start.isPending} onClick={() => start.mutate()}>
          {t('twoFactor.start')}
        </Button>
        {start.error ? <ProblemAlert error={start.error} /> : null}
      </Stack>
    );
  }
  const problem = confirm.error instanceof ApiProblem ? confirm.error : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Text size="sm">{t('twoFactor.scan')}</Text>
        <Image
          src={`data:image/svg+xml;utf8,${encodeURIComponent(start.data.qrSvg)}`}
          alt={t('twoFactor.qrAlt')}
          w={200}
          h={200}
          bg="white"
        />
        <Text size="sm">
          {t('twoFactor.typeSecret')} <Code>{start.data.secret}</Code>
        </Text>
        <TextInput
          label={t('twoFactor.code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={problem?.forField('code')}
          w={200}
        />
        {confirm.error && !problem?.forField('code') ? <ProblemAlert error={confirm.error} /> : null}
        <Group>
          <Button type="submit" loading={confirm.isPending}>
            {t('twoFactor.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
