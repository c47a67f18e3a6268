import type { Language } from '@contract/constants';
import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** RU or EN: in the header once signed in, on the account cards before. */
export function LanguageSwitch({ onChange }: { onChange: (language: Language) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('nav.language')}
      value={i18n.language}
      onChange={(value) => onChange(value as Language)}
      data={[
        { value: 'ru', label: 'RU' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}
