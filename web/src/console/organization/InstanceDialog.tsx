import { ENVIRONMENTS, type Environment } from '@contract/constants';
import { Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk } from '../../api/operations';
import { oneOf, TextField } from '../../components/FormFields';
import { ProductSelect } from '../../components/ProductSelect';
import { ActionDialog } from '../ActionDialog';
import type { EditorProps } from './editorProps';

export function InstanceDialog({ organization, onClose }: EditorProps) {
  const { t } = useTranslation();
  const [productId, setProductId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<Environment | null>('production');
  const [version, setVersion] = useState('');
  return (
    <ActionDialog
      title={t('customers.instances')}
      opened
      onClose={onClose}
      submitLabel={t('common.create')}
      refresh={[['organization', organization.id]]}
      fields={['productId', 'name', 'environment', 'version']}
      run={() =>
        desk.createInstance(organization.id, { productId: productId ?? '', name, environment, version })
      }
    >
      {(fieldError) => (
        <>
          <ProductSelect value={productId} onChange={setProductId} error={fieldError('productId')} />
          <TextField
            label={t('customers.name')}
            required
            value={name}
            onChange={setName}
            error={fieldError('name')}
          />
          <Select
            label={t('customers.environment')}
            required
            data={ENVIRONMENTS.map((value) => ({
              value,
              label: t(`environments.${value}`),
            }))}
            value={environment}
            onChange={(value) => setEnvironment(oneOf(ENVIRONMENTS, value))}
            error={fieldError('environment')}
            allowDeselect={false}
          />
          <TextField
            label={t('customers.version')}
            required
            value={version}
            onChange={setVersion}
            error={fieldError('version')}
          />
        </>
      )}
    </ActionDialog>
  );
}
