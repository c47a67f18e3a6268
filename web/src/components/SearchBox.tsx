import { SEARCH_MAX_LENGTH, TICKET_NUMBER_PATTERN } from '@contract/constants';
import { TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';

/**
 * The search field of the header: `/` or Ctrl+K (⌘K) takes the cursor there from anywhere but a
 * text field. A request number goes straight to its request; anything else lists what matches.
 */
/** `onSearched` closes the phone's menu the box sits in once the search is made. */
export function SearchBox({ onSearched }: { onSearched?: () => void } = {}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const input = useRef<HTMLInputElement>(null);
  useHotkeys([
    ['/', () => input.current?.focus()],
    ['mod+K', () => input.current?.focus()],
  ]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = text.trim();
    if (!typed) return;
    if (TICKET_NUMBER_PATTERN.test(typed)) navigate(`/requests/${typed.toUpperCase()}`);
    else navigate(`/requests?q=${encodeURIComponent(typed)}`);
    onSearched?.();
  };
  return (
    <search aria-label={t('search.label')}>
      <form onSubmit={submit}>
        <TextInput
          ref={input}
          type="search"
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
          aria-keyshortcuts="/ Control+K"
          maxLength={SEARCH_MAX_LENGTH}
          w={{ base: '100%', sm: 320 }}
          size="xs"
        />
      </form>
    </search>
  );
}
