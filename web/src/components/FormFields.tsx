import { Group, Textarea, type TextareaProps, TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { GrowingTextarea } from './GrowingTextarea';

type ValueChange = { onChange: (value: string) => void };

/** A labelled text field that hands back the text itself: every form's fields read the same. */
export function TextField({ onChange, ...props }: Omit<TextInputProps, 'onChange'> & ValueChange) {
  return <TextInput {...props} onChange={(event) => onChange(event.currentTarget.value)} />;
}

/** A labelled text area; given `minRows`, it grows with the text from that many lines. */
export function TextAreaField({
  onChange,
  minRows,
  ...props
}: Omit<TextareaProps, 'onChange' | 'autosize' | 'minRows' | 'maxRows'> &
  ValueChange & { minRows?: number }) {
  const change = (event: { currentTarget: { value: string } }) => onChange(event.currentTarget.value);
  return minRows === undefined ? (
    <Textarea {...props} onChange={change} />
  ) : (
    <GrowingTextarea {...props} minRows={minRows} onChange={change} />
  );
}

interface PeriodProps {
  validFrom: string;
  validTo: string;
  onValidFromChange: (value: string) => void;
  onValidToChange: (value: string) => void;
  /** The server's message for a field, by its name. */
  fieldError: (field: string) => string | undefined;
  /** A perpetual license has no end; a certificate always has one. */
  openEnded: boolean;
}

/** A validity period of Moscow days, from and to side by side, each with the server's message under it. */
export function PeriodFields(props: PeriodProps) {
  const { t } = useTranslation();
  return (
    <Group grow>
      <TextField
        type="date"
        label={t('customers.validFrom')}
        required
        value={props.validFrom}
        onChange={props.onValidFromChange}
        error={props.fieldError('validFrom')}
      />
      <TextField
        type="date"
        label={t('customers.validTo')}
        required={!props.openEnded}
        {...(props.openEnded ? { description: t('common.optional') } : {})}
        value={props.validTo}
        onChange={props.onValidToChange}
        error={props.fieldError('validTo')}
      />
    </Group>
  );
}

/** A select's value as one of the values it offers (the select only offers those), or nothing. */
export const oneOf = <Value extends string>(values: readonly Value[], value: string | null): Value | null =>
  values.find((candidate) => candidate === value) ?? null;
