import { TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';

/**
 * A form that signs someone in (by password, or by a mailed link): it sends, and when the desk answers
 * that the account has an authenticator, it asks for the code and sends again with it.
 */
export function useSignInSteps(send: (code: string | undefined) => Promise<void>) {
  const [code, setCode] = useState('');
  /** The account has an authenticator: the desk asked for its code after the password. */
  const [asksCode, setAsksCode] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await send(asksCode ? code.trim() : undefined);
    } catch (failure) {
      if (failure instanceof ApiProblem && failure.code === 'second_factor_required' && !asksCode) {
        setAsksCode(true);
        return;
      }
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { code, setCode, asksCode, error, busy, submit };
}

/** The second step's field: the authenticator's six digits, or a recovery code. */
export function SecondFactorCodeField({
  value,
  onChange,
}: {
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('signIn.code')}
      description={t('signIn.codeHint')}
      autoComplete="one-time-code"
      required
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      autoFocus
    />
  );
}
