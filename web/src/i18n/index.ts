import { LABELS } from '@contract/labels';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ru } from './ru';

const STORED = 'supportdesk.language';

function initialLanguage(): string {
  const stored = localStorage.getItem(STORED);
  return stored === 'en' || stored === 'ru' ? stored : 'ru';
}

await i18next.use(initReactI18next).init({
  resources: { ru: { translation: { ...LABELS.ru, ...ru } }, en: { translation: { ...LABELS.en, ...en } } },
  lng: initialLanguage(),
  fallbackLng: 'ru',
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});

/** Switches the screens' language and remembers it on this browser (the profile keeps it on the account). */
export async function switchLanguage(language: 'ru' | 'en') {
  localStorage.setItem(STORED, language);
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

document.documentElement.lang = i18next.language;
export default i18next;
