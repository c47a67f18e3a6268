/**
 * Every text the server shows a person, in Russian and English. Error texts are keyed by the
 * stable `code` of the problem they explain, so clients can rely on the code and show the text.
 */
export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const en = {
  errors: {
    validation_failed: 'The request has invalid fields.',
    invalid_json: 'The request body is not valid JSON.',
    unsupported_media_type: 'Send the request body as application/json.',
    unauthenticated: 'Sign in to continue.',
    invalid_credentials: 'The e-mail or password is wrong.',
    forbidden: 'You do not have permission for this action.',
    csrf_token_invalid: 'The X-CSRF-Token header is missing or wrong; reload the page and try again.',
    not_found: 'Not found.',
    route_not_found: 'There is no such address.',
    rate_limited: 'Too many attempts. Try again in {{retryAfterSeconds}} seconds.',
    internal_error: 'Something went wrong on our side. The error has been logged.',
    product_code_taken: 'A product with code {{value}} already exists.',
    organization_name_taken: 'An organization named {{value}} already exists.',
    license_number_taken: 'A license numbered {{value}} already exists.',
    certificate_number_taken: 'A certificate numbered {{value}} already exists.',
    instance_name_taken: 'This organization already has an instance named {{value}}.',
    email_taken: 'The e-mail address {{value}} is already used by another account.',
    product_unknown: 'There is no product with id {{value}}.',
    instance_unknown: 'There is no instance with id {{value}} in this organization.',
    certificate_instance_limit:
      'The certificate covers at most {{maxInstances}} instances; {{requested}} were given.',
    instance_not_of_certificate_org: 'Instance {{value}} belongs to another organization.',
    period_reversed: 'The end date must not be earlier than the start date.',
    contact_identity_required: 'Give either contactId or contactEmail, not both.',
  },
  validation: {
    phone_e164: 'Enter the phone number in international format, e.g. +74951234567.',
    inn: 'An INN has 10 digits (organizations) or 12 digits (individuals).',
    product_code: 'Use 1-32 Latin letters, digits, "-" or "_", starting with a letter or digit.',
    password_length: 'The password must be 12 to 256 characters long.',
    not_blank: 'The field must not be empty.',
  },
  entitlement: {
    granted: 'Support is available at the {{level}} level under certificate {{certificate}}.',
    contact_unknown: 'The sender is not an authorized contact of any customer.',
    contact_inactive: 'This contact is no longer authorized to file requests.',
    instance_not_of_contact_org: "The instance does not belong to the contact's organization.",
    instance_not_covered: 'No support certificate covers this instance.',
    certificate_not_yet_valid: 'The support certificate for this instance is not valid yet.',
    certificate_expired: 'The support certificate for this instance has expired.',
    license_missing: 'There is no license for this product.',
    license_expired: 'The license for this product has expired.',
  },
  levels: { standard: 'Standard', extended: 'Extended' },
} as const;

type Catalog = { [K in keyof typeof en]: { [M in keyof (typeof en)[K]]: string } };

const ru: Catalog = {
  errors: {
    validation_failed: 'В запросе есть неверно заполненные поля.',
    invalid_json: 'Тело запроса — не корректный JSON.',
    unsupported_media_type: 'Передайте тело запроса в формате application/json.',
    unauthenticated: 'Войдите в систему, чтобы продолжить.',
    invalid_credentials: 'Неверный адрес электронной почты или пароль.',
    forbidden: 'У вас нет прав на это действие.',
    csrf_token_invalid: 'Заголовок X-CSRF-Token отсутствует или неверен; обновите страницу и повторите.',
    not_found: 'Не найдено.',
    route_not_found: 'Такого адреса нет.',
    rate_limited: 'Слишком много попыток. Повторите через {{retryAfterSeconds}} с.',
    internal_error: 'На нашей стороне произошла ошибка. Она записана в журнал.',
    product_code_taken: 'Продукт с кодом {{value}} уже существует.',
    organization_name_taken: 'Организация с названием {{value}} уже существует.',
    license_number_taken: 'Лицензия с номером {{value}} уже существует.',
    certificate_number_taken: 'Сертификат с номером {{value}} уже существует.',
    instance_name_taken: 'У этой организации уже есть экземпляр с именем {{value}}.',
    email_taken: 'Адрес {{value}} уже используется другой учётной записью.',
    product_unknown: 'Продукта с идентификатором {{value}} нет.',
    instance_unknown: 'Экземпляра с идентификатором {{value}} в этой организации нет.',
    certificate_instance_limit:
      'Сертификат покрывает не более {{maxInstances}} экземпляров; указано {{requested}}.',
    instance_not_of_certificate_org: 'Экземпляр {{value}} принадлежит другой организации.',
    period_reversed: 'Дата окончания не может быть раньше даты начала.',
    contact_identity_required: 'Укажите либо contactId, либо contactEmail, но не оба сразу.',
  },
  validation: {
    phone_e164: 'Укажите телефон в международном формате, например +74951234567.',
    inn: 'ИНН состоит из 10 цифр (организация) или 12 цифр (физическое лицо).',
    product_code: 'Используйте 1-32 латинские буквы, цифры, «-» или «_», начиная с буквы или цифры.',
    password_length: 'Пароль должен содержать от 12 до 256 символов.',
    not_blank: 'Поле не должно быть пустым.',
  },
  entitlement: {
    granted: 'Поддержка доступна на уровне «{{level}}» по сертификату {{certificate}}.',
    contact_unknown: 'Отправитель не является уполномоченным лицом ни одного клиента.',
    contact_inactive: 'Это контактное лицо больше не уполномочено подавать запросы.',
    instance_not_of_contact_org: 'Экземпляр не принадлежит организации контактного лица.',
    instance_not_covered: 'Этот экземпляр не покрыт сертификатом технической поддержки.',
    certificate_not_yet_valid: 'Сертификат технической поддержки для этого экземпляра ещё не действует.',
    certificate_expired: 'Срок действия сертификата технической поддержки для этого экземпляра истёк.',
    license_missing: 'На этот продукт нет лицензии.',
    license_expired: 'Срок действия лицензии на этот продукт истёк.',
  },
  levels: { standard: 'Стандартный', extended: 'Расширенный' },
};

export const catalogs: Record<Language, Catalog> = { en, ru };
