import { type Category, SUBJECT_MAX_LENGTH } from '@contract/constants';
import type { EntitlementDecision } from '@contract/entitlement';
import { Alert, SegmentedControl, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from './FormFields';

/** Whether the request would be taken, as the desk decided before it is sent, and why not. */
export function EntitlementNotice({ decision }: { decision: EntitlementDecision | undefined }) {
  const { t } = useTranslation();
  if (!decision) return null;
  return decision.allowed ? (
    <Alert color="green" data-testid="entitlement">
      {t('newRequest.allowed', { level: t(`levels.${decision.level ?? 'standard'}`) })}
    </Alert>
  ) : (
    <Alert color="red" title={t('newRequest.refused')} data-testid="entitlement">
      {decision.message}
    </Alert>
  );
}

/** A problem or a consultation (§4.2: only a consultation can be outside support). */
export function CategoryField({ value, onChange }: { value: Category; onChange: (value: Category) => void }) {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={labelId}>
        {t('newRequest.category')}
      </Text>
      <SegmentedControl
        aria-labelledby={labelId}
        value={value}
        onChange={(next) => onChange(next as Category)}
        data={[
          { value: 'problem', label: t('categories.problem') },
          { value: 'consultation', label: t('categories.consultation') },
        ]}
        maw={360}
      />
    </Stack>
  );
}

/** A request's subject, as long as the desk keeps one, with the server's word on it. */
export function SubjectField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('newRequest.subject')}
      required
      maxLength={SUBJECT_MAX_LENGTH}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
