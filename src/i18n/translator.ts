import i18next, { type TFunction } from 'i18next';
import { LANGUAGES, type Language } from '../domain/people.js';
import { catalogs } from './messages.js';

const instance = i18next.createInstance();
await instance.init({
  resources: {
    ru: { translation: catalogs.ru },
    en: { translation: catalogs.en },
  },
  supportedLngs: [...LANGUAGES],
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

const translators = new Map<Language, TFunction>(
  LANGUAGES.map((language) => [language, instance.getFixedT(language)]),
);

export function translator(language: Language): TFunction {
  return translators.get(language) ?? instance.getFixedT('en');
}

export function hasMessage(key: string): boolean {
  return instance.exists(key, { lng: 'en' });
}

/**
 * The best supported language for an Accept-Language header, by quality; Russian when the
 * header names nothing we speak, since the desk's own team and most customers are Russian-speaking.
 */
export function negotiateLanguage(acceptLanguage: string | undefined, fallback: Language = 'ru'): Language {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const qualityParameter = parameters.find((parameter) => parameter.trim().startsWith('q='));
      const quality = qualityParameter ? Number(qualityParameter.trim().slice(2)) : 1;
      return {
        language: tag.toLowerCase().split('-')[0] ?? '',
        quality: Number.isFinite(quality) ? quality : 0,
      };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality);
  const match = ranked.find((entry) => (LANGUAGES as readonly string[]).includes(entry.language));
  return (match?.language as Language | undefined) ?? fallback;
}
