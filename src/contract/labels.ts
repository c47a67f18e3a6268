import type { Level } from '../domain/entitlement/entitlement.js';
import type { ValidityStatus } from '../domain/entitlement/period.js';
import type { Environment, Language } from '../domain/people.js';
import type { Channel, Severity } from '../domain/sla/policy.js';
import type { Category, Status } from '../domain/tickets/lifecycle.js';

/**
 * The names of the domain's values as people read them, in every language the desk speaks: one
 * catalogue for the server's texts (mail, the bot, exports, notes) and the web's screens. A value added
 * to the domain fails to compile here until it has its names.
 */
interface Labels {
  levels: Record<Level, string>;
  severities: Record<Severity, string>;
  statuses: Record<Status, string>;
  categories: Record<Category, string>;
  channels: Record<Channel, string>;
  environments: Record<Environment, string>;
  validity: Record<ValidityStatus, string>;
}

export const LABELS: Record<Language, Labels> = {
  ru: {
    levels: { standard: 'Стандартная', extended: 'Расширенная' },
    severities: { critical: 'Критический', high: 'Высокий', medium: 'Средний', low: 'Низкий' },
    statuses: {
      new: 'Новый',
      in_progress: 'В работе',
      waiting_for_customer: 'Ожидает клиента',
      resolved: 'Решён',
      closed: 'Закрыт',
    },
    categories: { problem: 'Проблема', consultation: 'Консультация' },
    channels: { portal: 'Портал', email: 'Почта', telegram: 'Telegram', api: 'API', phone: 'Телефон' },
    environments: { production: 'Промышленный', test: 'Тестовый', development: 'Разработка' },
    validity: { upcoming: 'Ещё не действует', active: 'Действует', expired: 'Истёк' },
  },
  en: {
    levels: { standard: 'Standard', extended: 'Extended' },
    severities: { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' },
    statuses: {
      new: 'New',
      in_progress: 'In progress',
      waiting_for_customer: 'Waiting for customer',
      resolved: 'Resolved',
      closed: 'Closed',
    },
    categories: { problem: 'Problem', consultation: 'Consultation' },
    channels: { portal: 'Portal', email: 'E-mail', telegram: 'Telegram', api: 'API', phone: 'Phone' },
    environments: { production: 'Production', test: 'Test', development: 'Development' },
    validity: { upcoming: 'Not yet valid', active: 'Valid', expired: 'Expired' },
  },
};
