import { DateInput } from '@mantine/dates';
import '@mantine/dates/styles.css';
import dayjs from 'dayjs';
import 'dayjs/locale/ru';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { useTranslation } from 'react-i18next';

// A typed date is read in the reader's format ("31.12.2026" in Russian).
dayjs.extend(customParseFormat);

/** How a reader writes a day: 31.12.2026 in Russian, 2026-12-31 in English. */
export const DAY_FORMAT = { ru: 'DD.MM.YYYY', en: 'YYYY-MM-DD' } as const;

/**
 * A calendar day, shown and typed as the reader writes dates in their language, whatever language the
 * browser itself speaks; its value is the day as the API writes it (2026-12-31).
 */
export function DateField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (day: string) => void;
}) {
  const { i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'ru';
  return (
    <DateInput
      label={label}
      value={value}
      onChange={(day) => {
        if (day) onChange(day);
      }}
      locale={language}
      valueFormat={DAY_FORMAT[language]}
      w={160}
    />
  );
}
