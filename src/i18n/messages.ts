import { LABELS } from '../contract/labels.js';

const en = {
  errors: {
    validation_failed: 'The request has invalid fields.',
    invalid_json: 'The request body is not valid JSON.',
    unsupported_media_type: 'Send the request body as application/json.',
    unauthenticated: 'Sign in to continue.',
    invalid_credentials: 'The e-mail or password is wrong.',
    current_password_wrong: 'The current password is wrong.',
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
    calendar_year_missing:
      'The production calendar for {{year}} is not loaded. An administrator can import it (calendar import).',
    date_outside_year: 'The date {{value}} is not a day of {{year}}.',
    date_repeated: 'The date {{value}} is listed twice.',
    workday_not_weekend: '{{value}} is a weekday: only a Saturday or Sunday can be made a working day.',
    day_off_not_weekday: '{{value}} is a weekend day: only a weekday can become a transferred day off.',
    years_not_contiguous: 'The calendar would have no data for {{years}}: import those years too.',
    effective_date_not_later:
      'A new policy version must take effect after today and after the latest version ({{latest}}).',
    duration_not_positive: 'A duration must be longer than zero.',
    override_not_found: 'There is no override for {{value}}.',
    transition_not_allowed: 'This cannot be done while the request is in the status "$t(statuses.{{from}})".',
    attachment_unknown: 'There is no attachment {{value}} waiting to be attached by you.',
    attachment_too_large: 'The file is larger than {{maxMegabytes}} MB.',
    attachment_empty: 'The file is empty.',
    assignee_unknown: 'There is no active support account {{value}}.',
    assignee_not_for_organization: 'This partner engineer does not work for the customer of this request.',
    remote_session_requires_extended:
      'Remote sessions are part of the Extended level only; {{value}} is Standard.',
    out_of_scope_needs_consultation: 'Only a consultation can be marked outside the scope of support.',
    message_unknown: 'The request has no message {{value}}.',
    cursor_invalid: 'The page cursor is not valid; start from the first page.',
    contact_unknown: 'The sender is not an authorized contact of any customer.',
    contact_inactive: 'This contact is no longer authorized to file requests.',
    instance_not_of_contact_org: "The instance does not belong to the contact's organization.",
    instance_not_covered: 'No support certificate covers this instance.',
    certificate_not_yet_valid: 'The support certificate for this instance is not valid yet.',
    certificate_expired: 'The support certificate for this instance has expired.',
    license_missing: 'There is no license for this product.',
    license_expired: 'The license for this product has expired.',
    sender_not_verified: 'The message could not be verified as sent from your address (DMARC, SPF or DKIM).',
    mail_too_large: 'The message is larger than {{maxMegabytes}} MB; send large files as links or in parts.',
    release_not_covered: 'No support certificate of your organization covers an instance of this product.',
    release_exists: 'Version {{value}} of this product is already published.',
    outbox_not_failed: 'This delivery has not failed; only a failed delivery can be sent again.',
    database_unavailable:
      'The database cannot be reached right now. Nothing was changed; try again in a few seconds.',
    body_too_large: 'The request body is larger than {{maxKilobytes}} KB.',
    storage_full:
      'The file could not be stored: the server has no room or no permission to write. Nothing was saved; try again later.',
    ticket_changed: 'The request was changed by someone else since you opened it. Reload it and try again.',
    control_characters:
      'The text contains control characters, which cannot be stored; remove them and try again.',
    port_in_use:
      'Port {{port}} on {{host}} is already in use ({{what}}). Stop what uses it, or choose another port.',
    database_refused:
      'The database refused the connection: {{reason}}. Check DATABASE_URL and that the server runs.',
    path_not_writable:
      'Cannot write to {{path}}: {{reason}}. Check DATA_DIR, the free space and the permissions.',
    mail_malformed: 'The message cannot be read: {{detail}}.',
    sender_ambiguous: 'The message names more than one sender in From, so its sender cannot be verified.',
    database_in_use:
      'The embedded database in {{dataDir}} is in use by process {{pid}} (a running Supportdesk). Stop it first, or run the desk on PostgreSQL (DATABASE_URL) to use the command line alongside it.',
  },
  validation: {
    link_or_page: 'Give either a link or the text of a page, not both.',
    period_order: 'The end of the period must not come before its start.',
    phone_e164: 'Enter the phone number in international format, e.g. +74951234567.',
    inn: 'An INN has 10 digits (organizations) or 12 digits (individuals).',
    product_code: 'Use 1-32 Latin letters, digits, "-" or "_", starting with a letter or digit.',
    password_length: 'The password must be 12 to 256 characters long.',
    not_blank: 'The field must not be empty.',
    control_characters: 'The text contains control characters, which cannot be stored; remove them.',
    if_match: 'If-Match must name the version of the request, such as "3".',
    calendar_year: 'A year is four digits, e.g. 2028.',
    calendar_years_empty: 'The file has no years.',
    month: 'A month is written YYYY-MM, e.g. 2026-05.',
    required: 'Fill in this field.',
    wrong_type: 'Enter {{expected}} here.',
    text_too_short: 'Enter at least {{minimum}} characters.',
    text_too_long: 'Shorten this to {{maximum}} characters at most.',
    list_too_short_one: 'Choose at least one.',
    list_too_short_other: 'Choose at least {{count}}.',
    list_too_long: 'Choose at most {{maximum}}.',
    number_too_small: 'Enter a number of at least {{minimum}}.',
    number_too_big: 'Enter a number of at most {{maximum}}.',
    whole_number: 'Enter a whole number.',
    date: 'Enter a date as YYYY-MM-DD, e.g. 2026-03-05.',
    datetime: 'Enter a date and time with its offset, e.g. 2026-03-05T10:00:00+03:00.',
    email: 'Enter an e-mail address, e.g. name@example.com.',
    uuid: 'This is not an identifier the desk gave out.',
    url: 'Enter an address starting with http:// or https://.',
    pattern: 'This is not written in the expected form.',
    one_of: 'Choose one of: {{values}}.',
    unexpected_field: 'The desk does not take the field "{{field}}".',
    invalid: 'This value is not accepted.',
  },
  value_types: {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'yes or no',
    array: 'a list',
    object: 'a set of fields',
    date: 'a date',
  },
  entitlement: {
    granted: 'Support is available at the {{level}} level under certificate {{certificate}}.',
  },
  sla: {
    clock_business: 'working hours of working days (Moscow, production calendar)',
    clock_daily: '09:00-18:00 Moscow time of every calendar day',
    duration_hours: '{{count}} h',
    duration_workingDays_one: '{{count}} working day ({{hours}} h)',
    duration_workingDays_other: '{{count}} working days ({{hours}} h)',
    rule: '{{level}} level, {{severity}} severity: {{duration}} of {{clock}}; policy of {{policy}}.',
    registered: 'Registered: {{at}} MSK.',
    counting_starts: 'Outside the clock hours: counting starts at {{at}} MSK.',
    counted: 'Counted {{date}} {{from}}-{{to}} ({{amount}}){{note}}.',
    shortened_note: ', a shortened pre-holiday day',
    skipped: 'Skipped {{date}}: {{reason}}.',
    kind_weekend: 'weekend',
    kind_holiday: 'public holiday',
    kind_dayOff: 'day off',
    transferred_from: 'moved from {{date}}',
    due: 'Response due: {{at}} MSK ({{utc}}).',
    amount: '{{hours}} h {{minutes}} min',
    amount_seconds: '{{hours}} h {{minutes}} min {{seconds}} s',
  },
  tickets: {
    severity_change_note: '{{from}} → {{to}}: {{reason}}',
    info_request_checklist:
      'To continue we need a description of your environment (§4.5 of the support policy):\n' +
      '- product version and the list of installed modules;\n' +
      '- operating system, its version, and the DBMS with its version;\n' +
      '- hardware: CPU, memory, disk, or the virtual machine parameters;\n' +
      '- network: how the nodes connect, proxies, firewalls, ports in use;\n' +
      '- the log files of the period when the problem occurred.',
    remote_session_message:
      'Remote diagnostic session. Outcome: {{outcome}}\nRecommendations: {{recommendations}}',
    out_of_scope_explanation:
      'Support consultations cover installing and configuring the programs and modules of the product (§4.2 of the ' +
      'support policy). Designing and implementing your infrastructure is consulting under a separate contract ' +
      '(§4.4); your account manager can arrange it.',
    auto_close_message:
      'The request was closed automatically after 14 working days without a reply (§6.1 of the support policy). ' +
      'If the problem remains, please file a new request.',
  },
  notifications: {
    ticket_acknowledged:
      'Request {{number}} is registered at the {{level}} level. A response is due by {{responseDueAt}} Moscow time.',
    ticket_refused: 'The request "{{subject}}" was not accepted: {{reason}}',
    ticket_reply: 'Support replied on request {{number}}.',
    customer_message: 'The customer wrote on request {{number}}.',
    info_requested: 'Support needs more information on request {{number}}.',
    ticket_resolved: 'Request {{number}} is resolved. Reply if the problem remains.',
    ticket_closed: 'Request {{number}} is closed.',
    ticket_reopened: 'The customer reopened request {{number}}.',
    ticket_auto_closed: 'Request {{number}} was closed after 14 working days without a reply.',
    ticket_assigned: 'Request {{number}} is assigned to you.',
    ticket_split: 'Request {{number}} was split into {{parts}}.',
    ticket_out_of_scope: 'Request {{number}} is outside the scope of support; see the explanation.',
    severity_changed:
      'The severity of request {{number}} changed from {{from}} to {{to}}; a response is due by {{responseDueAt}} Moscow time.',
    remote_session: 'A remote session on request {{number}} was recorded with recommendations.',
    instance_changed:
      'Request {{number}} is now about instance {{instance}}, at the {{level}} level; a response is due by {{responseDueAt}} Moscow time.',
    inactivity_reminder:
      'Request {{number}} waits for your reply (reminder {{reminder}}); it closes by itself at {{autoCloseAt}} Moscow time.',
    sla_warning:
      'Request {{number}}: 75% of the response time is used; due at {{responseDueAt}} Moscow time.',
    sla_breach: 'Request {{number}}: the response deadline {{responseDueAt}} Moscow time has passed.',
    certificate_expiring:
      'Your support certificate {{number}} ({{level}}) is valid until {{validTo}}: {{days}} days left. Renew it so that requests keep being accepted.',
    certificate_expiring_vendor:
      'The support certificate {{number}} of {{organization}} ({{level}}) expires on {{validTo}}, in {{days}} days.',
    policy_published:
      'A new version of the support policy, «{{name}}», takes effect on {{effectiveFrom}}. See what changes on the support policy page.',
  },
  telegram: {
    welcome:
      'This is the support bot. To file requests here, share your phone number with the button below: it must be the number your organization listed for you.',
    share_phone: 'Share my phone number',
    not_own_contact: "Please share your own phone number with the button, not someone else's contact.",
    unknown_phone:
      'The number {{phone}} is not listed as an authorized contact. Requests are also accepted on the portal ({{portal}}) and by e-mail ({{email}}).',
    linked: 'Done, {{name}}. /new files a request, /my lists your open requests.',
    not_linked: 'Share your phone number first: /start.',
    help: '/new: file a request. /my: your open requests. Reply to a message about a request to add to it.',
    choose_instance: 'Which instance is it about?',
    no_instances: "None of your organization's instances is covered by a valid support certificate.",
    choose_severity: 'How severe is it?\n\n{{definitions}}',
    severity_critical:
      'the product has stopped working in production; an urgent fix, at least a temporary one, is needed',
    severity_high: 'the product partly fails in production',
    severity_medium: 'it works as a whole; some features fail but are easy to work around',
    severity_low: 'a minor problem or a question; consultations about the product and its documentation',
    ask_subject: 'In a few words, what happened? (the subject)',
    ask_description:
      'Describe it: what happens, since when, what you tried. You may attach a photo or a file with a caption.',
    registered:
      'Request {{number}} is registered at the {{level}} level. A response is due by {{responseDueAt}} Moscow time.',
    refused: 'The request was not registered: {{reason}}',
    closed_hours:
      'The bot takes requests on working days 09:00–18:00 Moscow time. Around the clock: the portal ({{portal}}) and e-mail ({{email}}). What you write now is kept as a draft; when support opens I will ask whether to register it.',
    draft_kept: 'Kept as a draft. When support opens I will ask whether to register it.',
    draft_question: 'Support is open. Register the request from your draft?\n\n«{{draft}}»',
    yes: 'Yes',
    no: 'No',
    draft_dropped: 'The draft is deleted.',
    my_none: 'You have no open requests.',
    my_item: '{{number}} · {{status}} · {{subject}}\nresponse due {{responseDueAt}}',
    added: 'Added to request {{number}}.',
    followed_up:
      'Request {{closed}} is closed, so your message became a new request {{number}} that continues it. We will answer by {{responseDueAt}}.',
    too_long: 'That is longer than {{max}} characters; please shorten it.',
    file_skipped: 'The file was not kept: {{reason}}',
  },
  mail: {
    reply_hint: 'Reply to this message to add to the request; keep {{number}} in the subject.',
    instance_choice: 'Which instance is this about? Reply with its name: {{instances}}.',
    refused_subject: 'Your message was not registered',
    refused:
      'Your message "{{subject}}" was not registered as a support request: {{reason}}\nRequests are accepted from the authorized contacts of customers with a valid support certificate. This notice is sent at most once a day.',
    attachment_skipped: 'Attachment {{name}} was not kept: {{reason}}',
    signature: 'Supportdesk',
  },
  calendar: {
    weekday_1: 'Mon',
    weekday_2: 'Tue',
    weekday_3: 'Wed',
    weekday_4: 'Thu',
    weekday_5: 'Fri',
    weekday_6: 'Sat',
    weekday_7: 'Sun',
    kind_regular: 'working',
    kind_weekend: 'weekend',
    kind_holiday: 'holiday',
    kind_dayOff: 'day off',
    kind_short: 'shortened',
    kind_workday: 'working (transferred)',
    month_title: '{{month}}: production calendar of Russia, Moscow time',
    totals:
      'Working days: {{days}}; desk hours ({{opensAt}}-{{closesAt}}): {{deskHours}}; norm for a 40-hour week: {{normHours}} h',
    override: 'set by the vendor',
  },
} as const;

/** Every key of the English catalog, plus the plural forms Russian has and English does not. */
type Catalog = { [K in keyof typeof en]: { [M in keyof (typeof en)[K]]: string } & Record<string, string> };

const ru: Catalog = {
  errors: {
    validation_failed: 'В запросе есть неверно заполненные поля.',
    invalid_json: 'Тело запроса — не корректный JSON.',
    unsupported_media_type: 'Передайте тело запроса в формате application/json.',
    unauthenticated: 'Войдите в систему, чтобы продолжить.',
    invalid_credentials: 'Неверный адрес электронной почты или пароль.',
    current_password_wrong: 'Текущий пароль указан неверно.',
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
    calendar_year_missing:
      'Производственный календарь на {{year}} год не загружен. Администратор может его импортировать (calendar import).',
    date_outside_year: 'Дата {{value}} не относится к {{year}} году.',
    date_repeated: 'Дата {{value}} указана дважды.',
    workday_not_weekend: '{{value}} — будний день: рабочим можно сделать только субботу или воскресенье.',
    day_off_not_weekday: '{{value}} — выходной: перенесённым выходным может стать только будний день.',
    years_not_contiguous: 'В календаре не будет данных за {{years}}: импортируйте и эти годы.',
    effective_date_not_later:
      'Новая версия регламента должна вступать в силу позже сегодняшнего дня и позже последней версии ({{latest}}).',
    duration_not_positive: 'Срок должен быть больше нуля.',
    override_not_found: 'Для {{value}} нет особой отметки.',
    transition_not_allowed: 'Это нельзя сделать: запрос в состоянии «$t(statuses.{{from}})».',
    attachment_unknown: 'Нет загруженного вами вложения {{value}}, ожидающего прикрепления.',
    attachment_too_large: 'Файл больше {{maxMegabytes}} МБ.',
    attachment_empty: 'Файл пуст.',
    assignee_unknown: 'Нет активной учётной записи поддержки {{value}}.',
    assignee_not_for_organization: 'Этот инженер партнёра не обслуживает клиента этого запроса.',
    remote_session_requires_extended:
      'Удалённое подключение входит только в расширенный уровень; {{value}} — стандартный.',
    out_of_scope_needs_consultation: 'Вне рамок поддержки можно отметить только консультацию.',
    message_unknown: 'В запросе нет сообщения {{value}}.',
    cursor_invalid: 'Курсор страницы неверен; начните с первой страницы.',
    contact_unknown: 'Отправитель не является уполномоченным лицом ни одного клиента.',
    contact_inactive: 'Это контактное лицо больше не уполномочено подавать запросы.',
    instance_not_of_contact_org: 'Экземпляр не принадлежит организации контактного лица.',
    instance_not_covered: 'Этот экземпляр не покрыт сертификатом технической поддержки.',
    certificate_not_yet_valid: 'Сертификат технической поддержки для этого экземпляра ещё не действует.',
    certificate_expired: 'Срок действия сертификата технической поддержки для этого экземпляра истёк.',
    license_missing: 'На этот продукт нет лицензии.',
    license_expired: 'Срок действия лицензии на этот продукт истёк.',
    sender_not_verified:
      'Не удалось подтвердить, что письмо отправлено с вашего адреса (DMARC, SPF или DKIM).',
    mail_too_large: 'Письмо больше {{maxMegabytes}} МБ; большие файлы пришлите ссылкой или частями.',
    release_not_covered:
      'Ни один сертификат поддержки вашей организации не покрывает экземпляр этого продукта.',
    release_exists: 'Версия {{value}} этого продукта уже опубликована.',
    outbox_not_failed: 'Эта доставка не завершилась ошибкой; повторить можно только неудавшуюся доставку.',
    database_unavailable:
      'База данных сейчас недоступна. Ничего не изменено; повторите через несколько секунд.',
    body_too_large: 'Тело запроса больше {{maxKilobytes}} КБ.',
    storage_full:
      'Файл не удалось сохранить: на сервере нет места или прав на запись. Ничего не сохранено; повторите позже.',
    ticket_changed: 'Запрос изменил кто-то другой, пока он был у вас открыт. Обновите его и повторите.',
    control_characters:
      'В тексте есть управляющие символы, которые нельзя сохранить; удалите их и повторите.',
    port_in_use:
      'Порт {{port}} на {{host}} уже занят ({{what}}). Остановите то, что его занимает, или выберите другой порт.',
    database_refused:
      'База данных отказала в подключении: {{reason}}. Проверьте DATABASE_URL и что сервер запущен.',
    path_not_writable:
      'Не удаётся записать в {{path}}: {{reason}}. Проверьте DATA_DIR, свободное место и права.',
    mail_malformed: 'Письмо невозможно прочитать: {{detail}}.',
    sender_ambiguous:
      'В поле From письма указано несколько отправителей, поэтому отправителя нельзя проверить.',
    database_in_use:
      'Встроенная база данных в {{dataDir}} занята процессом {{pid}} (запущенный Supportdesk). Сначала остановите его или переведите службу на PostgreSQL (DATABASE_URL), чтобы пользоваться командной строкой параллельно.',
  },
  validation: {
    link_or_page: 'Укажите либо ссылку, либо текст страницы, но не то и другое.',
    period_order: 'Конец периода не может быть раньше его начала.',
    phone_e164: 'Укажите телефон в международном формате, например +74951234567.',
    inn: 'ИНН состоит из 10 цифр (организация) или 12 цифр (физическое лицо).',
    product_code: 'Используйте 1-32 латинские буквы, цифры, «-» или «_», начиная с буквы или цифры.',
    password_length: 'Пароль должен содержать от 12 до 256 символов.',
    not_blank: 'Поле не должно быть пустым.',
    control_characters: 'В тексте есть управляющие символы, которые нельзя сохранить; удалите их.',
    if_match: 'В If-Match нужно указать версию запроса, например "3".',
    calendar_year: 'Год — четыре цифры, например 2028.',
    calendar_years_empty: 'В файле нет ни одного года.',
    month: 'Месяц записывается как ГГГГ-ММ, например 2026-05.',
    required: 'Заполните это поле.',
    wrong_type: 'Здесь нужно указать {{expected}}.',
    text_too_short: 'Введите не меньше {{minimum}} символов.',
    text_too_long: 'Сократите текст до {{maximum}} символов.',
    list_too_short_one: 'Выберите хотя бы один вариант.',
    list_too_short_few: 'Выберите не меньше {{count}}.',
    list_too_short_many: 'Выберите не меньше {{count}}.',
    list_too_short_other: 'Выберите не меньше {{count}}.',
    list_too_long: 'Выберите не больше {{maximum}}.',
    number_too_small: 'Введите число не меньше {{minimum}}.',
    number_too_big: 'Введите число не больше {{maximum}}.',
    whole_number: 'Введите целое число.',
    date: 'Укажите дату в виде ГГГГ-ММ-ДД, например 2026-03-05.',
    datetime: 'Укажите дату и время со смещением, например 2026-03-05T10:00:00+03:00.',
    email: 'Укажите адрес электронной почты, например name@example.ru.',
    uuid: 'Это не идентификатор, выданный системой.',
    url: 'Укажите адрес, начинающийся с http:// или https://.',
    pattern: 'Значение записано не в том виде.',
    one_of: 'Выберите одно из значений: {{values}}.',
    unexpected_field: 'Поле «{{field}}» не предусмотрено.',
    invalid: 'Такое значение не подходит.',
  },
  value_types: {
    string: 'текст',
    number: 'число',
    int: 'целое число',
    boolean: 'да или нет',
    array: 'список',
    object: 'набор полей',
    date: 'дату',
  },
  entitlement: {
    granted: 'Поддержка доступна на уровне «{{level}}» по сертификату {{certificate}}.',
  },
  sla: {
    clock_business: 'рабочего времени рабочих дней (Москва, производственный календарь)',
    clock_daily: 'времени с 09:00 до 18:00 МСК каждого календарного дня',
    duration_hours: '{{count}} ч',
    duration_workingDays_one: '{{count}} рабочий день ({{hours}} ч)',
    duration_workingDays_few: '{{count}} рабочих дня ({{hours}} ч)',
    duration_workingDays_many: '{{count}} рабочих дней ({{hours}} ч)',
    duration_workingDays_other: '{{count}} рабочего дня ({{hours}} ч)',
    rule: 'Уровень «{{level}}», приоритет «{{severity}}»: {{duration}} {{clock}}; регламент от {{policy}}.',
    registered: 'Зарегистрирован: {{at}} МСК.',
    counting_starts: 'Вне часов отсчёта: отсчёт начинается {{at}} МСК.',
    counted: 'Учтено {{date}} {{from}}–{{to}} ({{amount}}){{note}}.',
    shortened_note: ', сокращённый предпраздничный день',
    skipped: 'Пропущено {{date}}: {{reason}}.',
    kind_weekend: 'выходной день',
    kind_holiday: 'праздничный день',
    kind_dayOff: 'перенесённый выходной',
    transferred_from: 'перенесён с {{date}}',
    due: 'Срок ответа: {{at}} МСК ({{utc}}).',
    amount: '{{hours}} ч {{minutes}} мин',
    amount_seconds: '{{hours}} ч {{minutes}} мин {{seconds}} с',
  },
  tickets: {
    severity_change_note: '{{from}} → {{to}}: {{reason}}',
    info_request_checklist:
      'Чтобы продолжить, нам нужно описание вашей среды (п. 4.5 Регламента):\n' +
      '- версия продукта и список установленных модулей;\n' +
      '- операционная система и её версия, СУБД и её версия;\n' +
      '- оборудование: процессор, память, диски или параметры виртуальной машины;\n' +
      '- сеть: связь между узлами, прокси, межсетевые экраны, используемые порты;\n' +
      '- журналы за период, когда возникла проблема.',
    remote_session_message:
      'Сеанс удалённой диагностики. Итог: {{outcome}}\nРекомендации: {{recommendations}}',
    out_of_scope_explanation:
      'Консультации в рамках поддержки касаются установки и настройки программ и модулей продукта (п. 4.2 ' +
      'Регламента). Проектирование и внедрение вашей инфраструктуры — консалтинг по отдельному договору (п. 4.4); ' +
      'его поможет организовать ваш менеджер.',
    auto_close_message:
      'Запрос закрыт автоматически: 14 рабочих дней без ответа (п. 6.1 Регламента). ' +
      'Если проблема осталась, зарегистрируйте новый запрос.',
  },
  notifications: {
    ticket_acknowledged:
      'Запрос {{number}} зарегистрирован, уровень «{{level}}». Ответ — не позднее {{responseDueAt}} МСК.',
    ticket_refused: 'Запрос «{{subject}}» не принят: {{reason}}',
    ticket_reply: 'Поддержка ответила по запросу {{number}}.',
    customer_message: 'Клиент написал по запросу {{number}}.',
    info_requested: 'Поддержке нужны дополнительные сведения по запросу {{number}}.',
    ticket_resolved: 'Запрос {{number}} решён. Ответьте, если проблема осталась.',
    ticket_closed: 'Запрос {{number}} закрыт.',
    ticket_reopened: 'Клиент снова открыл запрос {{number}}.',
    ticket_auto_closed: 'Запрос {{number}} закрыт: 14 рабочих дней без ответа.',
    ticket_assigned: 'Вам назначен запрос {{number}}.',
    ticket_split: 'Запрос {{number}} разделён на {{parts}}.',
    ticket_out_of_scope: 'Запрос {{number}} вне рамок технической поддержки; см. пояснение.',
    severity_changed:
      'Приоритет запроса {{number}} изменён с {{from}} на {{to}}; ответ — не позднее {{responseDueAt}} МСК.',
    remote_session: 'По запросу {{number}} проведён сеанс удалённой диагностики, даны рекомендации.',
    instance_changed:
      'Запрос {{number}} теперь относится к экземпляру {{instance}}, уровень «{{level}}». Ответ — не позднее {{responseDueAt}} МСК.',
    inactivity_reminder:
      'Запрос {{number}} ждёт вашего ответа (напоминание {{reminder}}); он закроется сам {{autoCloseAt}} МСК.',
    sla_warning: 'Запрос {{number}}: израсходовано 75% времени на ответ; срок — {{responseDueAt}} МСК.',
    sla_breach: 'Запрос {{number}}: срок ответа {{responseDueAt}} МСК истёк.',
    certificate_expiring:
      'Сертификат технической поддержки {{number}} (уровень «{{level}}») действует до {{validTo}}: осталось {{days}} дн. Продлите его, чтобы запросы принимались и дальше.',
    certificate_expiring_vendor:
      'Сертификат технической поддержки {{number}} клиента {{organization}} (уровень «{{level}}») истекает {{validTo}}, через {{days}} дн.',
    policy_published:
      'Новая редакция регламента технической поддержки «{{name}}» вступает в силу {{effectiveFrom}}. Что меняется — на странице регламента.',
  },
  telegram: {
    welcome:
      'Это бот технической поддержки. Чтобы подавать здесь запросы, поделитесь номером телефона кнопкой ниже: это должен быть номер, который ваша организация указала для вас.',
    share_phone: 'Поделиться номером',
    not_own_contact: 'Поделитесь, пожалуйста, своим номером с помощью кнопки, а не чужим контактом.',
    unknown_phone:
      'Номер {{phone}} не указан среди уполномоченных лиц. Запросы также принимаются на портале ({{portal}}) и по почте ({{email}}).',
    linked: 'Готово, {{name}}. /new — подать запрос, /my — ваши открытые запросы.',
    not_linked: 'Сначала поделитесь номером телефона: /start.',
    help: '/new — подать запрос. /my — ваши открытые запросы. Ответьте на сообщение о запросе, чтобы дополнить его.',
    choose_instance: 'К какому экземпляру относится запрос?',
    no_instances: 'Ни один экземпляр вашей организации не покрыт действующим сертификатом поддержки.',
    choose_severity: 'Насколько это критично?\n\n{{definitions}}',
    severity_critical:
      'полная потеря работоспособности продукта в промышленной эксплуатации, нужно срочное, хотя бы временное, исправление',
    severity_high: 'частичная потеря работоспособности в промышленной эксплуатации',
    severity_medium:
      'работоспособность в целом сохранена, отдельные функции не работают, но это легко обойти',
    severity_low: 'незначительная проблема или вопрос; консультации по продукту и документации',
    ask_subject: 'Коротко: что случилось? (тема запроса)',
    ask_description:
      'Опишите подробнее: что происходит, с какого времени, что уже пробовали. Можно приложить фото или файл с подписью.',
    registered:
      'Запрос {{number}} зарегистрирован, уровень «{{level}}». Ответ — не позднее {{responseDueAt}} МСК.',
    refused: 'Запрос не зарегистрирован: {{reason}}',
    closed_hours:
      'Бот принимает запросы в рабочие дни с 09:00 до 18:00 МСК. Круглосуточно: портал ({{portal}}) и почта ({{email}}). То, что вы напишете сейчас, я сохраню как черновик и в начале рабочего дня спрошу, зарегистрировать ли его.',
    draft_kept: 'Сохранено как черновик. В начале рабочего дня спрошу, зарегистрировать ли запрос.',
    draft_question: 'Поддержка работает. Зарегистрировать запрос из черновика?\n\n«{{draft}}»',
    yes: 'Да',
    no: 'Нет',
    draft_dropped: 'Черновик удалён.',
    my_none: 'Открытых запросов нет.',
    my_item: '{{number}} · {{status}} · {{subject}}\nответ не позднее {{responseDueAt}}',
    added: 'Добавлено в запрос {{number}}.',
    followed_up:
      'Запрос {{closed}} закрыт, поэтому ваше сообщение стало новым запросом {{number}} — продолжением закрытого. Ответим до {{responseDueAt}}.',
    too_long: 'Длиннее {{max}} символов; сократите, пожалуйста.',
    file_skipped: 'Файл не сохранён: {{reason}}',
  },
  mail: {
    reply_hint: 'Ответьте на это письмо, чтобы дополнить запрос; номер {{number}} в теме сохраните.',
    instance_choice: 'К какому экземпляру относится запрос? Ответьте, указав его имя: {{instances}}.',
    refused_subject: 'Ваше письмо не зарегистрировано',
    refused:
      'Ваше письмо «{{subject}}» не зарегистрировано как запрос в техническую поддержку: {{reason}}\nЗапросы принимаются от уполномоченных лиц клиентов с действующим сертификатом технической поддержки. Это уведомление отправляется не чаще раза в день.',
    attachment_skipped: 'Вложение {{name}} не сохранено: {{reason}}',
    signature: 'Служба технической поддержки',
  },
  calendar: {
    weekday_1: 'Пн',
    weekday_2: 'Вт',
    weekday_3: 'Ср',
    weekday_4: 'Чт',
    weekday_5: 'Пт',
    weekday_6: 'Сб',
    weekday_7: 'Вс',
    kind_regular: 'рабочий',
    kind_weekend: 'выходной',
    kind_holiday: 'праздник',
    kind_dayOff: 'выходной (перенос)',
    kind_short: 'сокращённый',
    kind_workday: 'рабочий (перенос)',
    month_title: '{{month}}: производственный календарь России, московское время',
    totals:
      'Рабочих дней: {{days}}; часов службы ({{opensAt}}–{{closesAt}}): {{deskHours}}; норма при 40-часовой неделе: {{normHours}} ч',
    override: 'установлено правообладателем',
  },
};

export const catalogs = { en: { ...LABELS.en, ...en }, ru: { ...LABELS.ru, ...ru } };
