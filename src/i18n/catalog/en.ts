/** Every text the server shows a person, in English; ru.ts must have every key this has. */
export const en = {
  errors: {
    rating_link_invalid:
      'This rating link is not valid: open it from the mail as it came, or rate the request in the portal.',
    rating_already_given: 'This request is rated already; thank you. A rating is given once.',
    rating_comment_given: 'The comment on this rating has been given already.',
    rating_not_asked:
      'This request has no rating to give: it is asked of the contact who filed it, once it is resolved.',
    range_not_satisfiable: 'The file has {{size}} bytes; the range asked for lies outside it.',
    validation_failed: 'The request has invalid fields.',
    invalid_json: 'The request body is not valid JSON.',
    unsupported_media_type: 'Send the request body as application/json.',
    unauthenticated: 'Sign in to continue.',
    invalid_credentials: 'The e-mail or password is wrong.',
    current_password_wrong: 'The current password is wrong.',
    account_link_invalid:
      'This link no longer works: it was used, a newer one was sent, or it expired. Ask for a new one on the sign-in page.',
    second_factor_required: 'Enter the code from your authenticator app, or a recovery code.',
    second_factor_invalid:
      'The code is wrong or already used. Enter the current code from the app, or an unused recovery code.',
    second_factor_locked:
      'Codes from the app are locked after many wrong ones. Sign in with a recovery code, or ask an administrator to lift the lock.',
    second_factor_wait:
      'Too many wrong codes in a row. The next code can be entered in {{retryAfterSeconds}} s.',
    second_factor_not_started: 'Start adding the authenticator first: a new QR code is shown for it.',
    second_factor_off: 'Two-factor sign-in is not on for this account.',
    second_factor_mandatory: 'The desk requires two-factor sign-in of staff; it cannot be turned off.',
    second_factor_enrolment_required:
      'The desk requires two-factor sign-in: add an authenticator in your profile before going on.',
    second_factor_enrol_first:
      'Add an authenticator to your own account first, so as not to lock yourself out.',
    contact_erased: "This contact's data is already erased.",
    erasure_confirmation_mismatch: "Type the contact's current e-mail address to confirm the erasure.",
    directory_account: 'This account signs in with the company directory; its password is changed there.',
    directory_unavailable:
      'The company directory does not answer, so staff cannot sign in with it now. Try again in a minute.',
    sso_not_configured: 'Single sign-on is not set up on this desk.',
    sso_failed: 'Single sign-on did not complete (it took too long, or the provider refused). Try again.',
    sso_no_role:
      'The company directory gives you no role in support. Ask your administrator to add you to a support group.',
    sso_account_refused:
      'This account cannot sign in with single sign-on: it is deactivated, or signs in with a password here.',
    account_inactive: 'The account is deactivated; activate it first.',
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
    calendar_year_loaded:
      'The file changes calendar years already loaded: {{years}}. Review the changes (the import preview) and confirm the replacement.',
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
    telegram_not_configured:
      'The desk has no Telegram bot to link to (TELEGRAM_BOT_TOKEN and TELEGRAM_BOT_NAME).',
    imported_request_closed:
      'Request {{value}} was closed in the desk used before this one; please file a new request.',
    imported_without_entitlement:
      'Request {{value}} was imported from another desk and has no certificate: its severity, instance and time spent stay as they came.',
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
    storage_unavailable:
      'The file store cannot be reached right now. Nothing was saved; try again in a few seconds.',
    storage_full:
      'The file could not be stored: the server has no room or no permission to write. Nothing was saved; try again later.',
    rejection_settled: 'This refused message has already been settled.',
    rejection_sender_not_address:
      'Only the sender of a mail, with an e-mail address, can be added as a contact; this message has none.',
    idempotency_key_in_flight:
      'The action sent with this Idempotency-Key is still running. Try again in a few seconds.',
    split_repeated:
      'This request was just split the same way: {{numbers}}. To split it again, reload the page.',
    idempotency_key_reused:
      'This Idempotency-Key was already used for a different write. Send a new key for a new request or message.',
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
    macro_unknown_variable:
      'There is no variable {{value}}. Available: {{contact.name}}, {{ticket.number}}, {{ticket.responseDueAt}}, {{agent.name}}, {{organization.name}} and the others listed.',
    macro_empty: 'A macro needs a reply text or at least one action.',
    macro_is_policy_answer: 'This is an answer the support policy provides: it can be edited, not deleted.',
    macro_needs_text: 'This action needs a message to the customer.',
    tag_unknown: 'There is no tag {{value}} in the list.',
    tag_name_taken: 'The tag "{{value}}" already exists.',
    webhook_url_invalid: 'A webhook needs an address starting with https://.',
    webhook_https_required:
      'A webhook must use HTTPS. Plain HTTP is allowed only to a host the operator lists in WEBHOOK_ALLOWED_HOSTS.',
    webhook_credentials_in_url:
      'Do not put a user name or password in the address: every delivery is signed with the secret the desk gives.',
    webhook_address_not_public:
      'The address {{value}} is inside a private network. Webhooks go to public addresses unless the operator lists the host in WEBHOOK_ALLOWED_HOSTS.',
    view_query_invalid: 'The view parameter {{value}} is not valid.',
    merge_into_itself: 'A request cannot be merged into itself.',
    merge_across_organizations: 'Only requests of the same organization can be merged.',
    phone_call_in_future: 'The call time {{value}} has not come yet.',
    phone_call_too_old:
      'The call at {{value}} was more than a day ago: register the request at the current time and say in it when the call was.',
    worklog_in_future: 'The work date {{value}} has not come yet.',
    organization_inn_taken: 'An organization with the INN {{value}} already exists.',
    organization_registry_kind:
      'The OGRN and KPP must match the INN: a company has a 10-digit INN, a 13-digit OGRN and a KPP; a sole trader a 12-digit INN and a 15-digit OGRNIP, without a KPP.',
    last_admin: 'This is the last active administrator: make someone else one first.',
  },
  validation: {
    link_or_page: 'Give either a link or the text of a page, not both.',
    period_order: 'The end of the period must not come before its start.',
    phone:
      'Enter a phone number, e.g. +7 912 345-67-89 or 8 (495) 123-45-67; a number of another country with + and its code.',
    inn: 'An INN has 10 digits (organizations) or 12 digits (individuals).',
    product_code: 'Use 1-32 Latin letters, digits, "-" or "_", starting with a letter or digit.',
    password_length: 'The password must be 12 to 256 characters long.',
    not_blank: 'The field must not be empty.',
    control_characters: 'The text contains control characters, which cannot be stored; remove them.',
    nested_too_deep: 'The data is nested too deeply: at most {{depth}} levels are accepted.',
    idempotency_key: 'Idempotency-Key must be 1 to 200 printable characters without spaces, such as a UUID.',
    ticket_number: 'A request number is written SD-2026-00001: SD, the year and at least five digits.',
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
    tag_name: 'A tag is one word, without spaces.',
    duplicates: 'Each value may be given once.',
    inn_checksum: 'The INN has a mistake: its check digits do not match. Check the number.',
    kpp: 'A KPP is nine characters: four digits, two digits or Latin capitals, three digits, e.g. 773601001.',
    ogrn: 'The OGRN has a mistake: it is 13 digits (an OGRNIP 15) with a right check digit.',
    registry_kind:
      'The OGRN and KPP must match the INN: a company has a 13-digit OGRN and a KPP, a sole trader a 15-digit OGRNIP without a KPP.',
  },
  report_columns: {
    page: 'Page',
    opened: 'Opened from a suggestion',
    filed: 'A request followed',
    notFiled: 'No request followed',
    deflectedShare: 'Share answered by the page',
    replies: 'Public replies',
    rated: 'Ratings',
    asked: 'Asked',
    averageScore: 'Average rating',
    score1: 'Rated 1',
    score2: 'Rated 2',
    score3: 'Rated 3',
    score4: 'Rated 4',
    score5: 'Rated 5',
    responses: 'Responses',
    respondedOnTime: 'Responses on time',
    resolved: 'Resolved',
    medianResolutionHours: 'Median time to resolution, h',
    p90ResolutionHours: '90th percentile time to resolution, h',
    month: 'Month',
    level: 'Level',
    severity: 'Severity',
    organization: 'Customer',
    total: 'Requests',
    onTime: 'Answered on time',
    late: 'Answered late',
    pending: 'Deadline not yet passed',
    onTimeShare: 'Share on time',
    medianResponseHours: 'Median response, h',
    p90ResponseHours: '90th percentile response, h',
    status: 'Status',
    age: 'Age',
    count: 'Requests',
    channel: 'Channel',
    certificate: 'Certificate',
    validTo: 'Valid to',
    instancesCovered: 'Instances covered',
    maxInstances: 'Instances allowed',
    contact: 'Contact',
    requests: 'Requests',
    organizationDownloads: 'Release downloads by the customer',
    agent: 'Agent',
    entries: 'Entries',
    hours: 'Hours',
    billableHours: 'Billable hours',
  },
  report_ages: {
    under_1_day: 'under a day',
    '1_to_3_days': '1-3 days',
    '3_to_7_days': '3-7 days',
    '7_to_30_days': '7-30 days',
    over_30_days: 'over 30 days',
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
    clock_business: 'in working hours on the production calendar (09:00–18:00 Moscow time)',
    clock_daily: '09:00–18:00 Moscow time every calendar day',
    duration_hours: '{{count}} h',
    duration_workingDays_one: '{{count}} working day ({{hours}} h)',
    duration_workingDays_other: '{{count}} working days ({{hours}} h)',
    rule: '{{level}} level, {{severity}} severity: {{duration}}, counted {{clock}}; policy of {{policy}}.',
    registered: 'Registered: {{at}} MSK.',
    counting_starts: 'Outside the clock hours: counting starts at {{at}} MSK.',
    counted: 'Counted {{date}} {{from}}-{{to}} ({{amount}}){{note}}.',
    shortened_note: ', a shortened pre-holiday day',
    skipped: 'Skipped {{date}}: {{reason}}.',
    kind_weekend: 'weekend',
    kind_holiday: 'public holiday',
    kind_dayOff: 'day off',
    transferred_from: 'moved from {{date}}',
    due: 'Response due: {{at}} MSK.',
    due_utc: 'Response due: {{at}} MSK ({{utc}}).',
    amount: '{{hours}} h {{minutes}} min',
    amount_seconds: '{{hours}} h {{minutes}} min {{seconds}} s',
  },
  tickets: {
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
    merged_message: 'This request was merged into {{number}}: the conversation goes on there.',
  },
  notifications: {
    satisfaction_request:
      'How well was request {{number}} handled? Rate it from 1 (very poor) to 5 (excellent).',
    ticket_acknowledged:
      'Request {{number}} is registered at the {{level}} level. A response is due by {{responseDueAt}} Moscow time.',
    ticket_refused: 'The request "{{subject}}" was not accepted: {{reason}}',
    ticket_reply: 'Support replied on request {{number}}.',
    ticket_created: 'New request {{number}} in the queue: “{{subject}}”, {{organization}}.',
    follow_up_warning:
      'Request {{number}} “{{subject}}”, {{organization}}: the customer is waiting, 75% of the time is used; reply by {{followUpDueAt}} Moscow time.',
    follow_up_breach:
      "Request {{number}} “{{subject}}”, {{organization}}: the reply to the customer's message was due at {{followUpDueAt}} Moscow time.",
    customer_message: 'New message on request {{number}} “{{subject}}”, {{organization}}, from {{actor}}.',
    info_requested: 'Support needs more information on request {{number}}.',
    ticket_resolved: 'Request {{number}} is resolved. Reply if the problem remains.',
    ticket_closed: 'Request {{number}} is closed.',
    ticket_reopened: 'Request {{number}} “{{subject}}”, {{organization}}, was reopened by {{actor}}.',
    ticket_auto_closed: 'Request {{number}} was closed after 14 working days without a reply.',
    ticket_assigned: 'Request {{number}} “{{subject}}”, {{organization}}, is assigned to you by {{actor}}.',
    second_factor_locked:
      'After {{failures}} wrong codes in a row, signing in with codes from the authenticator app is locked. If it was not you, change your password. You can still sign in with a recovery code, and an administrator can lift the lock.',
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
      'Request {{number}} “{{subject}}”, {{organization}}: 75% of the response time is used; due at {{responseDueAt}} Moscow time.',
    sla_breach:
      'Request {{number}} “{{subject}}”, {{organization}}: the response deadline {{responseDueAt}} Moscow time has passed.',
    certificate_expiring_one:
      'Your support certificate {{number}} ({{level}}) is valid until {{validTo}}: {{count}} day left. Renew it so that requests keep being accepted.',
    certificate_expiring_other:
      'Your support certificate {{number}} ({{level}}) is valid until {{validTo}}: {{count}} days left. Renew it so that requests keep being accepted.',
    certificate_expiring_vendor_one:
      'The support certificate {{number}} of {{organization}} ({{level}}) expires on {{validTo}}, in {{count}} day.',
    certificate_expiring_vendor_other:
      'The support certificate {{number}} of {{organization}} ({{level}}) expires on {{validTo}}, in {{count}} days.',
    policy_published:
      'A new version of the support policy, «{{name}}», takes effect on {{effectiveFrom}}. See what changes on the support policy page.',
    ticket_merged: 'Request {{number}} was merged into {{into}}; the conversation goes on there.',
  },
  telegram: {
    rated:
      'Thank you: request {{number}} is rated {{score}} of 5. A comment can be added on the request in the portal.',
    rating_refused: 'This request is rated already.',
    welcome:
      'This is the support bot. To file requests here, share your phone number with the button below: it must be the number your organization listed for you.',
    share_phone: 'Share my phone number',
    welcome_by_link:
      'This is the support bot. To link this chat to your profile, share your phone number with the button below: the one your profile lists.',
    link_expired:
      'This link was used already or has expired: take a new one from your profile. You can also just share your phone number with the button below.',
    not_the_link_owner:
      'The number {{phone}} is not the one listed in the profile the link came from. Share that number, or ask your administrator to correct it.',
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
    my_imported_item:
      '{{number}} · {{status}} · {{subject}}\nbrought over from the previous desk, no. {{reference}}',
    added: 'Added to request {{number}}.',
    followed_up:
      'Request {{closed}} is closed, so your message became a new request {{number}} that continues it. We will answer by {{responseDueAt}}.',
    too_long: 'That is longer than {{max}} characters; please shorten it.',
    file_skipped: 'The file was not kept: {{reason}}',
  },
  mail: {
    rating_links: 'One click rates it:\n{{links}}',
    reply_hint: 'Reply to this message to add to the request; keep {{number}} in the subject.',
    instance_choice: 'Which instance is this about? Reply with its name: {{instances}}.',
    refused_subject: 'Your message was not registered',
    refused:
      'Your message "{{subject}}" was not registered as a support request: {{reason}}\nRequests are accepted from the authorized contacts of customers with a valid support certificate. If you work for one of our customers, ask an authorized contact of your organization, or its management, to tell us to add you to the list of authorized persons (§2.4 of the support policy); if you are on it already, write from the address it names. This notice is sent at most once a day.',
    attachment_skipped: 'Attachment {{name}} was not kept: {{reason}}',
    signature: 'Supportdesk',
    invitation_subject: 'Your Supportdesk account',
    invitation:
      'Hello, {{name}}.\n\nAn account has been made for you at the support desk. Choose your password here:\n{{url}}\n\nThe link works once, for {{hours}} hours. If you did not expect this mail, ignore it.',
    reset_subject: 'Resetting your Supportdesk password',
    reset:
      'Hello, {{name}}.\n\nSomeone asked to reset the password of your support desk account. Choose a new password here:\n{{url}}\n\nThe link works once, for {{hours}} hour. Your other sessions end when the password is set. If it was not you, ignore this mail: the password stays as it is.',
    open_request: 'Open the request: {{url}}',
    signature_agent: 'Supportdesk. Choose which notices come by mail in your profile.',
    agent_digest_subject_one: '{{count}} notice in the last minute',
    agent_digest_subject_other: '{{count}} notices in the last minute',
    agent_digest_intro:
      'There were more notices than usual in the last minute; rather than one mail each, here they are together.',
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
  macros: {
    info_request_title: 'Configuration information request (§4.5)',
    info_request_greeting:
      'Hello {{contact.name}},\n\nTo look into request {{ticket.number}} ({{product.name}}, instance {{instance.name}}), please send us the details below.',
    out_of_scope_title: 'Outside the scope of support (§4.2)',
    moscow_time: 'MSK',
  },
} as const;

/** Every key of the English catalog, plus the plural forms Russian has and English does not. */

/** The shape every language's catalogue has: the keys of the English one. */
export type Catalog = {
  [K in keyof typeof en]: { [M in keyof (typeof en)[K]]: string } & Record<string, string>;
};
