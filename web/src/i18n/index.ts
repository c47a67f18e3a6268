import { LABELS } from '@contract/labels';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

const STORED = 'supportdesk.language';

function initialLanguage(): 'ru' | 'en' {
  const stored = localStorage.getItem(STORED);
  return stored === 'en' || stored === 'ru' ? stored : 'ru';
}

/** Each language's texts load when it is first used: a Russian reader never downloads the English ones. */
const TEXTS = {
  ru: async () => (await import('./ru')).ru,
  en: async () => (await import('./en')).en,
};

async function loadTexts(language: 'ru' | 'en') {
  if (i18next.hasResourceBundle(language, 'translation')) return;
  i18next.addResourceBundle(language, 'translation', { ...LABELS[language], ...(await TEXTS[language]()) });
}

const first = initialLanguage();
await i18next.use(initReactI18next).init({
  resources: {},
  partialBundledLanguages: true,
  lng: first,
  // en.ts has every key ru.ts has (its type is ru's), so nothing falls back.
  fallbackLng: false,
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});
await loadTexts(first);

/** Switches the screens' language and remembers it on this browser (the profile keeps it on the account). */
export async function switchLanguage(language: 'ru' | 'en') {
  localStorage.setItem(STORED, language);
  await loadTexts(language);
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

document.documentElement.lang = i18next.language;
export default i18next;
