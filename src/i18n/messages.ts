/**
 * Every text the server shows a person, in Russian and English, with the labels of the domain's values
 * shared with the web. Error texts are keyed by the stable `code` of the problem they explain, so
 * clients can rely on the code and show the text.
 */
import { LABELS } from '../contract/labels.js';
import { en } from './catalog/en.js';
import { ru } from './catalog/ru.js';

export const catalogs = { en: { ...LABELS.en, ...en }, ru: { ...LABELS.ru, ...ru } };
