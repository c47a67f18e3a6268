import type { Level } from '@contract/constants';
import { LEVELS } from '@contract/constants';
import type { Certificate } from '@contract/organizations';
import { MultiSelect, NumberInput, Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk } from '../../api/operations';
import { PeriodFields, TextField } from '../../components/FormFields';
import { ActionDialog } from '../ActionDialog';
import type { EditorProps } from './editorProps';

export function CertificateDialog({
  organization,
  certificate,
  onClose,
}: EditorProps & { certificate: Certificate | null }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState(certificate?.number ?? '');
  const [level, setLevel] = useState<Level>(certificate?.level ?? 'standard');
  const [validFrom, setValidFrom] = useState(certificate?.validFrom ?? '');
  const [validTo, setValidTo] = useState(certificate?.validTo ?? '');
  const [maxInstances, setMaxInstances] = useState<number | string>(certificate?.maxInstances ?? 1);
  const [instanceIds, setInstanceIds] = useState<string[]>(certificate?.instanceIds ?? []);
  const body = { level, validFrom, validTo, maxInstances: Number(maxInstances), instanceIds };
  return (
    <ActionDialog
      title={certificate ? certificate.number : t('customers.certificates')}
      opened
      onClose={onClose}
      submitLabel={certificate ? t('common.save') : t('common.create')}
      refresh={[['organization', organization.id]]}
      fields={['number', 'level', 'validFrom', 'validTo', 'maxInstances', 'instanceIds']}
      run={() =>
        certificate
          ? desk.updateCertificate(certificate.id, body)
          : desk.createCertificate(organization.id, { ...body, number })
      }
    >
      {(fieldError) => (
        <>
          {certificate ? null : (
            <TextField
              label={t('customers.number')}
              required
              value={number}
              onChange={setNumber}
              error={fieldError('number')}
            />
          )}
          <Select
            label={t('customers.level')}
            data={LEVELS.map((value) => ({
              value,
              label: t(`levels.${value}`),
            }))}
            value={level}
            onChange={(value) => setLevel((value ?? 'standard') as Level)}
            error={fieldError('level')}
            allowDeselect={false}
          />
          <PeriodFields
            validFrom={validFrom}
            validTo={validTo}
            onValidFromChange={setValidFrom}
            onValidToChange={setValidTo}
            fieldError={fieldError}
            openEnded={false}
          />
          <NumberInput
            label={t('customers.maxInstances')}
            min={1}
            value={maxInstances}
            onChange={setMaxInstances}
            error={fieldError('maxInstances')}
          />
          <MultiSelect
            label={t('customers.coveredInstances')}
            data={organization.instances.map((instance) => ({ value: instance.id, label: instance.name }))}
            value={instanceIds}
            onChange={setInstanceIds}
            error={fieldError('instanceIds')}
          />
        </>
      )}
    </ActionDialog>
  );
}
