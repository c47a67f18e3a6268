import { MultiSelect } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk } from '../../api/operations';
import { PeriodFields, TextField } from '../../components/FormFields';
import { useProducts } from '../../components/ProductSelect';
import { ActionDialog } from '../ActionDialog';
import type { EditorProps } from './editorProps';

export function LicenseDialog({ organization, onClose }: EditorProps) {
  const { t } = useTranslation();
  const products = useProducts();
  const [number, setNumber] = useState('');
  const [productIds, setProductIds] = useState<string[]>([]);
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  return (
    <ActionDialog
      title={t('customers.licenses')}
      opened
      onClose={onClose}
      submitLabel={t('common.create')}
      refresh={[['organization', organization.id]]}
      fields={['number', 'productIds', 'validFrom', 'validTo']}
      run={() =>
        desk.createLicense(organization.id, {
          number,
          productIds,
          validFrom,
          validTo: validTo || null,
        })
      }
    >
      {(fieldError) => (
        <>
          <TextField
            label={t('customers.number')}
            required
            value={number}
            onChange={setNumber}
            error={fieldError('number')}
          />
          <MultiSelect
            label={t('customers.products')}
            required
            data={(products.data ?? []).map((product) => ({ value: product.id, label: product.name }))}
            value={productIds}
            onChange={setProductIds}
            error={fieldError('productIds')}
          />
          <PeriodFields
            validFrom={validFrom}
            validTo={validTo}
            onValidFromChange={setValidFrom}
            onValidToChange={setValidTo}
            fieldError={fieldError}
            openEnded={true}
          />
        </>
      )}
    </ActionDialog>
  );
}
